import { useState } from "react";
import { getMfaAttemptCode, StackError } from "../core/index.js";
import { useAuthRedirects, useOAuthCallback, useStackNavigate, useStackUrls } from "../react/index.js";
import type { HeadingLevel } from "./AuthCard.js";
import { Outcome, Working } from "./LinkPage.js";
import { MfaForm } from "./MfaForm.js";
import { errorMessage, mergeStrings, type Strings } from "./strings.js";

export interface OAuthCallbackProps {
  strings?: Partial<Strings>;
  /** The callback URL; default the page's. */
  url?: string;
  /** The level of the page's title: 1 (default) when the page is the main content. */
  headingLevel?: HeadingLevel;
}

/**
 * Where OAuth providers send the browser back: in the popup it hands the result to the opener and closes;
 * otherwise it finishes the sign-in (once, StrictMode too) and goes back to where the user came from.
 */
export function OAuthCallback({ strings, url, headingLevel = 1 }: OAuthCallbackProps) {
  const t = mergeStrings(strings);
  const { status, error, result } = useOAuthCallback({ url });
  const redirects = useAuthRedirects();
  const urls = useStackUrls();
  const navigate = useStackNavigate();
  const [mfaDone, setMfaDone] = useState(false);
  const title = t.oauthCallbackTitle;
  const backToSignIn = (
    <p className="stack-footer">
      <a href={redirects.linkTo(urls.signIn)}>{t.backToSignIn}</a>
    </p>
  );

  switch (status) {
    case "pending":
      return <Working title={title} level={headingLevel} text={t.finishingSignIn} />;
    case "popup":
      return <Outcome title={title} level={headingLevel} kind="success" message={t.popupDone} />;
    case "signed-in":
      return (
        <Working
          title={title}
          level={headingLevel}
          text={result?.isNewUser ? t.accountCreated : t.redirecting}
        />
      );
    case "none":
      return (
        <Outcome title={title} level={headingLevel} kind="success" message={t.noSignInToFinish}>
          {backToSignIn}
        </Outcome>
      );
    case "error": {
      const attemptCode = getMfaAttemptCode(error);
      if (attemptCode) {
        return (
          <MfaForm
            attemptCode={attemptCode}
            succeeded={mfaDone}
            onSuccess={(result) => {
              setMfaDone(true);
              redirects.afterAuth(result);
            }}
            onCancel={() => navigate(redirects.linkTo(urls.signIn), { replace: true })}
            headingLevel={headingLevel}
            t={t}
          />
        );
      }
      return (
        <Outcome
          title={title}
          level={headingLevel}
          kind="error"
          message={error ? errorMessage(withoutUrlText(error), t) : t.oauthFailed}
        >
          {backToSignIn}
        </Outcome>
      );
    }
  }
}

/**
 * Errors of Stack's error redirect arrive as URL params (status 0): anyone can craft such a link, so its
 * free text is never shown on the app's origin, only the kit's words for the code.
 */
function withoutUrlText(error: StackError): StackError {
  return error.status === 0 && error.code !== "NETWORK_ERROR" ? new StackError(error.code, 0, "") : error;
}

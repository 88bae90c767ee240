import { useState } from "react";
import { getMfaAttemptCode, StackError } from "../core/index.js";
import { useAuthRedirects, useMagicLink, useStackUrls, useUser } from "../react/index.js";
import { AuthCard, type HeadingLevel, Loading } from "./AuthCard.js";
import { Button } from "./Button.js";
import { FormError } from "./FormError.js";
import { Outcome, Working } from "./LinkPage.js";
import { useSearchParam } from "./location.js";
import { MfaForm } from "./MfaForm.js";
import { isRetryable, linkErrorMessage, mergeStrings, type Strings } from "./strings.js";
import { useCodeOnce } from "./useCodeOnce.js";

export interface MagicLinkCallbackProps {
  strings?: Partial<Strings>;
  /** The link's code; default the `code` query parameter. */
  code?: string | null;
  /** The level of the page's title: 1 (default) when the page is the main content. */
  headingLevel?: HeadingLevel;
}

/**
 * Where a sign-in email's link lands. It checks the code without using it up, then waits for one click:
 * mail scanners that open links (and even run their scripts) never sign anyone in or burn the code.
 */
export function MagicLinkCallback({ strings, code: codeProp, headingLevel = 1 }: MagicLinkCallbackProps) {
  const t = mergeStrings(strings);
  const fromUrl = useSearchParam("code");
  const code = codeProp !== undefined ? codeProp : fromUrl;
  const { checkCode, signInWithCode, isPending, error, reset } = useMagicLink();
  const redirects = useAuthRedirects();
  const urls = useStackUrls();
  // Set once signed in: whether the link created the account decides the words shown.
  const [outcome, setOutcome] = useState<{ isNewUser: boolean }>();
  const succeeded = outcome !== undefined;
  const { user } = useUser();
  // Who is signed in before the click (once the link has signed in, that is the link's account).
  const signedIn = !succeeded && user ? (user.primaryEmail ?? user.id) : undefined;
  const [signingIn, setSigningIn] = useState(false);
  // Checked, never used, on load: only the click below uses the code.
  const check = useCodeOnce(code, checkCode);

  const title = t.magicLinkTitle;
  const newLink = (
    <p className="stack-footer">
      <a href={redirects.linkTo(urls.signIn)}>{t.newSignInLink}</a>
    </p>
  );
  if (code === undefined) return <Loading title={title} level={headingLevel} t={t} />;
  if (code === null) {
    return (
      <Outcome title={title} level={headingLevel} kind="error" message={t.linkMissingCode}>
        {newLink}
      </Outcome>
    );
  }
  if (check.ok === undefined) return <Working title={title} level={headingLevel} text={t.checkingLink} />;
  if (!check.ok) {
    const failure = error ?? new StackError("UNKNOWN_ERROR", 0, "");
    return (
      <Outcome title={title} level={headingLevel} kind="error" message={linkErrorMessage(failure, t)}>
        {isRetryable(failure) && (
          <button type="button" className="stack-button stack-button-secondary" onClick={check.retry}>
            {t.tryAgain}
          </button>
        )}
        {newLink}
      </Outcome>
    );
  }

  const finish = (result: { isNewUser: boolean }) => {
    setOutcome(result);
    redirects.afterAuth(result);
  };
  const attemptCode = getMfaAttemptCode(error);
  if (attemptCode) {
    return (
      <MfaForm
        attemptCode={attemptCode}
        succeeded={succeeded}
        onSuccess={finish}
        onCancel={() => {
          reset();
          setSigningIn(false);
        }}
        headingLevel={headingLevel}
        t={t}
      />
    );
  }
  const signIn = async () => {
    if (isPending || succeeded) return;
    setSigningIn(true);
    const result = await signInWithCode(code);
    if (result) finish(result);
  };
  const failed = signingIn && error ? error : undefined;
  return (
    <AuthCard title={title} level={headingLevel} busy={isPending || undefined}>
      {failed ? (
        <FormError
          error={failed}
          message={failed.code.startsWith("VERIFICATION_CODE_") ? linkErrorMessage(failed, t) : undefined}
          retry={() => void signIn()}
          t={t}
        />
      ) : (
        <>
          {/* Someone else's link must not switch accounts unnoticed (login CSRF): say what the click does. */}
          {signedIn && <p className="stack-text">{t.magicLinkSwitchesAccount(signedIn)}</p>}
          <p className="stack-text">{t.magicLinkReady}</p>
        </>
      )}
      {!failed && (
        <Button className="stack-button" inactive={isPending || succeeded} onClick={() => void signIn()}>
          {isPending ? t.signingIn : t.signIn}
        </Button>
      )}
      {succeeded && (
        <p className="stack-status" role="status">
          {outcome?.isNewUser ? t.accountCreated : t.redirecting}
        </p>
      )}
      {failed && newLink}
    </AuthCard>
  );
}

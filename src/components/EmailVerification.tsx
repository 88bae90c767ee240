import { useState } from "react";
import { StackError } from "../core/index.js";
import { useAuthRedirects, useEmailVerification, useUser } from "../react/index.js";
import { type HeadingLevel, Loading } from "./AuthCard.js";
import { Button } from "./Button.js";
import { Outcome, Working } from "./LinkPage.js";
import { useSearchParam } from "./location.js";
import { errorMessage, isRetryable, linkErrorMessage, mergeStrings, type Strings } from "./strings.js";
import { useCodeOnce } from "./useCodeOnce.js";

export interface EmailVerificationProps {
  strings?: Partial<Strings>;
  /** The link's code; default the `code` query parameter. */
  code?: string | null;
  /** The level of the page's title: 1 (default) when the page is the main content. */
  headingLevel?: HeadingLevel;
}

/** Where a verification email's link lands: verifies the address once (StrictMode too), then says how it went. */
export function EmailVerification({ strings, code: codeProp, headingLevel = 1 }: EmailVerificationProps) {
  const t = mergeStrings(strings);
  const fromUrl = useSearchParam("code");
  const code = codeProp !== undefined ? codeProp : fromUrl;
  const { verify, error } = useEmailVerification();
  const redirects = useAuthRedirects();
  const result = useCodeOnce(code, verify);

  const title = t.emailVerificationTitle;
  const proceed = (
    <button type="button" className="stack-button" onClick={() => redirects.afterSignIn()}>
      {t.continue}
    </button>
  );
  if (code === undefined) return <Loading title={title} level={headingLevel} t={t} />;
  if (code === null)
    return <Outcome title={title} level={headingLevel} kind="error" message={t.linkMissingCode} />;
  if (result.ok === undefined) return <Working title={title} level={headingLevel} text={t.verifyingEmail} />;
  if (result.ok)
    return (
      <Outcome title={title} level={headingLevel} kind="success" message={t.emailVerified}>
        {proceed}
      </Outcome>
    );

  const failure = error ?? new StackError("UNKNOWN_ERROR", 0, "");
  if (failure.code === "VERIFICATION_CODE_ALREADY_USED" || failure.code === "EMAIL_ALREADY_VERIFIED") {
    const message = failure.code === "EMAIL_ALREADY_VERIFIED" ? t.alreadyVerified : t.emailLinkUsed;
    return (
      <Outcome title={title} level={headingLevel} kind="success" message={message}>
        {proceed}
      </Outcome>
    );
  }
  if (isRetryable(failure)) {
    return (
      <Outcome title={title} level={headingLevel} kind="error" message={errorMessage(failure, t)}>
        <button type="button" className="stack-button stack-button-secondary" onClick={result.retry}>
          {t.tryAgain}
        </button>
      </Outcome>
    );
  }
  return (
    <Outcome title={title} level={headingLevel} kind="error" message={linkErrorMessage(failure, t)}>
      <ResendLink t={t} />
    </Outcome>
  );
}

/** For a signed-in user whose link failed: a new one. */
function ResendLink({ t }: { t: Strings }) {
  const { user } = useUser();
  const { resend, isPending, error } = useEmailVerification();
  const [sent, setSent] = useState(false);
  if (!user || user.primaryEmailVerified) return null;
  return (
    <>
      {error && (
        <p className="stack-field-error" role="alert">
          {errorMessage(error, t)}
        </p>
      )}
      {sent ? (
        <p className="stack-text" role="status">
          {t.verificationSent}
        </p>
      ) : (
        <Button
          className="stack-button stack-button-secondary"
          inactive={isPending}
          onClick={async () => setSent(await resend())}
        >
          {isPending ? t.sendingVerification : t.resendVerification}
        </Button>
      )}
    </>
  );
}

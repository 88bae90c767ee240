import { useState } from "react";
import { useAuthRedirects, useProject, useSignUp, useStackUrls } from "../react/index.js";
import { AuthCard, LoadFailed, Loading } from "./AuthCard.js";
import { CredentialsForm } from "./CredentialsForm.js";
import { defaultStrings, type Strings } from "./strings.js";

export interface SignUpProps {
  strings?: Partial<Strings>;
}

/** Drop-in sign-up page: creates the account, sends the verification email, and returns the user. */
export function SignUp({ strings }: SignUpProps) {
  const t = { ...defaultStrings, ...strings };
  const { project, error: projectError, isLoading, reload } = useProject();
  const { signUp, isPending, error, reset } = useSignUp();
  const redirects = useAuthRedirects();
  const urls = useStackUrls();
  const [succeeded, setSucceeded] = useState(false);

  if (isLoading) return <Loading title={t.signUpTitle} t={t} />;
  if (!project)
    return projectError ? (
      <LoadFailed title={t.signUpTitle} error={projectError} retry={reload} t={t} />
    ) : null;
  if (!project.config.signUpEnabled || !project.config.credentialEnabled) {
    return (
      <AuthCard title={t.signUpTitle}>
        <p className="stack-status">{t.signUpDisabled}</p>
      </AuthCard>
    );
  }
  return (
    <CredentialsForm
      title={t.signUpTitle}
      submitLabel={t.signUp}
      pendingLabel={t.signingUp}
      passwordAutoComplete="new-password"
      passwordHint={t.passwordHint}
      isPending={isPending}
      error={error}
      onEdit={reset}
      succeeded={succeeded}
      onSubmit={async (values) => {
        const verificationCallbackUrl = new URL(urls.emailVerification, window.location.href).href;
        // Built by the kit, so a project that does not trust it still signs the user up (without the email).
        const result = await signUp({ ...values, verificationCallbackUrl, dropCallbackIfUntrusted: true });
        if (result) {
          setSucceeded(true);
          redirects.afterSignUp();
        }
      }}
      footer={
        <>
          {t.haveAccount} <a href={redirects.linkTo(urls.signIn)}>{t.toSignIn}</a>
        </>
      }
      t={t}
    />
  );
}

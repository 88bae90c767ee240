import { useState } from "react";
import {
  useAuthRedirects,
  useProject,
  useSignIn,
  useSignOut,
  useStackUrls,
  useUser,
} from "../react/index.js";
import { AuthCard, LoadFailed, Loading } from "./AuthCard.js";
import { CredentialsForm } from "./CredentialsForm.js";
import { defaultStrings, type Strings } from "./strings.js";

export interface SignInProps {
  /** Override any of the words shown. */
  strings?: Partial<Strings>;
}

/** Drop-in sign-in page: the methods the project enables, then back to where the user came from. */
export function SignIn({ strings }: SignInProps) {
  const t = { ...defaultStrings, ...strings };
  const { project, error: projectError, isLoading, reload } = useProject();
  const { user } = useUser();
  const { signIn, isPending, error, reset } = useSignIn();
  const redirects = useAuthRedirects();
  const urls = useStackUrls();
  const [succeeded, setSucceeded] = useState(false);

  if (user && !succeeded) return <AlreadySignedIn email={user.primaryEmail ?? user.id} t={t} />;
  if (isLoading) return <Loading title={t.signInTitle} t={t} />;
  if (!project)
    return projectError ? (
      <LoadFailed title={t.signInTitle} error={projectError} retry={reload} t={t} />
    ) : null;
  if (!project.config.credentialEnabled) {
    return (
      <AuthCard title={t.signInTitle}>
        <p className="stack-status">{t.passwordSignInDisabled}</p>
      </AuthCard>
    );
  }
  return (
    <CredentialsForm
      title={t.signInTitle}
      submitLabel={t.signIn}
      pendingLabel={t.signingIn}
      passwordAutoComplete="current-password"
      isPending={isPending}
      error={error}
      onEdit={reset}
      succeeded={succeeded}
      onSubmit={async (values) => {
        const result = await signIn(values);
        if (result) {
          setSucceeded(true);
          redirects.afterSignIn();
        }
      }}
      footer={
        project.config.signUpEnabled && (
          <>
            {t.noAccount} <a href={redirects.linkTo(urls.signUp)}>{t.toSignUp}</a>
          </>
        )
      }
      t={t}
    />
  );
}

function AlreadySignedIn({ email, t }: { email: string; t: Strings }) {
  const redirects = useAuthRedirects();
  const { signOut, isPending } = useSignOut();
  return (
    <AuthCard title={t.signInTitle}>
      <p className="stack-status">{t.alreadySignedIn(email)}</p>
      <button type="button" className="stack-button" onClick={redirects.afterSignIn}>
        {t.continue}
      </button>
      <button
        type="button"
        className="stack-button stack-button-secondary"
        disabled={isPending}
        onClick={() => void signOut()}
      >
        {isPending ? t.signingOut : t.signOut}
      </button>
    </AuthCard>
  );
}

import { useState } from "react";
import {
  type AuthOutcome,
  useAuthRedirects,
  useProject,
  useSignOut,
  useStackUrls,
  useUser,
} from "../react/index.js";
import { AuthCard, LoadFailed, Loading } from "./AuthCard.js";
import { AuthFlow } from "./AuthFlow.js";
import { mergeStrings, type Strings } from "./strings.js";

export interface SignInProps {
  /** Override any of the words shown. */
  strings?: Partial<Strings>;
  /**
   * Called once signed in, instead of navigating (e.g. to close a dialog). Default: back to
   * `after_auth_return_to` when safe, else afterSignIn (afterSignUp for an account just created).
   */
  onSuccess?(outcome: AuthOutcome): void;
  /** How OAuth providers open. Default "redirect"; "popup" keeps this page (falls back to redirect if blocked). */
  oauthMode?: "redirect" | "popup";
}

/** Drop-in sign-in page: exactly the methods the project enables, then back to where the user came from. */
export function SignIn({ strings, onSuccess, oauthMode = "redirect" }: SignInProps) {
  const t = mergeStrings(strings);
  const { project, error: projectError, isLoading, reload } = useProject();
  const { user } = useUser();
  const redirects = useAuthRedirects();
  const urls = useStackUrls();
  const [succeeded, setSucceeded] = useState(false);

  if (user && !succeeded) return <AlreadySignedIn email={user.primaryEmail ?? user.id} t={t} />;
  if (isLoading) return <Loading title={t.signInTitle} t={t} />;
  if (!project)
    return projectError ? (
      <LoadFailed title={t.signInTitle} error={projectError} retry={reload} t={t} />
    ) : null;
  return (
    <AuthFlow
      mode="sign-in"
      project={project}
      succeeded={succeeded}
      oauthMode={oauthMode}
      onSuccess={(outcome) => {
        setSucceeded(true);
        if (onSuccess) onSuccess(outcome);
        else redirects.afterAuth(outcome);
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
      <button type="button" className="stack-button" onClick={() => redirects.afterSignIn()}>
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

import { useState } from "react";
import { type AuthOutcome, useAuthRedirects, useProject, useStackUrls } from "../react/index.js";
import { AuthCard, LoadFailed, Loading } from "./AuthCard.js";
import { AuthFlow } from "./AuthFlow.js";
import { mergeStrings, type Strings } from "./strings.js";

export interface SignUpProps {
  strings?: Partial<Strings>;
  /** Called once signed up, instead of navigating. Default: back to the return path, else afterSignUp. */
  onSuccess?(outcome: AuthOutcome): void;
  oauthMode?: "redirect" | "popup";
}

/**
 * Drop-in sign-up page: the project's methods (an anonymous user signing up keeps their id), sends the
 * verification email, and returns the user.
 */
export function SignUp({ strings, onSuccess, oauthMode = "redirect" }: SignUpProps) {
  const t = mergeStrings(strings);
  const { project, error: projectError, isLoading, reload } = useProject();
  const redirects = useAuthRedirects();
  const urls = useStackUrls();
  const [succeeded, setSucceeded] = useState(false);

  if (isLoading) return <Loading title={t.signUpTitle} t={t} />;
  if (!project)
    return projectError ? (
      <LoadFailed title={t.signUpTitle} error={projectError} retry={reload} t={t} />
    ) : null;
  if (!project.config.signUpEnabled) {
    return (
      <AuthCard title={t.signUpTitle}>
        <p className="stack-status">{t.signUpDisabled}</p>
      </AuthCard>
    );
  }
  return (
    <AuthFlow
      mode="sign-up"
      project={project}
      succeeded={succeeded}
      oauthMode={oauthMode}
      onSuccess={(outcome) => {
        setSucceeded(true);
        if (onSuccess) onSuccess(outcome);
        else redirects.afterAuth(outcome);
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

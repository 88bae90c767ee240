import { useState } from "react";
import { type AuthOutcome, useAuthRedirects, useProject, useStackUrls, useUser } from "../react/index.js";
import { AuthCard, type HeadingLevel, LoadFailed, Loading } from "./AuthCard.js";
import { AuthFlow } from "./AuthFlow.js";
import { AlreadySignedIn } from "./SignIn.js";
import { mergeStrings, type Strings } from "./strings.js";

export interface SignUpProps {
  strings?: Partial<Strings>;
  /** Called once signed up, instead of navigating. Default: back to the return path, else afterSignUp. */
  onSuccess?(outcome: AuthOutcome): void;
  oauthMode?: "redirect" | "popup";
  /** The level of the card's title: 1 (default) when the page is the main content, 2 or 3 inside a page. */
  headingLevel?: HeadingLevel;
}

/**
 * Drop-in sign-up page: the project's methods (an anonymous user signing up keeps their id), sends the
 * verification email, and returns the user. Someone already signed in is asked first, not signed over.
 */
export function SignUp({ strings, onSuccess, oauthMode = "redirect", headingLevel = 1 }: SignUpProps) {
  const t = mergeStrings(strings);
  const { project, error: projectError, isLoading, reload } = useProject();
  // An anonymous user is nobody here: signing up is how they keep what they did.
  const { user } = useUser();
  const redirects = useAuthRedirects();
  const urls = useStackUrls();
  const [succeeded, setSucceeded] = useState(false);

  if (user && !succeeded) {
    return (
      <AlreadySignedIn
        title={t.signUpTitle}
        email={user.primaryEmail ?? user.id}
        headingLevel={headingLevel}
        t={t}
      />
    );
  }
  if (isLoading) return <Loading title={t.signUpTitle} level={headingLevel} t={t} />;
  if (!project)
    return projectError ? (
      <LoadFailed title={t.signUpTitle} level={headingLevel} error={projectError} retry={reload} t={t} />
    ) : null;
  if (!project.config.signUpEnabled) {
    return (
      <AuthCard title={t.signUpTitle} level={headingLevel}>
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
      headingLevel={headingLevel}
      t={t}
    />
  );
}

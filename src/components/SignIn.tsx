import { useState } from "react";
import {
  type AuthOutcome,
  useAuthRedirects,
  useProject,
  useSignOut,
  useStackUrls,
  useUser,
} from "../react/index.js";
import { AuthCard, type HeadingLevel, LoadFailed, Loading } from "./AuthCard.js";
import { AuthFlow } from "./AuthFlow.js";
import { Button } from "./Button.js";
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
  /** The level of the card's title: 1 (default) when the page is the main content, 2 or 3 inside a page. */
  headingLevel?: HeadingLevel;
}

/** Drop-in sign-in page: exactly the methods the project enables, then back to where the user came from. */
export function SignIn({ strings, onSuccess, oauthMode = "redirect", headingLevel = 1 }: SignInProps) {
  const t = mergeStrings(strings);
  const { project, error: projectError, isLoading, reload } = useProject();
  const { user } = useUser();
  const redirects = useAuthRedirects();
  const urls = useStackUrls();
  const [succeeded, setSucceeded] = useState(false);

  if (user && !succeeded) {
    return (
      <AlreadySignedIn
        title={t.signInTitle}
        email={user.primaryEmail ?? user.id}
        headingLevel={headingLevel}
        t={t}
      />
    );
  }
  if (isLoading) return <Loading title={t.signInTitle} level={headingLevel} t={t} />;
  if (!project)
    return projectError ? (
      <LoadFailed title={t.signInTitle} level={headingLevel} error={projectError} retry={reload} t={t} />
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
      headingLevel={headingLevel}
      t={t}
    />
  );
}

/** A signed-in user on the sign-in or sign-up page: on, or out first (never a silent switch of accounts). */
export function AlreadySignedIn({
  title,
  email,
  headingLevel,
  t,
}: {
  title: string;
  email: string;
  headingLevel: HeadingLevel;
  t: Strings;
}) {
  const redirects = useAuthRedirects();
  const { signOut, isPending } = useSignOut();
  return (
    <AuthCard title={title} level={headingLevel}>
      <p className="stack-status">{t.alreadySignedIn(email)}</p>
      <button type="button" className="stack-button" onClick={() => redirects.afterSignIn()}>
        {t.continue}
      </button>
      <Button
        className="stack-button stack-button-secondary"
        inactive={isPending}
        onClick={() => void signOut()}
      >
        {isPending ? t.signingOut : t.signOut}
      </Button>
    </AuthCard>
  );
}

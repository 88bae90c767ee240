import { type ReactNode, useState } from "react";
import type { Project } from "../core/index.js";
import { type AuthOutcome, useAuthRedirects, useProject, useUser } from "../react/index.js";
import { AlreadySignedIn } from "./AlreadySignedIn.js";
import { AuthCard, type HeadingLevel, LoadFailed, Loading } from "./AuthCard.js";
import { AuthFlow } from "./AuthFlow.js";
import type { Strings } from "./strings.js";

export interface AuthPageProps {
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

/**
 * What <SignIn/> and <SignUp/> share: the signed-in card (never a silent switch of accounts; anonymous
 * users count as nobody, so they can upgrade), loading and load-failure states, then the project's methods.
 */
export function AuthPage({
  mode,
  title,
  unavailable,
  footer,
  onSuccess,
  oauthMode = "redirect",
  headingLevel = 1,
  t,
}: AuthPageProps & {
  mode: "sign-in" | "sign-up";
  title: string;
  /** A reason this page cannot be used with the project's config, if any. */
  unavailable?(project: Project): string | undefined;
  footer(project: Project): ReactNode;
  t: Strings;
}) {
  const { project, error, isLoading, reload } = useProject();
  const { user } = useUser();
  const redirects = useAuthRedirects();
  const [succeeded, setSucceeded] = useState(false);

  if (user && !succeeded) {
    return (
      <AlreadySignedIn title={title} email={user.primaryEmail ?? user.id} headingLevel={headingLevel} t={t} />
    );
  }
  if (isLoading) return <Loading title={title} level={headingLevel} t={t} />;
  if (!project) {
    return error ? (
      <LoadFailed title={title} level={headingLevel} error={error} retry={reload} t={t} />
    ) : null;
  }
  const reason = unavailable?.(project);
  if (reason) {
    return (
      <AuthCard title={title} level={headingLevel}>
        <p className="stack-status">{reason}</p>
      </AuthCard>
    );
  }
  return (
    <AuthFlow
      mode={mode}
      project={project}
      succeeded={succeeded}
      oauthMode={oauthMode}
      onSuccess={(outcome) => {
        setSucceeded(true);
        if (onSuccess) onSuccess(outcome);
        else redirects.afterAuth(outcome);
      }}
      footer={footer(project)}
      headingLevel={headingLevel}
      t={t}
    />
  );
}

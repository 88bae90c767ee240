import { useAuthRedirects, useSignOut } from "../react/index.js";
import { AuthCard, type HeadingLevel } from "./AuthCard.js";
import { Button } from "./Button.js";
import type { Strings } from "./strings.js";

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

import { useEffect, useRef } from "react";
import { useAuthRedirects, useSignOut } from "../react/index.js";
import type { HeadingLevel } from "./AuthCard.js";
import { Working } from "./LinkPage.js";
import { mergeStrings, type Strings } from "./strings.js";

export interface SignOutPageProps {
  strings?: Partial<Strings>;
  /** The level of the page's title: 1 (default) when the page is the main content. */
  headingLevel?: HeadingLevel;
}

/** Signs out as it opens (once, StrictMode too), then goes to afterSignOut. */
export function SignOutPage({ strings, headingLevel = 1 }: SignOutPageProps) {
  const t = mergeStrings(strings);
  const { signOut } = useSignOut();
  const redirects = useAuthRedirects();
  const started = useRef(false);
  const after = useRef(redirects.afterSignOut);
  after.current = redirects.afterSignOut;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per page
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    // The core never fails a sign-out for the user (offline too): always on to the next page.
    void signOut().then(() => after.current());
  }, []);
  return <Working title={t.signOutTitle} level={headingLevel} text={t.signingOut} />;
}

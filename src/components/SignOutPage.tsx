import { useEffect, useRef } from "react";
import { useAuthRedirects, useSignOut } from "../react/index.js";
import { Working } from "./LinkPage.js";
import { mergeStrings, type Strings } from "./strings.js";

export interface SignOutPageProps {
  strings?: Partial<Strings>;
}

/** Signs out as it opens (once, StrictMode too), then goes to afterSignOut. */
export function SignOutPage({ strings }: SignOutPageProps) {
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
  return <Working title={t.signOutTitle} text={t.signingOut} />;
}

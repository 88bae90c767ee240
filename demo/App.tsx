import { useState } from "react";
import {
  SignedIn,
  SignedOut,
  SignInButton,
  StackHandler,
  UserButton,
  useAuthRedirects,
  useEmailVerification,
  usePasskey,
  useStackUrls,
  useUser,
} from "../src/index.js";
import { usingEmulator } from "./config.js";
import { DevMailbox } from "./DevMailbox.js";
import { usePathname } from "./router.js";

export function App() {
  const path = usePathname();
  const redirects = useAuthRedirects();
  const urls = useStackUrls();
  return (
    <>
      <header className="demo-header">
        <nav aria-label="Main">
          <a href="/" className="demo-brand">
            stack-react-kit
          </a>
          <a href="/protected">Protected page</a>
          <a href="/guest">Guest page</a>
        </nav>
        <div className="demo-account">
          <SignedIn>
            <UserButton />
          </SignedIn>
          <SignedOut>
            <a href={redirects.linkTo(urls.signIn)}>Sign in</a>
            <a href={redirects.linkTo(urls.signUp)}>Sign up</a>
          </SignedOut>
        </div>
      </header>
      <SignedIn>
        <VerifyEmailBanner />
      </SignedIn>
      <main className="demo-main">
        <Page path={path} />
      </main>
      <footer className="demo-footer">
        {usingEmulator ? "Running on the local Stack-compatible API (emulator)." : "Running on Stack Auth."}
      </footer>
      {usingEmulator && <DevMailbox />}
    </>
  );
}

function Page({ path }: { path: string }) {
  switch (path) {
    case "/":
      return <Home />;
    case "/protected":
      return <Protected />;
    case "/guest":
      return <Guest />;
    default:
      // Every auth page (sign-in, sign-up, callbacks, password reset…) under one route.
      if (path.startsWith("/handler/")) return <StackHandler location={path} />;
      return (
        <section>
          <h1>Page not found</h1>
          <p>
            Nothing lives at <code>{path}</code>. <a href="/">Go home</a>.
          </p>
        </section>
      );
  }
}

function Home() {
  return (
    <section>
      <h1>Home</h1>
      <SignedOut>
        <p>You are signed out. Sign in or create an account to see the protected page.</p>
        <SignInButton mode="modal">Sign in without leaving this page</SignInButton>
      </SignedOut>
      <SignedIn>
        <Greeting />
        <AddPasskey />
      </SignedIn>
    </section>
  );
}

function Greeting() {
  const { user } = useUser();
  return <p>Signed in as {user?.primaryEmail}.</p>;
}

function Protected() {
  const { user, isLoading, error, reload } = useUser({ or: "redirect" });
  if (error) {
    return (
      <section role="alert">
        <h1>Protected page</h1>
        <p>Could not load your account: {error.message}</p>
        <button type="button" onClick={reload}>
          Try again
        </button>
      </section>
    );
  }
  if (isLoading || !user) return <p role="status">Loading…</p>;
  return (
    <section>
      <h1>Protected page</h1>
      <p>Only signed-in users see this. Hello, {user.displayName ?? user.primaryEmail}.</p>
    </section>
  );
}

/** Unverified addresses get a reminder and a way to have the link sent again. */
function VerifyEmailBanner() {
  const { user } = useUser();
  const { resend, isPending } = useEmailVerification();
  const [sent, setSent] = useState(false);
  if (!user?.primaryEmail || user.primaryEmailVerified) return null;
  return (
    <aside className="demo-banner" aria-label="Email verification">
      <p>
        Verify {user.primaryEmail}: open the link we emailed you.{" "}
        {sent ? (
          <span role="status">We sent a new link.</span>
        ) : (
          <button
            type="button"
            aria-disabled={isPending || undefined}
            onClick={async () => setSent(await resend())}
          >
            Send the link again
          </button>
        )}
      </p>
    </aside>
  );
}

/** Registering a passkey belongs to account settings (a later issue); this button lets you try passkey sign-in now. */
function AddPasskey() {
  const { register, isSupported, isPending, error } = usePasskey();
  const [added, setAdded] = useState(false);
  if (!isSupported) return null;
  return (
    <p>
      {added ? (
        <span role="status">Passkey added. Sign out, then use "Sign in with a passkey".</span>
      ) : (
        <button
          type="button"
          aria-disabled={isPending || undefined}
          onClick={async () => setAdded(await register())}
        >
          Add a passkey
        </button>
      )}
      {error && <span role="alert"> {error.message}</span>}
    </p>
  );
}

/** A page for guests: an anonymous session is created only here, and signing up keeps the same user. */
function Guest() {
  const { user, isLoading, error, reload } = useUser({ or: "anonymous" });
  const redirects = useAuthRedirects();
  const urls = useStackUrls();
  if (error) {
    return (
      <section role="alert">
        <h1>Guest page</h1>
        <p>Could not start a guest session: {error.message}</p>
        <button type="button" onClick={reload}>
          Try again
        </button>
      </section>
    );
  }
  if (isLoading || !user) return <p role="status">Loading…</p>;
  return (
    <section>
      <h1>Guest page</h1>
      <p>
        {user.isAnonymous ? "You are browsing as a guest" : `Signed in as ${user.primaryEmail}`} (user id{" "}
        <code data-testid="user-id">{user.id}</code>).
      </p>
      {user.isAnonymous && (
        <p>
          <a href={redirects.linkTo(urls.signUp)}>Create an account</a> to keep what you did as a guest.
        </p>
      )}
    </section>
  );
}

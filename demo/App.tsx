import { SignedIn, SignedOut, SignIn, SignUp, UserButton, useUser } from "../src/index.js";
import { usingEmulator } from "./config.js";
import { usePathname } from "./router.js";

export function App() {
  const path = usePathname();
  return (
    <>
      <header className="demo-header">
        <nav aria-label="Main">
          <a href="/" className="demo-brand">
            stack-react-kit
          </a>
          <a href="/protected">Protected page</a>
        </nav>
        <div className="demo-account">
          <SignedIn>
            <UserButton />
          </SignedIn>
          <SignedOut>
            <a href="/handler/sign-in">Sign in</a>
            <a href="/handler/sign-up" className="demo-cta">
              Sign up
            </a>
          </SignedOut>
        </div>
      </header>
      <main className="demo-main">
        <Page path={path} />
      </main>
      <footer className="demo-footer">
        {usingEmulator ? "Running on the local Stack-compatible API (emulator)." : "Running on Stack Auth."}
      </footer>
    </>
  );
}

function Page({ path }: { path: string }) {
  switch (path) {
    case "/":
      return <Home />;
    case "/protected":
      return <Protected />;
    case "/handler/sign-in":
      return <SignIn />;
    case "/handler/sign-up":
      return <SignUp />;
    default:
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
      </SignedOut>
      <SignedIn>
        <Greeting />
      </SignedIn>
    </section>
  );
}

function Greeting() {
  const { user } = useUser();
  return <p>Signed in as {user?.primaryEmail}.</p>;
}

function Protected() {
  const { user, isLoading } = useUser({ or: "redirect" });
  if (isLoading || !user) return <p role="status">Loading…</p>;
  return (
    <section>
      <h1>Protected page</h1>
      <p>Only signed-in users see this. Hello, {user.displayName ?? user.primaryEmail}.</p>
    </section>
  );
}

// @vitest-environment node
// Server rendering: no window, no localStorage, no document. Any access to them would throw here.
import { setupServer } from "msw/node";
import { Suspense } from "react";
import { renderToString } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createMemoryTokenStore, createStackClient } from "../../src/core/index.js";
import {
  type Navigate,
  SignedIn,
  SignedOut,
  StackProvider,
  useAuthRedirects,
  useProject,
  useStackUrls,
  useSuspenseUser,
  useUser,
} from "../../src/react/index.js";
import { createEmulator } from "../../src/testing/index.js";
import { createMswHandlers } from "../../src/testing/msw.js";

const API_URL = "https://api.emulator.test";
const emulator = createEmulator({
  seedUsers: [{ email: "ada@example.test", password: "Golden-Passw0rd-16" }],
});
const server = setupServer(...createMswHandlers(emulator, { apiUrl: API_URL }));
const sent: string[] = [];

beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  server.events.on("request:start", ({ request }) => sent.push(`${request.method} ${request.url}`));
});
afterAll(() => server.close());

function App() {
  const { user, isLoading, error } = useUser();
  const { isLoading: redirecting } = useUser({ or: "redirect" });
  const { project } = useProject();
  const urls = useStackUrls();
  const { linkTo } = useAuthRedirects();
  return (
    <main>
      <p>user:{isLoading ? "loading" : (user?.primaryEmail ?? "none")}</p>
      <p>error:{error?.code ?? "none"}</p>
      <p>redirect-pending:{String(redirecting)}</p>
      <p>project:{project?.displayName ?? "not yet"}</p>
      <SignedIn fallback={<p>checking</p>}>
        <p>welcome back</p>
      </SignedIn>
      <SignedOut>
        <a href={linkTo(urls.signIn)}>please sign in</a>
      </SignedOut>
      <Suspense fallback={<p>suspended</p>}>
        <SuspenseName />
      </Suspense>
    </main>
  );
}

function SuspenseName() {
  const user = useSuspenseUser();
  return <p>suspense-user:{user?.primaryEmail ?? "none"}</p>;
}

function SuspenseProtected({ or }: { or: "redirect" | "throw" }) {
  const user = useSuspenseUser({ or });
  return <p>protected:{user.primaryEmail}</p>;
}

function ThrowProtected() {
  const { user, isLoading } = useUser({ or: "throw" });
  return <p>{isLoading ? "loading" : user?.primaryEmail}</p>;
}

describe("StackProvider on the server", () => {
  it("renders signed out from options, touching no window and sending nothing", async () => {
    expect(typeof window).toBe("undefined");
    expect(typeof localStorage).toBe("undefined");
    const navigate = vi.fn<Navigate>();
    const html = renderToString(
      <StackProvider projectId={emulator.projectId} baseUrl={API_URL} navigate={navigate}>
        <App />
      </StackProvider>,
    );
    expect(html).toContain("user:<!-- -->none");
    expect(html).toContain("error:<!-- -->none");
    expect(html).toContain("please sign in");
    expect(html).toContain('href="/handler/sign-in"');
    expect(html).not.toContain("welcome back");
    expect(html).not.toContain("checking");
    expect(html).toContain("suspense-user:<!-- -->none");
    // A redirect cannot happen on the server; the page says it is pending instead of showing content.
    expect(html).toContain("redirect-pending:<!-- -->true");
    expect(navigate).not.toHaveBeenCalled();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent).toEqual([]);
    expect(typeof window).toBe("undefined");
  });

  it("renders signed out even with a session in the store (the browser decides after hydration)", async () => {
    const session = await emulator.createSession("ada@example.test", { origin: API_URL });
    const client = createStackClient({
      projectId: emulator.projectId,
      baseUrl: API_URL,
      tokenStore: createMemoryTokenStore({
        accessToken: session.accessToken,
        refreshToken: session.refreshToken,
      }),
    });
    const html = renderToString(
      <StackProvider client={client}>
        <App />
      </StackProvider>,
    );
    expect(html).toContain("user:<!-- -->none");
    expect(html).toContain("please sign in");
    expect(html).not.toContain("ada@example.test");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent).toEqual([]);
  });

  it('builds with tokenStore: "local-storage" where there is no localStorage', () => {
    const html = renderToString(
      <StackProvider projectId={emulator.projectId} baseUrl={API_URL} tokenStore="local-storage">
        <SignedOut>signed out</SignedOut>
      </StackProvider>,
    );
    expect(html).toBe("signed out");
  });

  it('useSuspenseUser({ or: "redirect" | "throw" }) stays suspended on the server and navigates nowhere', async () => {
    const navigate = vi.fn<Navigate>();
    const html = renderToString(
      <StackProvider projectId={emulator.projectId} baseUrl={API_URL} navigate={navigate}>
        <Suspense fallback={<p>suspended redirect</p>}>
          <SuspenseProtected or="redirect" />
        </Suspense>
        <Suspense fallback={<p>suspended throw</p>}>
          <SuspenseProtected or="throw" />
        </Suspense>
      </StackProvider>,
    );
    expect(html).toContain("suspended redirect");
    expect(html).toContain("suspended throw");
    expect(html).not.toContain("protected:");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(navigate).not.toHaveBeenCalled();
    expect(sent).toEqual([]);
  });

  it('useUser({ or: "throw" }) does not throw on the server, where nobody is known to be signed out', () => {
    const html = renderToString(
      <StackProvider projectId={emulator.projectId} baseUrl={API_URL}>
        <ThrowProtected />
      </StackProvider>,
    );
    expect(html).toBe("<p>loading</p>");
  });
});

import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { StrictMode, Suspense } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { StackClient } from "../../src/core/index.js";
import { type Navigate, StackProvider, type UseUserResult, useUser } from "../../src/react/index.js";
import {
  AuthButtons,
  ErrorBoundary,
  Marker,
  PASSWORD,
  renderWithStack,
  SuspenseUserProbe,
  settle,
  setupStackTest,
  silenceBoundaryLogs,
  UserProbe,
} from "./support.js";

const env = setupStackTest();

afterEach(() => window.history.replaceState(null, "", "/"));

function NamedItem({ n }: { n: number }) {
  const { user } = useUser();
  return <li data-testid={`user-${n}`}>{user?.primaryEmail ?? "…"}</li>;
}

const hundred = Array.from({ length: 100 }, (_, n) => n);

/** Pushes a marker into `emails` the instant the client's session changes (the store notifies synchronously). */
const SWITCH = "<switch>";
function markSwitches(client: StackClient, emails: (string | null)[]) {
  client.subscribe(() => emails.push(SWITCH));
  return () => emails.slice(emails.lastIndexOf(SWITCH) + 1);
}

describe("useUser", () => {
  it("signed out: user null, not loading, from the first render, and no request at all", async () => {
    const log: UseUserResult[] = [];
    renderWithStack(<UserProbe log={log} />, { client: env.client() });
    expect(screen.getByTestId("email")).toHaveTextContent("nobody");
    await settle();
    expect(log.length).toBeGreaterThan(0);
    for (const r of log)
      expect(r).toEqual({ user: null, isLoading: false, error: undefined, reload: expect.any(Function) });
    expect(env.requests).toEqual([]);
  });

  it("signed in: loads the user from GET /users/me in at most 3 renders", async () => {
    const store = await env.signedInStore("ada@example.test");
    const log: UseUserResult[] = [];
    renderWithStack(<UserProbe log={log} />, { client: env.client({ tokenStore: store }) });
    expect(screen.getByTestId("email")).toHaveTextContent("loading");
    await waitFor(() => expect(screen.getByTestId("email")).toHaveTextContent("ada@example.test"));
    await settle();

    const rendersToUser = log.findIndex((r) => r.user) + 1;
    // Measured: 2 (loading, then the user). The bound is the requirement; the exact value guards against drift.
    expect(rendersToUser).toBeLessThanOrEqual(3);
    expect(rendersToUser).toBe(2);
    expect(log.length).toBe(rendersToUser); // and no render after it
    expect(log[0]).toEqual({ user: null, isLoading: true, error: undefined, reload: expect.any(Function) });
    const last = log.at(-1);
    expect(last).toMatchObject({ isLoading: false, error: undefined });
    expect(last?.user).toMatchObject({
      primaryEmail: "ada@example.test",
      hasPassword: true,
      isAnonymous: false,
    });
    expect(last?.user?.signedUpAt).toBeInstanceOf(Date);
    expect(env.count("GET /users/me")).toBe(1);
  });

  it("100 components calling useUser make exactly one GET /users/me", async () => {
    const store = await env.signedInStore("grace@example.test");
    renderWithStack(
      <ul>
        {hundred.map((n) => (
          <NamedItem key={n} n={n} />
        ))}
      </ul>,
      { client: env.client({ tokenStore: store }) },
    );
    await waitFor(() => expect(screen.getAllByText("grace@example.test")).toHaveLength(100));
    await settle();
    expect(env.count("GET /users/me")).toBe(1);
    expect(env.requests).toHaveLength(1);
  });

  it("a session ended by the server reads as signed out on the next load, with no error shown", async () => {
    const store = await env.signedInStore("linus@example.test");
    env.emulator.revokeAllSessions();
    // The server's clock passes the access token's expiry: /users/me answers 401, and the refresh fails.
    env.emulator.clock.advance(11 * 60 * 1000);
    const log: UseUserResult[] = [];
    renderWithStack(<UserProbe log={log} />, { client: env.client({ tokenStore: store }) });
    await waitFor(() => expect(screen.getByTestId("email")).toHaveTextContent("nobody"));
    await settle();
    expect(log.at(-1)).toEqual({
      user: null,
      isLoading: false,
      error: undefined,
      reload: expect.any(Function),
    });
    expect(log.every((r) => r.error === undefined)).toBe(true);
    expect(store.get()).toBeNull();
    expect(env.count("POST /auth/oauth/token")).toBe(1);
  });

  it("a session ended by the server while the page is open turns the user null, with no error shown", async () => {
    const store = await env.signedInStore("ken@example.test");
    const client = env.client({ tokenStore: store });
    const log: UseUserResult[] = [];
    renderWithStack(<UserProbe log={log} />, { client });
    await waitFor(() => expect(screen.getByTestId("email")).toHaveTextContent("ken@example.test"));

    env.emulator.revokeAllSessions("ken@example.test");
    env.emulator.clock.advance(11 * 60 * 1000);
    // Any authenticated call finds out (here a raw read through the client the provider owns).
    await act(async () => {
      await client.request("/users/me").catch(() => {});
    });
    await waitFor(() => expect(screen.getByTestId("email")).toHaveTextContent("nobody"));
    expect(log.at(-1)).toEqual({
      user: null,
      isLoading: false,
      error: undefined,
      reload: expect.any(Function),
    });
    expect(log.every((r) => r.error === undefined)).toBe(true);
    expect(store.get()).toBeNull();
  });
});

describe("useUser errors", () => {
  it("a failed user read is shown as an error, not as signed out, and keeps the session", async () => {
    const store = await env.signedInStore("ada@example.test");
    env.emulator.faults.inject({ method: "GET", path: "/users/me", network: true });
    const log: UseUserResult[] = [];
    renderWithStack(<UserProbe log={log} />, { client: env.client({ tokenStore: store }) });
    expect(await screen.findByText("error NETWORK_ERROR")).toBeInTheDocument();
    expect(log.at(-1)).toMatchObject({ user: null, isLoading: false, error: { code: "NETWORK_ERROR" } });
    expect(store.get()).not.toBeNull();
  });

  it('or: "redirect" does not send a signed-in user to sign-in because the server failed', async () => {
    const store = await env.signedInStore("ada@example.test");
    env.emulator.faults.inject({ method: "GET", path: "/users/me", status: 503 });
    const { navigate } = renderWithStack(<UserProbe or="redirect" />, {
      client: env.client({ tokenStore: store }),
    });
    expect(await screen.findByText("error SERVER_ERROR")).toBeInTheDocument();
    await settle();
    expect(navigate).not.toHaveBeenCalled();
  });
});

describe("the cache belongs to the session", () => {
  it("after sign-out no render shows the previous user", async () => {
    const store = await env.signedInStore("a@example.test");
    const client = env.client({ tokenStore: store });
    const emails: (string | null)[] = [];
    renderWithStack(
      <>
        <UserProbe emails={emails} />
        <AuthButtons />
      </>,
      { client },
    );
    const sinceSwitch = markSwitches(client, emails);
    await waitFor(() => expect(screen.getByTestId("email")).toHaveTextContent("a@example.test"));

    await userEvent.click(screen.getByRole("button", { name: "sign out" }));
    await waitFor(() => expect(screen.getByTestId("email")).toHaveTextContent("nobody"));
    await settle();
    expect(emails).toContain(SWITCH);
    expect(sinceSwitch().length).toBeGreaterThan(0);
    expect(sinceSwitch()).not.toContain("a@example.test");
    expect(sinceSwitch().every((email) => email === null)).toBe(true);
  });

  it("when another user signs in on the same provider, no render shows the previous user", async () => {
    const store = await env.signedInStore("a@example.test");
    env.emulator.addUser({ email: "b@example.test", password: PASSWORD });
    const client = env.client({ tokenStore: store });
    const emails: (string | null)[] = [];
    renderWithStack(
      <>
        <UserProbe emails={emails} />
        <AuthButtons signInAs="b@example.test" />
      </>,
      { client },
    );
    const sinceSwitch = markSwitches(client, emails);
    await waitFor(() => expect(screen.getByTestId("email")).toHaveTextContent("a@example.test"));

    // B signs in over A's session, without a sign-out in between.
    await userEvent.click(screen.getByRole("button", { name: "sign in as b@example.test" }));
    await waitFor(() => expect(screen.getByTestId("email")).toHaveTextContent("b@example.test"));
    await settle();
    expect(emails.filter((e) => e === SWITCH)).toHaveLength(1);
    expect(sinceSwitch()).not.toContain("a@example.test");
    expect(sinceSwitch().at(-1)).toBe("b@example.test");
    expect(env.count("GET /users/me")).toBe(2);
  });

  it("a slow answer for the previous user never shows once another user has signed in", async () => {
    const store = await env.signedInStore("a@example.test");
    env.emulator.addUser({ email: "b@example.test", password: PASSWORD });
    env.emulator.faults.inject({ method: "GET", path: "/users/me", delayMs: 150 });
    const emails: (string | null)[] = [];
    renderWithStack(
      <>
        <UserProbe emails={emails} />
        <AuthButtons signInAs="b@example.test" />
      </>,
      { client: env.client({ tokenStore: store }) },
    );
    await userEvent.click(screen.getByRole("button", { name: "sign in as b@example.test" }));
    await waitFor(() => expect(screen.getByTestId("email")).toHaveTextContent("b@example.test"));
    await settle(250); // A's slow answer has arrived by now
    expect(env.count("GET /users/me")).toBe(2);
    expect(emails).not.toContain("a@example.test");
    expect(emails.at(-1)).toBe("b@example.test");
  });
});

describe('useUser({ or: "redirect" })', () => {
  it("sends a signed-out visitor to sign-in, replacing history, with the current path to come back to", async () => {
    window.history.replaceState(null, "", "/dashboard/billing?tab=invoices#latest");
    const log: UseUserResult[] = [];
    const { navigate } = renderWithStack(<UserProbe or="redirect" log={log} />, { client: env.client() });
    await waitFor(() => expect(navigate).toHaveBeenCalled());
    await settle();
    expect(navigate).toHaveBeenCalledTimes(1);
    const [to, options] = vi.mocked(navigate).mock.calls[0] ?? [];
    expect(options).toEqual({ replace: true });
    expect(to).toBe(
      `/handler/sign-in?after_auth_return_to=${encodeURIComponent("/dashboard/billing?tab=invoices#latest")}`,
    );
    const url = new URL(to ?? "", "http://localhost");
    expect(url.pathname).toBe("/handler/sign-in");
    expect(url.searchParams.get("after_auth_return_to")).toBe("/dashboard/billing?tab=invoices#latest");
    // Meanwhile the page never shows as loaded for a visitor who is leaving.
    expect(screen.getByTestId("email")).toHaveTextContent("loading");
    for (const r of log)
      expect(r).toEqual({ user: null, isLoading: true, error: undefined, reload: expect.any(Function) });
    expect(env.requests).toEqual([]);
  });

  it("uses the provider's sign-in URL and keeps an existing after_auth_return_to", async () => {
    window.history.replaceState(null, "", "/somewhere?after_auth_return_to=%2Forders%2F7");
    const { navigate } = renderWithStack(<UserProbe or="redirect" />, {
      client: env.client(),
      urls: { signIn: "/login" },
    });
    await waitFor(() => expect(navigate).toHaveBeenCalled());
    expect(navigate).toHaveBeenCalledWith("/login?after_auth_return_to=%2Forders%2F7", { replace: true });
  });

  it("does not redirect a signed-in user", async () => {
    const store = await env.signedInStore("ada@example.test");
    const { navigate } = renderWithStack(<UserProbe or="redirect" />, {
      client: env.client({ tokenStore: store }),
    });
    await waitFor(() => expect(screen.getByTestId("email")).toHaveTextContent("ada@example.test"));
    await settle();
    expect(navigate).not.toHaveBeenCalled();
  });
});

describe('useUser({ or: "throw" })', () => {
  it("throws to the nearest error boundary when nobody is signed in", async () => {
    silenceBoundaryLogs();
    renderWithStack(
      <ErrorBoundary>
        <UserProbe or="throw" />
      </ErrorBoundary>,
      { client: env.client() },
    );
    expect(await screen.findByRole("alert")).toHaveTextContent(/^caught USER_NOT_SIGNED_IN/);
  });

  it("renders the user when signed in", async () => {
    const store = await env.signedInStore("ada@example.test");
    renderWithStack(
      <ErrorBoundary>
        <UserProbe or="throw" />
      </ErrorBoundary>,
      { client: env.client({ tokenStore: store }) },
    );
    await waitFor(() => expect(screen.getByTestId("email")).toHaveTextContent("ada@example.test"));
    expect(screen.queryByRole("alert")).toBeNull();
  });
});

describe("useSuspenseUser", () => {
  it("suspends while the user loads, then renders the user", async () => {
    const store = await env.signedInStore("ada@example.test");
    const shown: string[] = [];
    // React 19 only retries a suspended render inside an awaited act().
    await act(async () => {
      renderWithStack(
        <Suspense fallback={<Marker text="suspended" log={shown} />}>
          <SuspenseUserProbe />
        </Suspense>,
        { client: env.client({ tokenStore: store }) },
      );
    });
    expect(await screen.findByText("hello ada@example.test")).toBeInTheDocument();
    expect(shown).toContain("suspended");
    expect(screen.queryByText("suspended")).toBeNull();
    expect(env.count("GET /users/me")).toBe(1);
  });

  it("returns null without suspending or sending anything when signed out", async () => {
    renderWithStack(
      <Suspense fallback={<p>suspended</p>}>
        <SuspenseUserProbe />
      </Suspense>,
      { client: env.client() },
    );
    expect(screen.getByText("hello stranger")).toBeInTheDocument();
    await settle();
    expect(env.requests).toEqual([]);
  });

  it('with or: "redirect" stays suspended and navigates to sign-in', async () => {
    window.history.replaceState(null, "", "/account");
    const navigate = vi.fn<Navigate>();
    await act(async () => {
      renderWithStack(
        <Suspense fallback={<p>suspended</p>}>
          <SuspenseUserProbe or="redirect" />
        </Suspense>,
        { client: env.client(), navigate },
      );
    });
    await waitFor(() => expect(navigate).toHaveBeenCalled());
    await settle();
    // React renders a suspended component more than once (React 19 prerenders it after the fallback
    // commits), and each render queues the navigation: every call goes to the same place, replacing.
    for (const call of vi.mocked(navigate).mock.calls) {
      expect(call).toEqual(["/handler/sign-in?after_auth_return_to=%2Faccount", { replace: true }]);
    }
    expect(screen.getByText("suspended")).toBeInTheDocument();
  });

  it('with or: "throw" reaches the error boundary', async () => {
    silenceBoundaryLogs();
    renderWithStack(
      <ErrorBoundary>
        <Suspense fallback={<p>suspended</p>}>
          <SuspenseUserProbe or="throw" />
        </Suspense>
      </ErrorBoundary>,
      { client: env.client() },
    );
    expect(await screen.findByRole("alert")).toHaveTextContent(/^caught USER_NOT_SIGNED_IN/);
  });
});

describe("StackProvider", () => {
  it("StrictMode: still one GET /users/me for many consumers", async () => {
    const store = await env.signedInStore("grace@example.test");
    render(
      <StrictMode>
        <StackProvider client={env.client({ tokenStore: store })} navigate={vi.fn()}>
          <ul>
            {hundred.slice(0, 10).map((n) => (
              <NamedItem key={n} n={n} />
            ))}
          </ul>
        </StackProvider>
      </StrictMode>,
    );
    await waitFor(() => expect(screen.getAllByText("grace@example.test")).toHaveLength(10));
    await settle();
    expect(env.count("GET /users/me")).toBe(1);
  });

  it("can be given options instead of a client; a re-render keeps the same client and sends nothing", async () => {
    const props = {
      projectId: env.emulator.projectId,
      baseUrl: "https://api.emulator.test",
      tokenStore: "memory" as const,
      navigate: vi.fn<Navigate>(),
    };
    const { rerender } = render(
      <StackProvider {...props}>
        <UserProbe />
      </StackProvider>,
    );
    rerender(
      <StackProvider {...props}>
        <UserProbe />
        <p>second</p>
      </StackProvider>,
    );
    expect(screen.getByText("second")).toBeInTheDocument();
    expect(screen.getByTestId("email")).toHaveTextContent("nobody");
    await settle();
    expect(env.requests).toEqual([]);
  });

  it("a hook outside the provider says so", () => {
    silenceBoundaryLogs();
    expect(() => render(<UserProbe />)).toThrow(/inside <StackProvider>/);
  });
});

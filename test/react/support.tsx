// Shared setup for the hook tests: the real kit, talking HTTP through MSW to a fresh emulator per test.
// Nothing of the kit is mocked; what a test sees is what the client got back from the emulator.
import { render } from "@testing-library/react";
import { setupServer } from "msw/node";
import { Component, type ReactNode, StrictMode } from "react";
import { afterAll, afterEach, beforeAll, beforeEach, vi } from "vitest";
import {
  createMemoryTokenStore,
  createStackClient,
  type StackClient,
  type StackClientOptions,
  type TokenStore,
} from "../../src/core/index.js";
import {
  type Navigate,
  StackProvider,
  type StackUrls,
  type UserOr,
  type UseUserResult,
  useSignIn,
  useSignOut,
  useSuspenseUser,
  useUser,
} from "../../src/react/index.js";
import { createEmulator, type Emulator, type EmulatorOptions } from "../../src/testing/index.js";
import { createMswHandlers } from "../../src/testing/msw.js";

export const API_URL = "https://api.emulator.test";
export const PASSWORD = "Golden-Passw0rd-16";

/** One request the kit sent, as the network saw it. */
export interface SentRequest {
  method: string;
  /** Relative to `/api/v1`, without the query: `/users/me`. */
  path: string;
  headers: Headers;
}

export interface StackTestEnv {
  /** This test's emulator (fresh for every test). */
  readonly emulator: Emulator;
  /** Every request sent since the test started (or since `requests.length = 0`). */
  readonly requests: SentRequest[];
  /** The requests matching `METHOD /path`, e.g. `count("GET /users/me")`. */
  count(route: string): number;
  /** Replaces this test's emulator, e.g. to configure the project differently. */
  useEmulator(options: EmulatorOptions): Emulator;
  /** A client on this test's emulator: memory tokens and no retry unless the test says otherwise. */
  client(options?: Partial<StackClientOptions>): StackClient;
  /** A user that exists on the emulator, with a memory token store that already holds a session of theirs. */
  signedInStore(email: string): Promise<TokenStore>;
}

/** Registers the MSW server and a fresh emulator per test; call once at the top of a test file. */
export function setupStackTest(): StackTestEnv {
  const server = setupServer();
  const requests: SentRequest[] = [];
  let emulator: Emulator;

  const install = (options: EmulatorOptions = {}) => {
    emulator = createEmulator(options);
    server.resetHandlers(...createMswHandlers(emulator, { apiUrl: API_URL }));
    return emulator;
  };

  beforeAll(() => {
    server.listen({ onUnhandledRequest: "error" });
    server.events.on("request:start", ({ request }) => {
      const url = new URL(request.url);
      requests.push({
        method: request.method,
        path: url.pathname.replace(/^\/api\/v1/, "") || "/",
        headers: request.headers,
      });
    });
  });
  beforeEach(() => {
    requests.length = 0;
    localStorage.clear();
    install();
  });
  afterEach(() => {
    server.resetHandlers();
    vi.restoreAllMocks();
  });
  afterAll(() => {
    server.events.removeAllListeners();
    server.close();
  });

  return {
    get emulator() {
      return emulator;
    },
    requests,
    count: (route) => requests.filter((r) => `${r.method} ${r.path}` === route).length,
    useEmulator: install,
    client: (options = {}) =>
      createStackClient({
        projectId: emulator.projectId,
        publishableClientKey: emulator.publishableClientKey,
        baseUrl: API_URL,
        tokenStore: "memory",
        retry: { attempts: 1, baseDelayMs: 1 },
        ...options,
      }),
    async signedInStore(email) {
      emulator.addUser({ email, password: PASSWORD });
      const session = await emulator.createSession(email, { origin: API_URL });
      return createMemoryTokenStore({ accessToken: session.accessToken, refreshToken: session.refreshToken });
    },
  };
}

/**
 * Renders `ui` inside a provider that owns `client`; `navigate` and `navigateExternal` default to spies (jsdom
 * cannot navigate). `strict` wraps it all in <StrictMode> (effects run twice).
 */
export function renderWithStack(
  ui: ReactNode,
  {
    client,
    navigate = vi.fn<Navigate>(),
    navigateExternal = vi.fn<(url: string) => void>(),
    urls,
    strict = false,
  }: {
    client: StackClient;
    navigate?: Navigate;
    navigateExternal?: (url: string) => void;
    urls?: Partial<StackUrls>;
    strict?: boolean;
  },
) {
  const tree = (
    <StackProvider client={client} navigate={navigate} navigateExternal={navigateExternal} urls={urls}>
      {ui}
    </StackProvider>
  );
  const result = render(strict ? <StrictMode>{tree}</StrictMode> : tree);
  return { ...result, navigate, navigateExternal };
}

/** Shows the error that reached it, so a test can see that a hook threw to the nearest boundary. */
export class ErrorBoundary extends Component<{ children?: ReactNode }, { error: unknown }> {
  state = { error: undefined as unknown };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  render() {
    const { error } = this.state;
    if (error === undefined) return this.props.children;
    const code = (error as { code?: string }).code ?? "none";
    return <p role="alert">{`caught ${code}: ${error instanceof Error ? error.message : String(error)}`}</p>;
  }
}

/** React reports errors caught by a boundary on console.error; keep test output readable. */
export function silenceBoundaryLogs() {
  vi.spyOn(console, "error").mockImplementation(() => {});
}

/** Lets pending network answers and effects settle when a test expects *nothing* to happen. */
export const settle = (ms = 50) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Text a user would see for a `useUser` result. */
export function describeUser({ user, isLoading, error }: UseUserResult): string {
  if (error) return `error ${error.code}`;
  return isLoading ? "loading" : (user?.primaryEmail ?? "nobody");
}

/**
 * A `useUser` consumer that shows what it got (in `data-testid={testId}`, default "email") and records
 * every render: the whole result in `log`, the email (or null) in `emails`.
 */
export function UserProbe({
  or,
  log,
  emails,
  testId = "email",
}: {
  or?: UserOr;
  log?: UseUserResult[];
  emails?: (string | null)[];
  testId?: string;
}) {
  const result = useUser({ or });
  log?.push(result);
  emails?.push(result.user?.primaryEmail ?? null);
  return <p data-testid={testId}>{describeUser(result)}</p>;
}

/** `useSuspenseUser` shown as text; wrap it in `<Suspense>`. */
export function SuspenseUserProbe({ or }: { or?: "redirect" | "throw" }) {
  const user = useSuspenseUser({ or });
  return <p>{user ? `hello ${user.primaryEmail}` : "hello stranger"}</p>;
}

/** Buttons a user would click: "sign in as <email>" and "sign out". */
export function AuthButtons({ signInAs }: { signInAs?: string }) {
  const { signIn } = useSignIn();
  const { signOut } = useSignOut();
  return (
    <>
      {signInAs && (
        <button type="button" onClick={() => signIn({ email: signInAs, password: PASSWORD })}>
          sign in as {signInAs}
        </button>
      )}
      <button type="button" onClick={() => signOut()}>
        sign out
      </button>
    </>
  );
}

/** Renders a hook and keeps its latest result in `out.current` (and every result in `out.all`). */
export function HookHost<T>({ hook, out }: { hook: () => T; out: { current?: T; all: T[] } }) {
  const value = hook();
  out.current = value;
  out.all.push(value);
  return null;
}

/** Shows `text` and notes each render in `log` (e.g. to see that a Suspense fallback appeared). */
export function Marker({ text, log }: { text: string; log: string[] }) {
  log.push(text);
  return <p>{text}</p>;
}

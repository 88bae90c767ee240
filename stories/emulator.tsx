import type { Decorator } from "@storybook/react-vite";
import { fn } from "storybook/test";
import { createStackClient, type StackClient, signInWithPassword } from "../src/core/index.js";
import { StackProvider } from "../src/index.js";
import { LOCAL_PROJECT_ID, LOCAL_PUBLISHABLE_CLIENT_KEY } from "../src/testing/defaults.js";
import { createEmulator, type Emulator, type EmulatorOptions, totp } from "../src/testing/index.js";
import { createMswHandlers } from "../src/testing/msw.js";

/** What a story asks of its local Stack API, in `parameters.stack`. */
export interface StackStoryParameters {
  project?: EmulatorOptions;
  /** Seeds this user and signs them in (over HTTP, through the emulator) before the story renders. */
  signedInAs?: { email: string; password: string; displayName?: string };
  /**
   * Adjusts the emulator before rendering: faults, latency, seeded users… `client` is the story's own
   * client, for what the app would have done earlier (e.g. ask for the email whose link the story opens).
   * A promise is awaited.
   */
  setup?(emulator: Emulator, client: StackClient): unknown;
  /**
   * The page's address while the story renders (same origin: a path with its query, or a mail's link), for
   * the pages that read `window.location`; put back afterwards. A function runs after `setup`.
   */
  url?: string | ((emulator: Emulator) => string | undefined);
}

export const demoUser = {
  email: "ada@example.com",
  password: "correct-horse-battery",
  displayName: "Ada Lovelace",
};

/** A user with TOTP two-factor authentication (a fixed RFC 6238 test secret). */
export const mfaUser = {
  email: "grace@example.com",
  password: "another-horse-battery",
  displayName: "Grace Hopper",
  totpSecretBase64: btoa("12345678901234567890"),
};

/** The code the authenticator app of `mfaUser` shows now. */
export const currentTotp = () => totp(mfaUser.totpSecretBase64, Date.now());

/** Six digits the emulator refuses now: not the code of any 30-second step within a minute of now. */
export function wrongTotp(): string {
  const near = [-60_000, -30_000, 0, 30_000, 60_000].map((d) =>
    totp(mfaUser.totpSecretBase64, Date.now() + d),
  );
  for (let i = 0; ; i++) {
    const code = String(i).padStart(6, "0");
    if (!near.includes(code)) return code;
  }
}

// The story being rendered: set in beforeEach, read by the decorator (stories render one at a time).
let current: { client: StackClient; emulator: Emulator } | undefined;
/** Where the kit asked to navigate; stories never leave the page. */
export const navigate = fn().mockName("navigate");
/** Where the kit sent the browser to another site (an OAuth provider); stories never leave the page. */
export const navigateExternal = fn().mockName("navigateExternal");

/**
 * Every story gets a fresh emulator behind MSW and a client with an in-memory session, so what the
 * component shows went through the kit's real fetch path.
 */
export async function withStackEmulator({
  parameters,
  msw,
}: {
  parameters: { stack?: StackStoryParameters };
  msw: { use(...handlers: ReturnType<typeof createMswHandlers>): void };
}) {
  const { project, signedInAs, setup, url } = parameters.stack ?? {};
  const seedUsers = [...(project?.seedUsers ?? [])];
  if (signedInAs && !seedUsers.some((u) => u.email === signedInAs.email)) seedUsers.push(signedInAs);
  const emulator = createEmulator({ displayName: "Storybook", ...project, seedUsers });
  msw.use(...createMswHandlers(emulator));
  const client = newClient();
  if (signedInAs)
    await signInWithPassword(client, { email: signedInAs.email, password: signedInAs.password });
  await setup?.(emulator, client);
  navigate.mockClear();
  navigateExternal.mockClear();
  current = { client, emulator };

  const address = typeof url === "function" ? url(emulator) : url;
  if (address === undefined) return;
  const original = window.location.href;
  window.history.replaceState(window.history.state, "", new URL(address, original));
  return () => window.history.replaceState(window.history.state, "", original);
}

/** A client of the story's emulator with its own in-memory session (the story's is the rendered one's). */
export const newClient = (): StackClient =>
  createStackClient({
    projectId: LOCAL_PROJECT_ID,
    publishableClientKey: LOCAL_PUBLISHABLE_CLIENT_KEY,
    baseUrl: window.location.origin,
    tokenStore: "memory",
    retry: { attempts: 1 },
  });

export const StackDecorator: Decorator = (Story) => {
  if (!current) throw new Error("withStackEmulator must run before the story renders");
  return (
    <StackProvider client={current.client} navigate={navigate} navigateExternal={navigateExternal}>
      <Story />
    </StackProvider>
  );
};

export const storyEmulator = (): Emulator => {
  if (!current) throw new Error("no emulator yet");
  return current.emulator;
};

/** Typed `parameters` for a story's emulator. */
export const stack = (parameters: StackStoryParameters) => ({ stack: parameters });

/** Absolute URL of a kit page on this origin, as the server would put it in a mail. */
export const pageUrl = (path: string) => new URL(path, window.location.origin).href;

/** The link of the newest mail to `email`, for `url` (throws when there is none: the setup went wrong). */
export const mailLink =
  (email: string) =>
  (emulator: Emulator): string => {
    const link = emulator.mailbox.latest(email)?.link;
    if (!link) throw new Error(`no mail with a link to ${email}`);
    return link;
  };

/** The dark theme around a story. */
export const DarkTheme: Decorator = (Story) => (
  <div data-stack-theme="dark" style={{ background: "#020617", padding: 24 }}>
    <Story />
  </div>
);

/**
 * What the emulator's mock provider does when the user answers its consent page (the page itself is out of
 * MSW's reach: it is a navigation): the provider's redirect to Stack, then Stack's to the app. Returns the
 * URL the browser lands on, the app's OAuth callback with `code` and `state` (or Stack's error parameters).
 */
export async function answerOAuthConsent(
  emulator: Emulator,
  providerUrl: string,
  { action = "allow", email }: { action?: "allow" | "cancel"; email?: string } = {},
): Promise<string> {
  const url = new URL(providerUrl);
  const form = new URLSearchParams(url.searchParams);
  form.set("action", action);
  form.set("email", email ?? `${form.get("client_id")}-user@example.com`);
  const toStack = await emulator.handle(
    new Request(url.origin + url.pathname, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form,
    }),
  );
  const toApp = await emulator.handle(new Request(redirectTarget(toStack)));
  return redirectTarget(toApp);
}

function redirectTarget(response: Response): string {
  const location = response.headers.get("location");
  if (!location) throw new Error(`expected a redirect, got ${response.status}`);
  return location;
}

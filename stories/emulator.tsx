import type { Decorator } from "@storybook/react-vite";
import { fn } from "storybook/test";
import { createStackClient, type StackClient } from "../src/core/index.js";
import { StackProvider } from "../src/index.js";
import { LOCAL_PROJECT_ID, LOCAL_PUBLISHABLE_CLIENT_KEY } from "../src/testing/defaults.js";
import { createEmulator, type Emulator, type EmulatorOptions } from "../src/testing/index.js";
import { createMswHandlers } from "../src/testing/msw.js";

/** What a story asks of its local Stack API, in `parameters.stack`. */
export interface StackStoryParameters {
  project?: EmulatorOptions;
  /** Seeds this user and signs them in (over HTTP, through the emulator) before the story renders. */
  signedInAs?: { email: string; password: string; displayName?: string };
  /** Adjusts the emulator before rendering: faults, latency, seeded users… */
  setup?(emulator: Emulator): void;
}

export const demoUser = {
  email: "ada@example.com",
  password: "correct-horse-battery",
  displayName: "Ada Lovelace",
};

// The story being rendered: set in beforeEach, read by the decorator (stories render one at a time).
let current: { client: StackClient; emulator: Emulator } | undefined;
/** Where the kit asked to navigate; stories never leave the page. */
export const navigate = fn().mockName("navigate");

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
  const { project, signedInAs, setup } = parameters.stack ?? {};
  const seedUsers = project?.seedUsers ?? [];
  if (signedInAs && !seedUsers.some((u) => u.email === signedInAs.email)) seedUsers.push(signedInAs);
  const emulator = createEmulator({ displayName: "Storybook", ...project, seedUsers });
  msw.use(...createMswHandlers(emulator));
  const client = createStackClient({
    projectId: LOCAL_PROJECT_ID,
    publishableClientKey: LOCAL_PUBLISHABLE_CLIENT_KEY,
    baseUrl: window.location.origin,
    tokenStore: "memory",
    retry: { attempts: 1 },
  });
  if (signedInAs) await client.signInWithPassword({ email: signedInAs.email, password: signedInAs.password });
  setup?.(emulator);
  navigate.mockClear();
  current = { client, emulator };
}

export const StackDecorator: Decorator = (Story) => {
  if (!current) throw new Error("withStackEmulator must run before the story renders");
  return (
    <StackProvider client={current.client} navigate={navigate}>
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

// @vitest-environment node
// The core client against the kit's own emulator (through MSW), end to end: no hand-written answers.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  createMemoryTokenStore,
  createStackClient,
  decodeJwtPayload,
  getProject,
  signInWithPassword,
  signUpWithPassword,
  type TokenStore,
} from "../../src/core/index.js";
import { createEmulator, type Emulator } from "../../src/testing/index.js";
import { createMswHandlers } from "../../src/testing/msw.js";

const BASE_URL = "https://api.emulator.test";
const PASSWORD = "Golden-Passw0rd-16";

const server = setupServer();
let emulator: Emulator;
let store: TokenStore;

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
beforeEach(() => {
  emulator = createEmulator();
  server.resetHandlers(...createMswHandlers(emulator, { apiUrl: BASE_URL }));
  store = createMemoryTokenStore();
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = () =>
  createStackClient({
    projectId: emulator.projectId,
    publishableClientKey: emulator.publishableClientKey,
    baseUrl: BASE_URL,
    tokenStore: store,
    retry: { attempts: 3, baseDelayMs: 1 },
  });

describe("core client on the emulator", () => {
  it("sign-up → getUser → updateUser → sign-out → sign-in", async () => {
    const stack = client();
    const { userId } = await signUpWithPassword(stack, {
      email: "ada@example.test",
      password: PASSWORD,
      verificationCallbackUrl: "http://localhost:3000/handler/email-verification",
    });
    expect(stack.getSessionKey()).toMatch(/^session-/);

    const user = await stack.getUser();
    expect(user).toMatchObject({
      id: userId,
      primaryEmail: "ada@example.test",
      primaryEmailVerified: false,
      hasPassword: true,
      authWithEmail: true,
      isAnonymous: false,
      oauthProviders: [],
      otpAuthEnabled: false,
      displayName: null,
    });
    expect(user?.signedUpAt).toBeInstanceOf(Date);

    const updated = await stack.updateUser({
      displayName: "Ada Lovelace",
      clientMetadata: { theme: "dark" },
    });
    expect(updated).toMatchObject({ displayName: "Ada Lovelace", clientMetadata: { theme: "dark" } });
    // the next access token carries the new name
    const tokens = await stack.getLikelyValidTokens();
    expect(decodeJwtPayload(tokens?.accessToken ?? "")?.name).toBe("Ada Lovelace");

    const { refreshToken } = tokens ?? { refreshToken: "" };
    await stack.signOut();
    expect(store.get()).toBeNull();
    expect(stack.getSessionKey()).toBe("signed-out");
    expect(await stack.getUser()).toBeNull();
    // the session ends on the server too, in the background: its refresh token stops working
    await vi.waitFor(async () => {
      store.set({ refreshToken, accessToken: null });
      expect(await stack.getLikelyValidTokens()).toBeNull();
    });

    await expect(
      signInWithPassword(stack, { email: "ada@example.test", password: "Wrong-Passw0rd" }),
    ).rejects.toMatchObject({
      code: "EMAIL_PASSWORD_MISMATCH",
    });
    const signedIn = await signInWithPassword(stack, { email: "ada@example.test", password: PASSWORD });
    expect(signedIn.userId).toBe(userId);
    expect((await stack.getUser())?.displayName).toBe("Ada Lovelace");
  });

  it("refreshes once and retries when the server says the access token expired", async () => {
    const stack = client();
    await signUpWithPassword(stack, { email: "grace@example.test", password: PASSWORD });
    const before = store.get()?.accessToken;
    // The server's clock moves past exp while the client still thinks the token is fresh.
    emulator.clock.advance(11 * 60 * 1000);
    const user = await stack.getUser();
    expect(user?.primaryEmail).toBe("grace@example.test");
    expect(store.get()?.accessToken).not.toBe(before);
  });

  it("ends the session when the server revoked it", async () => {
    const stack = client();
    await signUpWithPassword(stack, { email: "linus@example.test", password: PASSWORD });
    emulator.revokeAllSessions("linus@example.test");
    emulator.clock.advance(11 * 60 * 1000);
    expect(await stack.getUser()).toBeNull();
    expect(store.get()).toBeNull();
  });

  it("signs out cleanly twice in a row and reads the project config", async () => {
    const stack = client();
    await signUpWithPassword(stack, { email: "ken@example.test", password: PASSWORD });
    await stack.signOut();
    await stack.signOut();
    expect(store.get()).toBeNull();
    const project = await getProject(stack);
    expect(project.id).toBe(emulator.projectId);
    expect(project.config).toMatchObject({
      signUpEnabled: true,
      credentialEnabled: true,
      oauthProviders: [],
    });
  });
});

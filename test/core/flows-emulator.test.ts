// The sign-in flows end to end on the kit's own emulator (through MSW): no hand-written answers. OAuth goes
// through the emulator's mock provider the way a browser would (consent form → Stack callback → redirect URI).
// Passkeys need a real authenticator: they are covered against the fake (flows.test.ts) and in e2e.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  completeOAuth,
  createMemoryTokenStore,
  createStackClient,
  getMfaAttemptCode,
  resetPassword,
  type StackError,
  sendPasswordResetEmail,
  sendSignInCode,
  sendVerificationEmail,
  signInWithCode,
  signInWithPassword,
  signInWithTotp,
  signUpAnonymously,
  signUpWithPassword,
  startOAuth,
  type TokenStore,
  verifyEmail,
} from "../../src/core/index.js";
import { createEmulator, type Emulator, totp } from "../../src/testing/index.js";
import { createMswHandlers } from "../../src/testing/msw.js";

const BASE_URL = "https://api.emulator.test";
const HANDLER = "http://localhost:3000/handler";
const PASSWORD = "Golden-Passw0rd-16";
const TOTP_SECRET = Buffer.from("12345678901234567890").toString("base64");

const server = setupServer();
let emulator: Emulator;
let store: TokenStore;

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
beforeEach(() => {
  emulator = createEmulator({ oauthProviders: ["github"] });
  server.resetHandlers(...createMswHandlers(emulator, { apiUrl: BASE_URL }));
  store = createMemoryTokenStore();
  sessionStorage.clear();
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

/** The browser's trip through the mock provider: its consent form (Allow or Cancel), then Stack's callback. */
async function throughProvider(providerUrl: string, action: "allow" | "cancel", email = "octo@example.test") {
  const page = new URL(providerUrl);
  const form = new URLSearchParams(page.searchParams);
  form.set("email", email);
  form.set("action", action);
  const consent = await fetch(`${page.origin}${page.pathname}`, {
    method: "POST",
    body: form,
    redirect: "manual",
  });
  const stackCallback = consent.headers.get("location") ?? "";
  const callback = await fetch(stackCallback, { redirect: "manual" });
  return callback.headers.get("location") ?? "";
}

describe("flows on the emulator", () => {
  it("OTP: the mailed code + nonce signs in; the link code works too", async () => {
    const stack = client();
    const { nonce } = await sendSignInCode(stack, {
      email: "otp@example.test",
      callbackUrl: `${HANDLER}/magic-link-callback`,
    });
    const mail = emulator.mailbox.latest("otp@example.test");
    expect(mail?.otp).toMatch(/^[A-Z0-9]{6}$/);
    const first = await signInWithCode(stack, mail?.otp ?? "", nonce);
    expect(first.isNewUser).toBe(true);
    expect((await stack.getUser())?.primaryEmail).toBe("otp@example.test");

    await sendSignInCode(stack, { email: "otp@example.test", callbackUrl: `${HANDLER}/magic-link-callback` });
    const link = emulator.mailbox.latest("otp@example.test");
    expect(link?.link).toBe(`${HANDLER}/magic-link-callback?code=${link?.code}`);
    expect(await signInWithCode(stack, link?.code ?? "")).toEqual({ userId: first.userId, isNewUser: false });
  });

  it("anonymous: one user for concurrent callers, upgraded in place by a code sign-in", async () => {
    const stack = client();
    const [a, b] = await Promise.all([signUpAnonymously(stack), signUpAnonymously(stack)]);
    expect(a.userId).toBe(b.userId);
    expect((await stack.getUser())?.isAnonymous).toBe(true);
    const { nonce } = await sendSignInCode(stack, {
      email: "anon@example.test",
      callbackUrl: `${HANDLER}/magic-link-callback`,
    });
    const upgraded = await signInWithCode(
      stack,
      emulator.mailbox.latest("anon@example.test")?.otp ?? "",
      nonce,
    );
    expect(upgraded.userId).toBe(a.userId);
    expect((await stack.getUser())?.isAnonymous).toBe(false);
  });

  it("MFA: password sign-in asks for TOTP, signInWithTotp finishes", async () => {
    emulator.addUser({ email: "mfa@example.test", password: PASSWORD, totpSecretBase64: TOTP_SECRET });
    const stack = client();
    const error = await signInWithPassword(stack, { email: "mfa@example.test", password: PASSWORD }).catch(
      (e: StackError) => e,
    );
    expect(error).toMatchObject({ code: "MULTI_FACTOR_AUTHENTICATION_REQUIRED", status: 400 });
    const attemptCode = getMfaAttemptCode(error) ?? "";
    await expect(signInWithTotp(stack, { attemptCode, totp: "000000" })).rejects.toMatchObject({
      code: "INVALID_TOTP_CODE",
    });
    const result = await signInWithTotp(stack, {
      attemptCode,
      totp: totp(TOTP_SECRET, emulator.clock.now()),
    });
    expect(result.isNewUser).toBe(false);
    expect((await stack.getUser())?.requiresTotpMfa).toBe(true);
  });

  it("password reset: too short is refused locally and the link still works; the old session ends", async () => {
    const stack = client();
    await signUpWithPassword(stack, { email: "reset@example.test", password: PASSWORD });
    await sendPasswordResetEmail(stack, {
      email: "reset@example.test",
      callbackUrl: `${HANDLER}/password-reset`,
    });
    const { code = "" } = emulator.mailbox.latest("reset@example.test") ?? {};
    await expect(resetPassword(stack, { code, password: "short" })).rejects.toMatchObject({
      code: "PASSWORD_TOO_SHORT",
      details: { min_length: 8 },
    });
    await resetPassword(stack, { code, password: "New-Passw0rd-16x" });
    // all the user's sessions are gone: this one finds out on its next request
    expect(await stack.getUser()).toBeNull();
    await expect(
      signInWithPassword(stack, { email: "reset@example.test", password: "New-Passw0rd-16x" }),
    ).resolves.toMatchObject({ userId: expect.any(String) });
  });

  it("email verification: resend to the primary channel, verify, and fresh claims", async () => {
    const stack = client();
    await signUpWithPassword(stack, { email: "verify@example.test", password: PASSWORD });
    expect((await stack.getUser())?.primaryEmailVerified).toBe(false);
    await sendVerificationEmail(stack, { callbackUrl: `${HANDLER}/email-verification` });
    const mail = emulator.mailbox.latest("verify@example.test");
    expect(mail?.link).toBe(`${HANDLER}/email-verification?code=${mail?.code}`);
    await verifyEmail(stack, mail?.code ?? "");
    expect((await stack.getUser())?.primaryEmailVerified).toBe(true);
    const tokens = await stack.getLikelyValidTokens();
    const claims = JSON.parse(
      atob((tokens?.accessToken ?? "").split(".")[1]?.replace(/-/g, "+").replace(/_/g, "/") ?? ""),
    );
    expect(claims.email_verified).toBe(true);
    await expect(
      sendVerificationEmail(stack, { callbackUrl: `${HANDLER}/email-verification` }),
    ).rejects.toMatchObject({ code: "EMAIL_ALREADY_VERIFIED" });
  });

  it("OAuth: authorize → mock provider (Allow) → callback → one exchange; the same URL again is the same result", async () => {
    const stack = client();
    let providerUrl = "";
    await startOAuth(stack, {
      provider: "github",
      redirectUri: `${HANDLER}/oauth-callback`,
      returnTo: "/account",
      navigate: (url) => {
        providerUrl = url;
      },
    });
    const callbackUrl = await throughProvider(providerUrl, "allow");
    expect(callbackUrl).toMatch(/^http:\/\/localhost:3000\/handler\/oauth-callback\?code=.+&state=.+/);
    const [first, second] = [
      completeOAuth(stack, { url: callbackUrl }),
      completeOAuth(stack, { url: callbackUrl }),
    ];
    expect(second).toBe(first);
    expect(await first).toMatchObject({ isNewUser: true, returnTo: "/account" });
    const user = await stack.getUser();
    expect(user?.oauthProviders).toEqual([
      { id: "github", accountId: "octo@example.test", email: "octo@example.test" },
    ]);
    expect(user?.id).toBe((await first)?.userId);
  });

  it("OAuth: Cancel at the provider comes back as an error the callback reports", async () => {
    const stack = client();
    let providerUrl = "";
    await startOAuth(stack, {
      provider: "github",
      redirectUri: `${HANDLER}/oauth-callback`,
      navigate: (url) => {
        providerUrl = url;
      },
    });
    const callbackUrl = await throughProvider(providerUrl, "cancel");
    expect(new URL(callbackUrl).searchParams.get("errorCode")).toBeTruthy();
    const error = await completeOAuth(stack, { url: callbackUrl }).catch((e: StackError) => e);
    expect(error).toMatchObject({ name: "StackError", status: 0 });
    expect((error as StackError).code).toBe(new URL(callbackUrl).searchParams.get("errorCode"));
    expect(store.get()).toBeNull();
  });
});

// @vitest-environment node
import { describe, expect, it } from "vitest";
import { createEmulator, type Emulator, type EmulatorOptions, totp } from "../../src/testing/index.js";
import { decideAtProvider, oauthRoundTrip, s256, VERIFIER } from "../emulator/oauth.js";
import { loadCase, type ReplayContext, replayCase } from "./replay.js";

// Golden recordings of the sign-in flows (OTP, password reset, contact channels, OAuth), replayed with
// live codes: from the mailbox, from OTP + nonce, from TOTP, and from a real round trip through the
// emulator's mock OAuth provider.

const recorded = (options: EmulatorOptions = {}): Emulator =>
  createEmulator({ displayName: "Client library test project", ...options });

const PROJECT = "Client library test project";
const randomCode = () => "a".repeat(6) + Math.random().toString(36).slice(2).padEnd(39, "b").slice(0, 39);
const UNKNOWN_UUID = "7b3f0e36-1f55-4c6c-9d43-1e0c52a3c0ff";

/** The newest mail to `to` whose subject starts with `subject`. */
function mail(emulator: Emulator, to: string, subject: string) {
  const found = emulator.mailbox
    .list()
    .filter((m) => m.to === to && m.subject.startsWith(subject))
    .at(-1);
  if (!found) throw new Error(`no mail "${subject}…" to ${to}`);
  return found;
}

const body = <T>(ctx: ReplayContext, step: number) => ctx.bodies[step] as T;

describe("golden flows replayed against the emulator", () => {
  it("case 22: OTP sign-in, two full cycles", async () => {
    const emulator = recorded();
    const to = "user@example.test";
    const otpPlusNonce = (step: number) => (ctx: ReplayContext) => ({
      "<otp><nonce>": `${mail(emulator, to, "Sign in to").otp}${body<{ nonce: string }>(ctx, step).nonce}`,
    });
    const ctx = await replayCase(loadCase(22), emulator, {
      values: { 1: otpPlusNonce(0), 3: otpPlusNonce(2) },
    });

    // The notes of the recording.
    const first = emulator.mailbox.list().filter((m) => m.to === to)[0];
    const nonce = body<{ nonce: string }>(ctx, 0).nonce;
    expect(nonce).toHaveLength(39);
    expect(first?.otp).toMatch(/^[A-Z2-7]{6}$/);
    expect(first?.code).toHaveLength(45);
    expect(first?.code?.slice(0, 6).toUpperCase()).toBe(first?.otp);
    expect(first?.code?.slice(6)).toBe(nonce);
    expect(first?.subject).toBe(`Sign in to ${PROJECT}: Your code is ${first?.otp}`);
    expect(first?.link).toBe(`http://localhost:3000/handler/magic-link-callback?code=${first?.code}`);
    expect(body<{ user_id: string }>(ctx, 3).user_id).toBe(body<{ user_id: string }>(ctx, 1).user_id);
  });

  it("case 25: send-reset-code answers the same for unknown emails", async () => {
    const emulator = recorded();
    await replayCase(loadCase(25), emulator);
    const resets = emulator.mailbox.list().filter((m) => m.subject.startsWith("Reset"));
    // Only the existing user with a trusted callback got a mail.
    expect(resets.map((m) => m.to)).toEqual(["user@example.test"]);
    expect(resets[0]?.subject).toBe(`Reset your password at ${PROJECT}`);
    expect(resets[0]?.link).toMatch(/^http:\/\/localhost:3000\/handler\/password-reset\?code=[a-z2-7]{45}$/);
  });

  it("case 26: password reset: check-code, reset, reuse, too-short", async () => {
    const emulator = recorded();
    const resetCode = () => ({ "<code>": mail(emulator, "user@example.test", "Reset").code ?? "" });
    const unknown = randomCode();
    await replayCase(loadCase(26), emulator, {
      values: {
        2: resetCode,
        3: resetCode,
        4: resetCode,
        8: resetCode,
        9: resetCode,
        10: () => ({ "<code>": unknown }),
      },
    });
  });

  it("case 39: contact channels and email verification", async () => {
    const emulator = recorded();
    const verificationCode = () => ({
      "<code>": mail(emulator, "user@example.test", "Verify your email").code ?? "",
    });
    const secondId = (ctx: ReplayContext) => ({ "<uuid>": body<{ id: string }>(ctx, 1).id });
    await replayCase(loadCase(39), emulator, {
      values: {
        3: verificationCode,
        4: verificationCode,
        5: verificationCode,
        7: (ctx) => ({ "<uuid>": body<{ items: { id: string }[] }>(ctx, 6).items[0]?.id ?? "" }),
        8: secondId,
        10: () => ({ "<code>": mail(emulator, "magic@example.test", "Sign in to").code ?? "" }),
        11: () => ({ "<uuid>": UNKNOWN_UUID }),
        12: secondId,
      },
    });
    // The unverified channel got its own verification mail.
    expect(mail(emulator, "second@example.test", "Verify your email").link).toMatch(
      /^http:\/\/localhost:3000\/handler\/email-verification\?code=[a-z2-7]{45}$/,
    );
  });

  it("case 33: OAuth authorize (json and redirect mode) and its errors", async () => {
    const emulator = recorded({ oauthProviders: ["spotify"] });
    const challenge = () => ({ "<code-challenge>": s256(VERIFIER) });
    const values = Object.fromEntries(loadCase(33).steps.map((_, i) => [i, challenge]));
    const ctx = await replayCase(loadCase(33), emulator, { values });

    expect(ctx.headers[0]?.get("set-cookie")).toBeNull();
    const location = new URL(body<{ location: string }>(ctx, 0).location);
    expect(location.origin).toBe("http://localhost:8102");
    expect([...location.searchParams.keys()]).toEqual([
      "client_id",
      "scope",
      "response_type",
      "redirect_uri",
      "code_challenge_method",
      "code_challenge",
      "state",
      "access_type",
      "prompt",
    ]);
    expect(location.searchParams.get("redirect_uri")).toBe(
      "http://localhost:8102/api/v1/auth/oauth/callback/spotify",
    );
    // Redirect mode: the cookie names the same inner state as the location.
    const redirect = new URL(ctx.headers[8]?.get("location") ?? "");
    expect(ctx.headers[8]?.get("set-cookie")).toContain(
      `stack-oauth-inner-${redirect.searchParams.get("state")}=`,
    );
  });

  it("case 34: OAuth code exchange through the mock provider, MFA included", async () => {
    const emulator = recorded({ oauthProviders: ["spotify"] });
    const email = "oauthuser@example.test";
    const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    const flowCode = async (ctx: ReplayContext, name: string) => {
      const trip = await oauthRoundTrip(emulator, { email });
      expect(trip.callback.status).toBe(303);
      ctx.vars[name] = trip.code ?? "";
    };
    const outerCode = (ctx: ReplayContext) =>
      new URL(ctx.headers[1]?.get("location") ?? "").searchParams.get("code") ?? "";

    const ctx = await replayCase(loadCase(34), emulator, {
      before: {
        // The browser goes from the provider URL of step 0 through the consent page (Allow).
        1: async (c) => {
          const back = await decideAtProvider(emulator, body<{ location: string }>(c, 0).location, {
            action: "allow",
            email,
          });
          c.vars.innerCode = back.searchParams.get("code") ?? "";
          c.vars.innerState = back.searchParams.get("state") ?? "";
          c.vars.iss = back.searchParams.get("iss") ?? "";
        },
        5: (c) => flowCode(c, "flow2"),
        7: (c) => flowCode(c, "flow3"),
        10: (c) => flowCode(c, "flow4"),
      },
      values: {
        0: () => ({ "<code-challenge>": s256(VERIFIER) }),
        1: (c) => ({
          "<code>": c.vars.innerCode ?? "",
          "<inner-state>": c.vars.innerState ?? "",
          "<mock-provider-origin>": encodeURIComponent(c.vars.iss ?? ""),
        }),
        2: (c) => ({ "<code>": outerCode(c) }),
        4: (c) => ({ "<code>": outerCode(c) }),
        5: (c) => ({ "<code>": c.vars.flow2 ?? "" }),
        7: (c) => ({ "<code>": c.vars.flow3 ?? "" }),
        // A different redirect URI does not use the code up: the same code still works.
        8: (c) => ({ "<code>": c.vars.flow3 ?? "" }),
        9: () => ({ "<totp-secret-base64>": secret }),
        10: (c) => ({ "<code>": c.vars.flow4 ?? "" }),
        11: (c) => ({
          "<totp>": totp(secret, emulator.clock.now()),
          "<code>": body<{ details: { attempt_code: string } }>(c, 10).details.attempt_code,
        }),
      },
    });

    // Notes: the state is echoed and the outer code has 64 characters.
    const back = new URL(ctx.headers[1]?.get("location") ?? "");
    expect(back.searchParams.get("state")).toBe("golden-state-1");
    expect(back.searchParams.get("code")).toHaveLength(64);
    expect(ctx.vars.iss).toBe("http://localhost:8102");
    // The user of every flow is the same provider account.
    expect(body<{ user_id: string }>(ctx, 11).user_id).toBe(body<{ id: string }>(ctx, 3).id);
  });
});

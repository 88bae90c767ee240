// @vitest-environment node
import { describe, expect, it } from "vitest";
import { createEmulator, totp } from "../../src/testing/index.js";
import { call } from "../emulator/client.js";

// CLIENT-API.md §14 cases of the sign-in flows that have no golden recording (15, 16, 23, 24).

const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const magicLinkCallback = "http://localhost:3000/handler/magic-link-callback";

function mfaEmulator() {
  return createEmulator({
    seedUsers: [{ email: "mfa@example.test", password: "Golden-Passw0rd-16", totpSecretBase64: SECRET }],
  });
}

async function attemptCode(emulator: ReturnType<typeof createEmulator>): Promise<string> {
  const result = await call(emulator, "POST", "/auth/password/sign-in", {
    body: { email: "mfa@example.test", password: "Golden-Passw0rd-16" },
  });
  expect(result.status).toBe(400);
  expect(result.code).toBe("MULTI_FACTOR_AUTHENTICATION_REQUIRED");
  return (result.body as { details: { attempt_code: string } }).details.attempt_code;
}

describe("§14 sign-in flow cases without a recording", () => {
  it("case 15: a TOTP user signs in with the attempt code and the current TOTP", async () => {
    const emulator = mfaEmulator();
    const code = await attemptCode(emulator);
    expect(code).toMatch(/^[a-z2-7]{45}$/);
    const result = await call(emulator, "POST", "/auth/mfa/sign-in", {
      body: { type: "totp", totp: totp(SECRET, emulator.clock.now()), code },
    });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      access_token: expect.stringMatching(/^eyJ/),
      refresh_token: expect.stringMatching(/^[a-z2-7]{45}$/),
      is_new_user: false,
      user_id: expect.any(String),
    });
    // The attempt code works once.
    const again = await call(emulator, "POST", "/auth/mfa/sign-in", {
      body: { type: "totp", totp: totp(SECRET, emulator.clock.now()), code },
    });
    expect(again.code).toBe("VERIFICATION_CODE_ALREADY_USED");
  });

  it("case 16: an invalid TOTP, an unknown attempt code", async () => {
    const emulator = mfaEmulator();
    const code = await attemptCode(emulator);
    const wrong = await call(emulator, "POST", "/auth/mfa/sign-in", {
      body: { type: "totp", totp: "never-valid-totp", code },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toEqual({
      code: "INVALID_TOTP_CODE",
      error: "The TOTP code is invalid. Please try again.",
    });
    const unknown = await call(emulator, "POST", "/auth/mfa/sign-in", {
      body: {
        type: "totp",
        totp: totp(SECRET, emulator.clock.now()),
        code: "invalid-attempt-code-123123123123123123123123",
      },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({
      code: "VERIFICATION_CODE_NOT_FOUND",
      error: "The verification code does not exist for this project.",
    });
    // A wrong TOTP did not use the attempt code up.
    const right = await call(emulator, "POST", "/auth/mfa/sign-in", {
      body: { type: "totp", totp: totp(SECRET, emulator.clock.now()), code },
    });
    expect(right.status).toBe(200);
  });

  it("case 23: wrong OTPs on a nonce, then the right one after 25 tries", async () => {
    const emulator = createEmulator();
    const sent = await call(emulator, "POST", "/auth/otp/send-sign-in-code", {
      body: { email: "otp@example.test", callback_url: magicLinkCallback },
    });
    const { nonce } = sent.body as { nonce: string };
    const otp = emulator.mailbox.latest("otp@example.test")?.otp ?? "";
    const wrongOtp = otp === "ABC123" ? "ABC124" : "ABC123";
    for (let i = 0; i < 25; i++) {
      const wrong = await call(emulator, "POST", "/auth/otp/sign-in", {
        body: { code: `${wrongOtp}${nonce}` },
      });
      expect(wrong.status, `try ${i + 1}`).toBe(404);
      expect(wrong.code).toBe("VERIFICATION_CODE_NOT_FOUND");
    }
    const right = await call(emulator, "POST", "/auth/otp/sign-in", { body: { code: `${otp}${nonce}` } });
    expect(right.status).toBe(400);
    expect(right.body).toEqual({
      code: "VERIFICATION_CODE_MAX_ATTEMPTS_REACHED",
      error:
        "The verification code nonce has reached the maximum number of attempts. This code is not valid anymore.",
    });
  });

  it("case 23 (boundary): 19 wrong guesses still leave the code usable, 20 do not", async () => {
    for (const [guesses, expected] of [
      [19, 200],
      [20, 400],
    ] as const) {
      const emulator = createEmulator();
      const sent = await call(emulator, "POST", "/auth/otp/send-sign-in-code", {
        body: { email: "otp@example.test", callback_url: magicLinkCallback },
      });
      const { nonce } = sent.body as { nonce: string };
      const otp = emulator.mailbox.latest()?.otp ?? "";
      const wrongOtp = otp === "ABC123" ? "ABC124" : "ABC123";
      for (let i = 0; i < guesses; i++) {
        await call(emulator, "POST", "/auth/otp/sign-in", { body: { code: `${wrongOtp}${nonce}` } });
      }
      const right = await call(emulator, "POST", "/auth/otp/sign-in", { body: { code: `${otp}${nonce}` } });
      expect(right.status, `${guesses} wrong guesses`).toBe(expected);
    }
  });

  it("case 24: untrusted callback, magic link disabled, existing user with an unverified email", async () => {
    const evil = await call(createEmulator(), "POST", "/auth/otp/send-sign-in-code", {
      body: { email: "otp@example.test", callback_url: "http://evil-website.example.com" },
    });
    expect(evil.status).toBe(400);
    expect(evil.code).toBe("REDIRECT_URL_NOT_WHITELISTED");

    const disabled = await call(
      createEmulator({ magicLinkEnabled: false }),
      "POST",
      "/auth/otp/send-sign-in-code",
      {
        body: { email: "otp@example.test", callback_url: magicLinkCallback },
      },
    );
    expect(disabled.status).toBe(403);
    expect(disabled.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(disabled.body).toBe("OTP sign-in is not enabled for this project");

    const emulator = createEmulator({
      seedUsers: [{ email: "unverified@example.test", password: "Golden-Passw0rd-16" }],
    });
    const unverified = await call(emulator, "POST", "/auth/otp/send-sign-in-code", {
      body: { email: "unverified@example.test", callback_url: magicLinkCallback },
    });
    expect(unverified.status).toBe(409);
    expect(unverified.body).toEqual({
      code: "USER_EMAIL_ALREADY_EXISTS",
      details: { email: "unverified@example.test", would_work_if_email_was_verified: true },
      error:
        'A user with email "unverified@example.test" already exists but the email is not verified. Please login to your existing account with the method you used to sign up, and then verify your email to sign in with this login method.',
    });
    expect(emulator.mailbox.list()).toEqual([]);
  });
});

// @vitest-environment node
import { describe, expect, it } from "vitest";
import { createEmulator, totp } from "../../src/testing/index.js";
import { call } from "./client.js";

const RFC_SECRET = Buffer.from("12345678901234567890").toString("base64");
const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

describe("totp()", () => {
  it("matches the RFC 6238 SHA-1 test vectors (last 6 digits)", () => {
    const vectors: [number, string][] = [
      [59, "287082"],
      [1111111109, "081804"],
      [1111111111, "050471"],
      [1234567890, "005924"],
      [2000000000, "279037"],
      [20000000000, "353130"],
    ];
    for (const [seconds, code] of vectors)
      expect(totp(RFC_SECRET, seconds * 1000), String(seconds)).toBe(code);
  });
});

describe("MFA sign-in on the emulator clock", () => {
  async function attempt() {
    const emulator = createEmulator({
      now: () => 1_700_000_000_000,
      seedUsers: [{ email: "mfa@example.test", password: "Golden-Passw0rd-16", totpSecretBase64: SECRET }],
    });
    const result = await call(emulator, "POST", "/auth/password/sign-in", {
      body: { email: "mfa@example.test", password: "Golden-Passw0rd-16" },
    });
    return { emulator, code: (result.body as { details: { attempt_code: string } }).details.attempt_code };
  }

  const mfa = (emulator: ReturnType<typeof createEmulator>, code: string, totpCode: string) =>
    call(emulator, "POST", "/auth/mfa/sign-in", { body: { type: "totp", totp: totpCode, code } });

  it("accepts the codes of one step before and after, not two", async () => {
    const { emulator, code } = await attempt();
    const now = emulator.clock.now();
    expect((await mfa(emulator, code, totp(SECRET, now - 60_000))).code).toBe("INVALID_TOTP_CODE");
    expect((await mfa(emulator, code, totp(SECRET, now + 60_000))).code).toBe("INVALID_TOTP_CODE");
    expect((await mfa(emulator, code, totp(SECRET, now - 30_000))).status).toBe(200);
    const { emulator: e2, code: c2 } = await attempt();
    expect((await mfa(e2, c2, totp(SECRET, e2.clock.now() + 30_000))).status).toBe(200);
  });

  it("attempt codes expire after 5 minutes; the type must be totp", async () => {
    const { emulator, code } = await attempt();
    const wrongType = await call(emulator, "POST", "/auth/mfa/sign-in", {
      body: { type: "sms", totp: "123456", code },
    });
    expect(wrongType.body).toMatchObject({
      code: "SCHEMA_ERROR",
      error:
        "Request validation failed on POST /api/v1/auth/mfa/sign-in:\n  - body.type must be one of the following values: totp",
    });
    emulator.clock.advance(5 * 60 * 1000 + 1);
    expect((await mfa(emulator, code, totp(SECRET, emulator.clock.now()))).code).toBe(
      "VERIFICATION_CODE_EXPIRED",
    );
  });

  it("OTP sign-in of a TOTP user asks for MFA, keeping is_new_user", async () => {
    const emulator = createEmulator({
      seedUsers: [{ email: "mfa@example.test", primaryEmailVerified: true, totpSecretBase64: SECRET }],
    });
    const sent = await call(emulator, "POST", "/auth/otp/send-sign-in-code", {
      body: { email: "mfa@example.test", callback_url: "http://localhost:3000/cb" },
    });
    const otp = emulator.mailbox.latest()?.otp ?? "";
    const result = await call(emulator, "POST", "/auth/otp/sign-in", {
      body: { code: otp + (sent.body as { nonce: string }).nonce },
    });
    expect(result.code).toBe("MULTI_FACTOR_AUTHENTICATION_REQUIRED");
    const code = (result.body as { details: { attempt_code: string } }).details.attempt_code;
    const done = await mfa(emulator, code, totp(SECRET, emulator.clock.now()));
    expect(done.body).toMatchObject({ is_new_user: false });
  });
});

// @vitest-environment node
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createEmulator, type Emulator } from "../../src/testing/index.js";
import { call, signUp } from "./client.js";

// OTP, password reset and contact channels beyond the recordings.

const callback = "http://localhost:3000/handler/magic-link-callback";

async function sendCode(emulator: Emulator, email: string) {
  const sent = await call(emulator, "POST", "/auth/otp/send-sign-in-code", {
    body: { email, callback_url: callback },
  });
  expect(sent.status).toBe(200);
  const mail = emulator.mailbox.latest(email);
  return { nonce: (sent.body as { nonce: string }).nonce, otp: mail?.otp ?? "", link: mail?.code ?? "" };
}

const otpSignIn = (emulator: Emulator, code: string, accessToken?: string) =>
  call(emulator, "POST", "/auth/otp/sign-in", { body: { code }, accessToken });

describe("OTP / magic link", () => {
  it("the link code signs in too, in any case; check-code does not use it", async () => {
    const emulator = createEmulator();
    const { link } = await sendCode(emulator, "otp@example.test");
    const check = await call(emulator, "POST", "/auth/otp/sign-in/check-code", { body: { code: link } });
    expect(check.body).toEqual({ is_code_valid: true });
    const result = await otpSignIn(emulator, link.toUpperCase());
    expect(result.body).toMatchObject({ is_new_user: true });
    const me = await call(emulator, "GET", "/users/me", {
      accessToken: (result.body as { access_token: string }).access_token,
    });
    expect(me.body).toMatchObject({
      primary_email: "otp@example.test",
      primary_email_verified: true,
      otp_auth_enabled: true,
      auth_with_email: true,
      has_password: false,
    });
    expect((await otpSignIn(emulator, link)).code).toBe("VERIFICATION_CODE_ALREADY_USED");
  });

  it("a second code does not invalidate the first; codes expire after 7 days", async () => {
    const emulator = createEmulator();
    const first = await sendCode(emulator, "otp@example.test");
    const second = await sendCode(emulator, "otp@example.test");
    expect((await otpSignIn(emulator, first.otp + first.nonce)).status).toBe(200);
    emulator.clock.advance(7 * 24 * 60 * 60 * 1000 + 1);
    expect((await otpSignIn(emulator, second.otp + second.nonce)).code).toBe("VERIFICATION_CODE_EXPIRED");
  });

  it("turns OTP on for an existing verified user; new emails need sign-up enabled", async () => {
    const emulator = createEmulator({
      signUpEnabled: false,
      seedUsers: [
        { email: "known@example.test", password: "Golden-Passw0rd-16", primaryEmailVerified: true },
      ],
    });
    const refused = await call(emulator, "POST", "/auth/otp/send-sign-in-code", {
      body: { email: "new@example.test", callback_url: callback },
    });
    expect(refused.code).toBe("SIGN_UP_NOT_ENABLED");
    const { otp, nonce } = await sendCode(emulator, "known@example.test");
    const result = await otpSignIn(emulator, otp + nonce);
    expect(result.body).toMatchObject({ is_new_user: false });
    const me = await call(emulator, "GET", "/users/me", {
      accessToken: (result.body as { access_token: string }).access_token,
    });
    expect(me.body).toMatchObject({ otp_auth_enabled: true, has_password: true });
  });

  it("upgrades an anonymous caller in place", async () => {
    const emulator = createEmulator();
    const anonymous = (await call(emulator, "POST", "/auth/anonymous/sign-up", { body: {} })).body as {
      access_token: string;
      user_id: string;
    };
    const { otp, nonce } = await sendCode(emulator, "anon@example.test");
    const result = await otpSignIn(emulator, otp + nonce, anonymous.access_token);
    expect(result.body).toMatchObject({ is_new_user: true, user_id: anonymous.user_id });
  });

  it("codes of other flows are not found", async () => {
    const emulator = createEmulator();
    await signUp(emulator, "user@example.test");
    await call(emulator, "POST", "/auth/password/send-reset-code", {
      body: { email: "user@example.test", callback_url: "http://localhost:3000/reset" },
    });
    const resetCode = emulator.mailbox.latest()?.code ?? "";
    expect((await otpSignIn(emulator, resetCode)).code).toBe("VERIFICATION_CODE_NOT_FOUND");
    const verify = await call(emulator, "POST", "/contact-channels/verify", { body: { code: resetCode } });
    expect(verify.code).toBe("VERIFICATION_CODE_NOT_FOUND");
  });
});

describe("password reset", () => {
  it("sets the password, ends every session (also the current one), and works for OTP users", async () => {
    const emulator = createEmulator();
    const { otp, nonce } = await sendCode(emulator, "otp@example.test");
    const session = (await otpSignIn(emulator, otp + nonce)).body as { refresh_token: string };
    await call(emulator, "POST", "/auth/password/send-reset-code", {
      body: { email: "otp@example.test", callback_url: "http://localhost:3000/reset" },
    });
    const code = emulator.mailbox.latest()?.code ?? "";
    expect(
      (await call(emulator, "POST", "/auth/password/reset", { body: { code, password: "Brand-New-Pass" } }))
        .body,
    ).toEqual({ success: true });
    const refresh = await call(emulator, "POST", "/auth/sessions/current/refresh", {
      refreshToken: session.refresh_token,
      body: {},
    });
    expect(refresh.code).toBe("REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED");
    const signIn = await call(emulator, "POST", "/auth/password/sign-in", {
      body: { email: "otp@example.test", password: "Brand-New-Pass" },
    });
    expect(signIn.status).toBe(200);
  });

  it("needs password auth", async () => {
    const emulator = createEmulator({ credentialEnabled: false });
    const result = await call(emulator, "POST", "/auth/password/send-reset-code", {
      body: { email: "a@example.test", callback_url: "http://localhost:3000/reset" },
    });
    expect(result.code).toBe("PASSWORD_AUTHENTICATION_NOT_ENABLED");
  });
});

describe("contact channels", () => {
  it("only the caller's own channels", async () => {
    const emulator = createEmulator();
    const none = await call(emulator, "GET", "/contact-channels?user_id=me");
    expect(none.code).toBe("CANNOT_GET_OWN_USER_WITHOUT_USER");
    const { access_token } = await signUp(emulator, "a@example.test");
    const other = await call(emulator, "GET", "/contact-channels?user_id=someone-else", {
      accessToken: access_token,
    });
    expect(other.status).toBe(403);
    expect(other.body).toBe("Client can only list contact channels for their own user.");
    const unknown = await call(emulator, "GET", "/contact-channels/me/7b3f0e36-1f55-4c6c-9d43-1e0c52a3c0ff", {
      accessToken: access_token,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toBe("Contact channel not found.");
  });

  it("an auth address of another user is refused", async () => {
    const emulator = createEmulator();
    await signUp(emulator, "taken@example.test");
    const { access_token } = await signUp(emulator, "a@example.test");
    const result = await call(emulator, "POST", "/contact-channels", {
      accessToken: access_token,
      body: { user_id: "me", type: "email", value: "taken@example.test", used_for_auth: true },
    });
    expect(result.status).toBe(409);
    expect(result.body).toEqual({
      code: "CONTACT_CHANNEL_ALREADY_USED_FOR_AUTH_BY_SOMEONE_ELSE",
      details: {
        type: "email",
        contact_channel_value: "taken@example.test",
        would_work_if_email_was_verified: false,
      },
      error: 'This email "(taken@example.test)" is already used for authentication by another account.',
    });
  });

  it("PATCH makes a channel primary (demoting the old one); a new value needs verifying again", async () => {
    const emulator = createEmulator();
    const { access_token } = await signUp(emulator, "a@example.test");
    const created = await call(emulator, "POST", "/contact-channels", {
      accessToken: access_token,
      body: { user_id: "me", type: "email", value: "b@example.test", used_for_auth: false },
    });
    const { id } = created.body as { id: string };
    await call(emulator, "POST", `/contact-channels/me/${id}/send-verification-code`, {
      accessToken: access_token,
      body: { callback_url: "http://localhost:3000/verify" },
    });
    const code = emulator.mailbox.latest("b@example.test")?.code ?? "";
    expect((await call(emulator, "POST", "/contact-channels/verify", { body: { code } })).body).toEqual({
      success: true,
    });
    const primary = await call(emulator, "PATCH", `/contact-channels/me/${id}`, {
      accessToken: access_token,
      body: { is_primary: true },
    });
    expect(primary.body).toMatchObject({ is_primary: true, is_verified: true });
    const me = await call(emulator, "GET", "/users/me", { accessToken: access_token });
    expect(me.body).toMatchObject({ primary_email: "b@example.test", primary_email_verified: true });
    const changed = await call(emulator, "PATCH", `/contact-channels/me/${id}`, {
      accessToken: access_token,
      body: { value: "c@example.test" },
    });
    expect(changed.body).toMatchObject({ value: "c@example.test", is_verified: false });
    const read = await call(emulator, "GET", `/contact-channels/me/${id}`, { accessToken: access_token });
    expect(read.body).toEqual(changed.body);
  });

  it("legacy send-verification-code: only the unverified primary email of a signed-in user", async () => {
    const emulator = createEmulator();
    const body = { email: "a@example.test", callback_url: "http://localhost:3000/verify" };
    const anonymous = await call(emulator, "POST", "/contact-channels/send-verification-code", { body });
    expect(anonymous.body).toMatchObject({
      code: "SCHEMA_ERROR",
      error:
        "Request validation failed on POST /api/v1/contact-channels/send-verification-code:\n  - auth.user must be defined",
    });
    const { access_token } = await signUp(emulator, "a@example.test");
    const other = await call(emulator, "POST", "/contact-channels/send-verification-code", {
      accessToken: access_token,
      body: { ...body, email: "z@example.test" },
    });
    expect(other.body).toMatchObject({
      code: "EMAIL_IS_NOT_PRIMARY_EMAIL",
      details: { email: "z@example.test", primary_email: "a@example.test" },
    });
    const sent = await call(emulator, "POST", "/contact-channels/send-verification-code", {
      accessToken: access_token,
      body,
    });
    expect(sent.body).toEqual({ success: true });
    const code = emulator.mailbox.latest()?.code ?? "";
    await call(emulator, "POST", "/contact-channels/verify", { body: { code } });
    const again = await call(emulator, "POST", "/contact-channels/send-verification-code", {
      accessToken: access_token,
      body,
    });
    expect(again.code).toBe("EMAIL_ALREADY_VERIFIED");
  });

  it("a code of a deleted channel answers a text error", async () => {
    const emulator = createEmulator();
    const { access_token } = await signUp(emulator, "a@example.test");
    const { id } = (
      await call(emulator, "POST", "/contact-channels", {
        accessToken: access_token,
        body: { user_id: "me", type: "email", value: "b@example.test", used_for_auth: false },
      })
    ).body as { id: string };
    await call(emulator, "POST", `/contact-channels/me/${id}/send-verification-code`, {
      accessToken: access_token,
      body: { callback_url: "http://localhost:3000/verify" },
    });
    await call(emulator, "DELETE", `/contact-channels/me/${id}`, { accessToken: access_token, body: {} });
    const code = emulator.mailbox.latest()?.code ?? "";
    const result = await call(emulator, "POST", "/contact-channels/verify", { body: { code } });
    expect(result.status).toBe(400);
    expect(result.body).toBe("Contact channel not found. Was your contact channel deleted?");
  });
});

describe("bundle hygiene", () => {
  it("only the passkey routes load @simplewebauthn/server, and only lazily", () => {
    const root = new URL("../../src/testing/", import.meta.url);
    const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
    for (const file of files) {
      const source = readFileSync(new URL(file, root), "utf8");
      expect(source, file).not.toMatch(/^\s*import\s[^(]*["']@simplewebauthn\//m);
      if (file !== "routes/passkeys.ts") expect(source, file).not.toContain("@simplewebauthn");
    }
  });
});

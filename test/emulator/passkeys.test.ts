// @vitest-environment node
import { describe, expect, it } from "vitest";
import { createEmulator, type Emulator, totp } from "../../src/testing/index.js";
import { type CreationOptions, type RequestOptions, SoftwareAuthenticator } from "./authenticator.js";
import { type CallOptions, call, signUp } from "./client.js";

// Passkeys end to end with a software authenticator: the emulator really verifies the attestation and
// the assertion signatures (@simplewebauthn/server).

const ORIGIN = "http://localhost:5173";
const PLACEHOLDER = "THIS_VALUE_WILL_BE_REPLACED.example.com";

interface Initiated<T> {
  options_json: T;
  code: string;
}

/** What a browser client does: rp id := location.hostname. */
const withHostname = (origin: string) => new URL(origin).hostname;

async function registerPasskey(emulator: Emulator, accessToken: string, origin = ORIGIN) {
  const authenticator = await SoftwareAuthenticator.create();
  const init = await call(emulator, "POST", "/auth/passkey/initiate-passkey-registration", {
    accessToken,
    body: {},
  });
  expect(init.status).toBe(200);
  const { options_json, code } = init.body as Initiated<CreationOptions>;
  const credential = await authenticator.register(
    { ...options_json, rp: { ...options_json.rp, id: withHostname(origin) } },
    origin,
  );
  const registered = await call(emulator, "POST", "/auth/passkey/register", {
    accessToken,
    body: { credential, code },
    headers: { origin },
  });
  return { authenticator, registered };
}

async function passkeySignIn(
  emulator: Emulator,
  authenticator: SoftwareAuthenticator,
  options: { origin?: string; clientOrigin?: string; tamper?: boolean; request?: CallOptions } = {},
) {
  const init = await call(emulator, "POST", "/auth/passkey/initiate-passkey-authentication", { body: {} });
  const { options_json, code } = init.body as Initiated<RequestOptions>;
  const origin = options.origin ?? ORIGIN;
  const response = await authenticator.authenticate(
    { ...options_json, rpId: withHostname(options.clientOrigin ?? origin) },
    options.clientOrigin ?? origin,
    options.tamper,
  );
  return call(emulator, "POST", "/auth/passkey/sign-in", {
    body: { authentication_response: response, code },
    headers: { origin },
    ...options.request,
  });
}

describe("passkeys", () => {
  it("are refused when the project does not enable them", async () => {
    const emulator = createEmulator();
    const result = await call(emulator, "POST", "/auth/passkey/initiate-passkey-authentication", {
      body: {},
    });
    expect(result.status).toBe(400);
    expect(result.body).toEqual({
      code: "PASSKEY_AUTHENTICATION_NOT_ENABLED",
      error: "Passkey authentication is not enabled for this project.",
    });
  });

  it("registration needs a signed-in user", async () => {
    const emulator = createEmulator({ passkeyEnabled: true });
    const result = await call(emulator, "POST", "/auth/passkey/initiate-passkey-registration", { body: {} });
    expect(result.code).toBe("SCHEMA_ERROR");
    expect(result.body).toMatchObject({
      error:
        "Request validation failed on POST /api/v1/auth/passkey/initiate-passkey-registration:\n  - auth.user must be defined",
    });
  });

  it("initiate answers the contract's options with the placeholder RP id and a 45-char code", async () => {
    const emulator = createEmulator({ passkeyEnabled: true, displayName: "Acme" });
    const { access_token, user_id } = await signUp(emulator, "pk@example.test");
    const registration = await call(emulator, "POST", "/auth/passkey/initiate-passkey-registration", {
      accessToken: access_token,
      body: {},
    });
    const reg = registration.body as Initiated<Record<string, unknown>>;
    expect(reg.code).toMatch(/^[a-z2-7]{45}$/);
    expect(reg.options_json).toMatchObject({
      rp: { name: "Acme", id: PLACEHOLDER },
      user: {
        id: Buffer.from(user_id).toString("base64url"),
        name: "pk@example.test",
        displayName: "pk@example.test",
      },
      pubKeyCredParams: [-8, -7, -257].map((alg) => ({ alg, type: "public-key" })),
      timeout: 60000,
      attestation: "none",
      authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
    });
    expect(reg.options_json).not.toHaveProperty("hints");

    const authentication = await call(emulator, "POST", "/auth/passkey/initiate-passkey-authentication", {
      body: {},
    });
    const auth = authentication.body as Initiated<Record<string, unknown>>;
    expect(auth.code).toMatch(/^[a-z2-7]{45}$/);
    expect(auth.options_json).toEqual({
      rpId: PLACEHOLDER,
      challenge: expect.stringMatching(/^[\w-]{43}$/),
      allowCredentials: [],
      timeout: 60000,
      userVerification: "preferred",
    });
  });

  it("register, then sign in with the passkey (signatures verified)", async () => {
    const emulator = createEmulator({ passkeyEnabled: true });
    const { access_token, user_id } = await signUp(emulator, "pk@example.test");
    const { authenticator, registered } = await registerPasskey(emulator, access_token);
    expect(registered.status).toBe(200);
    expect(registered.body).toEqual({ user_handle: authenticator.id });
    const me = await call(emulator, "GET", "/users/me", { accessToken: access_token });
    expect(me.body).toMatchObject({ passkey_auth_enabled: true });

    const signedIn = await passkeySignIn(emulator, authenticator);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toEqual({
      refresh_token: expect.stringMatching(/^[a-z2-7]{45}$/),
      access_token: expect.stringMatching(/^eyJ/),
      is_new_user: false,
      user_id,
    });
    // The signature counter moves on; a second sign-in works too.
    expect((await passkeySignIn(emulator, authenticator)).status).toBe(200);
  });

  it("without an Origin header, the origin inside clientDataJSON is used (like the cloud)", async () => {
    const emulator = createEmulator({ passkeyEnabled: true });
    const { access_token } = await signUp(emulator, "pk@example.test");
    const { authenticator } = await registerPasskey(emulator, access_token);
    const result = await passkeySignIn(emulator, authenticator, { request: { headers: {} } });
    expect(result.status).toBe(200);
  });

  it("refuses untrusted origins, mismatching origins, unknown passkeys and bad signatures", async () => {
    const emulator = createEmulator({ passkeyEnabled: true, trustedDomains: ["https://app.example.com"] });
    const { access_token } = await signUp(emulator, "pk@example.test");
    const { authenticator } = await registerPasskey(emulator, access_token);

    const untrusted = await passkeySignIn(emulator, authenticator, { origin: "https://evil.example.com" });
    expect(untrusted.body).toEqual({
      code: "PASSKEY_AUTHENTICATION_FAILED",
      error: "Passkey authentication failed because the origin is not allowed",
    });
    // The page claims another (trusted) origin than the one the request came from.
    const mismatch = await passkeySignIn(emulator, authenticator, {
      origin: ORIGIN,
      clientOrigin: "https://app.example.com",
    });
    expect(mismatch.code).toBe("PASSKEY_AUTHENTICATION_FAILED");
    expect((mismatch.body as { error: string }).error).toContain("origin");

    const stranger = await SoftwareAuthenticator.create();
    const unknown = await passkeySignIn(emulator, stranger);
    expect(unknown.body).toEqual({ code: "PASSKEY_AUTHENTICATION_FAILED", error: "Passkey not found" });

    const tampered = await passkeySignIn(emulator, authenticator, { tamper: true });
    expect(tampered.code).toBe("PASSKEY_AUTHENTICATION_FAILED");

    const reg = await registerPasskey(emulator, access_token, "https://evil.example.com");
    expect(reg.registered.body).toEqual({
      code: "PASSKEY_REGISTRATION_FAILED",
      error: "Passkey registration failed because the origin is not allowed",
    });
  });

  it("a trusted domain works as origin and RP id", async () => {
    const emulator = createEmulator({ passkeyEnabled: true, trustedDomains: ["https://app.example.com"] });
    const { access_token } = await signUp(emulator, "pk@example.test");
    const { authenticator, registered } = await registerPasskey(
      emulator,
      access_token,
      "https://app.example.com",
    );
    expect(registered.status).toBe(200);
    const signedIn = await passkeySignIn(emulator, authenticator, { origin: "https://app.example.com" });
    expect(signedIn.status).toBe(200);
  });

  it("registration with a wrong challenge fails; challenges expire after 65 s and work once", async () => {
    const emulator = createEmulator({ passkeyEnabled: true });
    const { access_token } = await signUp(emulator, "pk@example.test");
    const authenticator = await SoftwareAuthenticator.create();
    const init = await call(emulator, "POST", "/auth/passkey/initiate-passkey-registration", {
      accessToken: access_token,
      body: {},
    });
    const { options_json, code } = init.body as Initiated<CreationOptions>;
    const credential = await authenticator.register(
      { ...options_json, challenge: "d3JvbmctY2hhbGxlbmdl", rp: { id: "localhost" } },
      ORIGIN,
    );
    const wrong = await call(emulator, "POST", "/auth/passkey/register", {
      accessToken: access_token,
      body: { credential, code },
      headers: { origin: ORIGIN },
    });
    expect(wrong.code).toBe("PASSKEY_REGISTRATION_FAILED");
    const reused = await call(emulator, "POST", "/auth/passkey/register", {
      accessToken: access_token,
      body: { credential, code },
      headers: { origin: ORIGIN },
    });
    expect(reused.code).toBe("VERIFICATION_CODE_ALREADY_USED");

    const late = await call(emulator, "POST", "/auth/passkey/initiate-passkey-authentication", { body: {} });
    emulator.clock.advance(65_001);
    const expired = await call(emulator, "POST", "/auth/passkey/sign-in", {
      body: { authentication_response: { id: authenticator.id }, code: (late.body as { code: string }).code },
    });
    expect(expired.code).toBe("VERIFICATION_CODE_EXPIRED");
  });

  it("a TOTP user gets MULTI_FACTOR_AUTHENTICATION_REQUIRED, then signs in with MFA", async () => {
    const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    const emulator = createEmulator({ passkeyEnabled: true });
    const { access_token } = await signUp(emulator, "pk@example.test");
    const { authenticator } = await registerPasskey(emulator, access_token);
    await call(emulator, "PATCH", "/users/me", {
      accessToken: access_token,
      body: { totp_secret_base64: secret },
    });
    const result = await passkeySignIn(emulator, authenticator);
    expect(result.code).toBe("MULTI_FACTOR_AUTHENTICATION_REQUIRED");
    const code = (result.body as { details: { attempt_code: string } }).details.attempt_code;
    const mfa = await call(emulator, "POST", "/auth/mfa/sign-in", {
      body: { type: "totp", totp: totp(secret, emulator.clock.now()), code },
    });
    expect(mfa.body).toMatchObject({ is_new_user: false });
  });

  it("PATCH passkey_auth_enabled: false deletes the passkey", async () => {
    const emulator = createEmulator({ passkeyEnabled: true });
    const { access_token } = await signUp(emulator, "pk@example.test");
    const { authenticator } = await registerPasskey(emulator, access_token);
    const patched = await call(emulator, "PATCH", "/users/me", {
      accessToken: access_token,
      body: { passkey_auth_enabled: false },
    });
    expect(patched.body).toMatchObject({ passkey_auth_enabled: false });
    expect((await passkeySignIn(emulator, authenticator)).body).toMatchObject({ error: "Passkey not found" });
  });
});

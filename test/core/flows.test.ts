// The sign-in flows of src/core/auth (except OAuth: oauth.test.ts) against the MSW fake with fake-flows.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  checkEmailVerificationCode,
  checkPasswordResetCode,
  checkSignInCode,
  createMemoryTokenStore,
  errorField,
  getMfaAttemptCode,
  registerPasskey,
  resetPassword,
  type StackError,
  sendPasswordResetEmail,
  sendSignInCode,
  sendVerificationEmail,
  signInWithCode,
  signInWithPasskey,
  signInWithPassword,
  signInWithTotp,
  signUpAnonymously,
  verifyEmail,
} from "../../src/core/index.js";
import { addFlows, CALLBACK } from "./fake-flows.js";
import { setupFakeStack, testClient } from "./fake-stack.js";

const ctx = setupFakeStack();
let flows: ReturnType<typeof addFlows>;
beforeEach(() => {
  flows = addFlows(ctx.fake);
  ctx.server.use(...flows.handlers);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const bodyOf = (what: string) => {
  const [method, path] = what.split(" ");
  return JSON.parse(ctx.fake.log.find((r) => r.method === method && r.path === path)?.body ?? "null");
};
const signedInClient = (options: { anonymous?: boolean; email?: string } = {}) => {
  const seeded = ctx.fake.seedSession(options);
  const store = createMemoryTokenStore(seeded.tokens);
  return { ...seeded, store, client: testClient({ tokenStore: store }) };
};

describe("magic link / OTP (§4)", () => {
  it("sends the code, then signs in with the typed OTP + nonce concatenated (golden 22)", async () => {
    const store = createMemoryTokenStore();
    const client = testClient({ tokenStore: store });
    const { nonce } = await sendSignInCode(client, {
      email: "user@example.test",
      callbackUrl: `${CALLBACK}/magic-link-callback`,
    });
    expect(bodyOf("POST /auth/otp/send-sign-in-code")).toEqual({
      email: "user@example.test",
      callback_url: `${CALLBACK}/magic-link-callback`,
    });
    expect(nonce).toHaveLength(39);
    const otp = flows.lastMail("user@example.test", "otp")?.otp ?? "";
    expect(otp).toMatch(/^[A-Z2-7]{6}$/);

    // typed with a space, as people do with "ABC 123"
    const first = await signInWithCode(client, `${otp.slice(0, 3)} ${otp.slice(3)}`, nonce);
    expect(bodyOf("POST /auth/otp/sign-in")).toEqual({ code: otp + nonce });
    expect(first.isNewUser).toBe(true);
    expect(store.get()?.refreshToken).toBeTruthy();
    expect((await client.getUser())?.primaryEmail).toBe("user@example.test");

    // a second full cycle: same user, not new
    const again = await sendSignInCode(client, {
      email: "user@example.test",
      callbackUrl: `${CALLBACK}/magic-link-callback`,
    });
    const code = flows.lastMail("user@example.test", "otp")?.otp ?? "";
    expect(await signInWithCode(client, code, again.nonce)).toEqual({
      userId: first.userId,
      isNewUser: false,
    });
  });

  it("signs in with the link's 45-char code as is, and checks a code without using it up", async () => {
    const client = testClient();
    await sendSignInCode(client, {
      email: "link@example.test",
      callbackUrl: `${CALLBACK}/magic-link-callback`,
    });
    const mail = flows.lastMail("link@example.test", "otp");
    expect(mail?.link).toBe(`${CALLBACK}/magic-link-callback?code=${mail?.code}`);
    await checkSignInCode(client, mail?.code ?? "");
    await checkSignInCode(client, mail?.code ?? "");
    expect((await signInWithCode(client, mail?.code ?? "")).isNewUser).toBe(true);
    const used = await checkSignInCode(client, mail?.code ?? "").catch((e: StackError) => e);
    expect(used).toMatchObject({ code: "VERIFICATION_CODE_ALREADY_USED", status: 409 });
    expect(errorField(used)).toBe("code");
  });

  it("reports a wrong OTP as VERIFICATION_CODE_NOT_FOUND on the code field, leaving the session alone", async () => {
    const { client, store, tokens } = signedInClient();
    const { nonce } = await sendSignInCode(client, {
      email: "x@example.test",
      callbackUrl: `${CALLBACK}/magic-link-callback`,
    });
    const error = await signInWithCode(client, "ABC123", nonce).catch((e: StackError) => e);
    expect(error).toMatchObject({ code: "VERIFICATION_CODE_NOT_FOUND", status: 404 });
    expect(errorField(error)).toBe("code");
    expect(store.get()).toEqual(tokens);
  });

  it("sends no session tokens when mailing a code, and upgrades an anonymous session when signing in", async () => {
    const { client, user, tokens } = signedInClient({ anonymous: true });
    const { nonce } = await sendSignInCode(client, {
      email: "upgrade@example.test",
      callbackUrl: `${CALLBACK}/magic-link-callback`,
    });
    const send = ctx.fake.log.find((r) => r.path === "/auth/otp/send-sign-in-code");
    expect(send?.headers["x-stack-access-token"]).toBeUndefined();
    const otp = flows.lastMail("upgrade@example.test", "otp")?.otp ?? "";
    const result = await signInWithCode(client, otp, nonce);
    const signIn = ctx.fake.log.find((r) => r.path === "/auth/otp/sign-in");
    expect(signIn?.headers["x-stack-access-token"]).toBe(tokens.accessToken);
    expect(result.userId).toBe(user.id);
    expect((await client.getUser())?.isAnonymous).toBe(false);
  });

  it("refuses an untrusted callback URL with REDIRECT_URL_NOT_WHITELISTED", async () => {
    await expect(
      sendSignInCode(testClient(), {
        email: "a@example.test",
        callbackUrl: "http://evil-website.example.com",
      }),
    ).rejects.toMatchObject({ code: "REDIRECT_URL_NOT_WHITELISTED", status: 400 });
  });
});

describe("MFA (§8)", () => {
  it("password and code sign-ins surface MULTI_FACTOR_AUTHENTICATION_REQUIRED with the attempt code; TOTP finishes", async () => {
    const store = createMemoryTokenStore();
    const client = testClient({ tokenStore: store });
    const user = ctx.fake.createUser("totp@example.test", "Correct-Horse-9");
    flows.requireMfa(user.id, "246810");
    const { nonce } = await sendSignInCode(client, {
      email: "totp@example.test",
      callbackUrl: `${CALLBACK}/magic-link-callback`,
    });
    const otp = flows.lastMail("totp@example.test", "otp")?.otp ?? "";
    const error = await signInWithCode(client, otp, nonce).catch((e: StackError) => e);
    expect(error).toMatchObject({
      name: "StackError",
      code: "MULTI_FACTOR_AUTHENTICATION_REQUIRED",
      status: 400,
      message: "Multi-factor authentication is required for this user.",
      details: { attempt_code: expect.stringMatching(/^[a-z2-7]{45}$/) },
    });
    expect(store.get()).toBeNull();
    const attemptCode = getMfaAttemptCode(error) ?? "";

    const wrong = await signInWithTotp(client, { attemptCode, totp: "000000" }).catch((e: StackError) => e);
    expect(wrong).toMatchObject({ code: "INVALID_TOTP_CODE", status: 400 });
    expect(errorField(wrong)).toBe("code");

    expect(await signInWithTotp(client, { attemptCode, totp: " 246 810 " })).toEqual({
      userId: user.id,
      isNewUser: false,
    });
    expect(bodyOf("POST /auth/mfa/sign-in")).toEqual({ type: "totp", totp: "000000", code: attemptCode });
    expect(store.get()?.refreshToken).toBeTruthy();
  });

  it("password sign-in passes the MFA error on untouched", async () => {
    ctx.server.use(
      ctx.fake.route("post", "/auth/password/sign-in", () =>
        Response.json(
          {
            code: "MULTI_FACTOR_AUTHENTICATION_REQUIRED",
            details: { attempt_code: "a".repeat(45) },
            error: "Multi-factor authentication is required for this user.",
          },
          { status: 400, headers: { "x-stack-known-error": "MULTI_FACTOR_AUTHENTICATION_REQUIRED" } },
        ),
      ),
    );
    const error = await signInWithPassword(testClient(), {
      email: "a@example.test",
      password: "Correct-Horse-9",
    }).catch((e: unknown) => e);
    expect(getMfaAttemptCode(error)).toBe("a".repeat(45));
    expect(errorField(error)).toBe("form");
  });

  it("getMfaAttemptCode is null for anything else", () => {
    expect(getMfaAttemptCode(new Error("x"))).toBeNull();
    expect(getMfaAttemptCode(undefined)).toBeNull();
  });
});

describe("password reset (§3)", () => {
  it("mails a reset code, the same way for unknown emails (golden 25)", async () => {
    ctx.fake.createUser("user@example.test", "Old-Passw0rd-16");
    const client = testClient();
    await sendPasswordResetEmail(client, {
      email: "user@example.test",
      callbackUrl: `${CALLBACK}/password-reset`,
    });
    expect(bodyOf("POST /auth/password/send-reset-code")).toEqual({
      email: "user@example.test",
      callback_url: `${CALLBACK}/password-reset`,
    });
    await expect(
      sendPasswordResetEmail(client, {
        email: "unknown@example.test",
        callbackUrl: `${CALLBACK}/password-reset`,
      }),
    ).resolves.toBeUndefined();
    expect(flows.mails.map((m) => m.to)).toEqual(["user@example.test"]);
  });

  it("checks the code, resets, and then the code is used (golden 26)", async () => {
    ctx.fake.createUser("user@example.test", "Old-Passw0rd-16");
    const client = testClient();
    await sendPasswordResetEmail(client, {
      email: "user@example.test",
      callbackUrl: `${CALLBACK}/password-reset`,
    });
    const code = flows.lastMail("user@example.test", "reset")?.code ?? "";
    await checkPasswordResetCode(client, code);
    await resetPassword(client, { code, password: "New-Passw0rd-16x" });
    expect(bodyOf("POST /auth/password/reset")).toEqual({ code, password: "New-Passw0rd-16x" });
    const used = await checkPasswordResetCode(client, code).catch((e: StackError) => e);
    expect(used).toMatchObject({ code: "VERIFICATION_CODE_ALREADY_USED", status: 409 });
    expect(errorField(used)).toBe("code");
    await expect(
      signInWithPassword(client, { email: "user@example.test", password: "New-Passw0rd-16x" }),
    ).resolves.toMatchObject({ userId: expect.any(String) });
  });

  it.each([
    ["short", "PASSWORD_TOO_SHORT", "Password too short. Minimum length is 8.", { min_length: 8 }],
    ["x".repeat(71), "PASSWORD_TOO_LONG", "Password too long. Maximum length is 70.", { maxLength: 70 }],
  ])(
    "refuses %j locally, without a request (the server would burn the code)",
    async (password, code, message, details) => {
      const error = await resetPassword(testClient(), { code: "c".repeat(45), password }).catch(
        (e: StackError) => e,
      );
      expect(error).toMatchObject({ name: "StackError", code, status: 400, message, details });
      expect(errorField(error)).toBe("password");
      expect(ctx.fake.log).toEqual([]);
    },
  );

  it("accepts 8 and 70 characters", async () => {
    ctx.fake.createUser("edge@example.test", "Old-Passw0rd-16");
    const client = testClient();
    for (const password of ["12345678", "y".repeat(70)]) {
      await sendPasswordResetEmail(client, {
        email: "edge@example.test",
        callbackUrl: `${CALLBACK}/password-reset`,
      });
      const code = flows.lastMail("edge@example.test", "reset")?.code ?? "";
      await expect(resetPassword(client, { code, password })).resolves.toBeUndefined();
    }
  });

  it("drops the access token afterwards: the reset ended the user's sessions, so this one ends too", async () => {
    const { client, store, user } = signedInClient({ email: "me@example.test" });
    await sendPasswordResetEmail(client, {
      email: "me@example.test",
      callbackUrl: `${CALLBACK}/password-reset`,
    });
    const code = flows.lastMail("me@example.test", "reset")?.code ?? "";
    await resetPassword(client, { code, password: "New-Passw0rd-16x" });
    const reset = ctx.fake.log.find((r) => r.path === "/auth/password/reset");
    expect(reset?.headers["x-stack-access-token"]).toBeUndefined();
    expect(store.get()?.accessToken).toBeNull();
    expect(await client.getUser()).toBeNull();
    expect(store.get()).toBeNull();
    expect(user.password).toBe("New-Passw0rd-16x");
  });
});

describe("email verification (§7)", () => {
  it("sends the link to the primary email's contact channel", async () => {
    const { client, user } = signedInClient({ email: "me@example.test" });
    await sendVerificationEmail(client, { callbackUrl: `${CALLBACK}/email-verification` });
    expect(ctx.fake.log.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /contact-channels?user_id=me",
      `POST /contact-channels/me/cc-${user.id}/send-verification-code`,
    ]);
    expect(bodyOf(`POST /contact-channels/me/cc-${user.id}/send-verification-code`)).toEqual({
      callback_url: `${CALLBACK}/email-verification`,
    });
    const mail = flows.lastMail("me@example.test", "verification");
    expect(mail?.link).toBe(`${CALLBACK}/email-verification?code=${mail?.code}`);
  });

  it("verifies with the code (signed out too), then the address is verified and a new mail is refused", async () => {
    const { client, store } = signedInClient({ email: "me@example.test" });
    await sendVerificationEmail(client, { callbackUrl: `${CALLBACK}/email-verification` });
    const code = flows.lastMail("me@example.test", "verification")?.code ?? "";
    await checkEmailVerificationCode(testClient(), code);
    await verifyEmail(client, code);
    const verify = ctx.fake.log.find((r) => r.path === "/contact-channels/verify");
    expect(verify?.headers["x-stack-access-token"]).toBeUndefined();
    expect(JSON.parse(verify?.body ?? "{}")).toEqual({ code });
    // the token's email_verified claim is stale: dropped, the session kept
    expect(store.get()?.accessToken).toBeNull();
    expect(store.get()?.refreshToken).toBeTruthy();
    const again = await verifyEmail(client, code).catch((e: StackError) => e);
    expect(again).toMatchObject({ code: "VERIFICATION_CODE_ALREADY_USED", status: 409 });
    await expect(
      sendVerificationEmail(client, { callbackUrl: `${CALLBACK}/email-verification` }),
    ).rejects.toMatchObject({ code: "EMAIL_ALREADY_VERIFIED", status: 409 });
  });

  it("says NO_PRIMARY_EMAIL for a user without an email, and the server's error when signed out", async () => {
    const { client } = signedInClient({ anonymous: true });
    await expect(
      sendVerificationEmail(client, { callbackUrl: `${CALLBACK}/email-verification` }),
    ).rejects.toMatchObject({ name: "StackError", code: "NO_PRIMARY_EMAIL", status: 0 });
    await expect(
      sendVerificationEmail(testClient(), { callbackUrl: `${CALLBACK}/email-verification` }),
    ).rejects.toMatchObject({ code: "CANNOT_GET_OWN_USER_WITHOUT_USER" });
  });
});

describe("passkeys (§8)", () => {
  const buf = (s: string) => new TextEncoder().encode(s).buffer;
  /** WebAuthn as the browser offers it: PublicKeyCredential + navigator.credentials (the browser boundary). */
  function stubWebAuthn(credentials: {
    get?: (o: CredentialRequestOptions) => unknown;
    create?: (o: CredentialCreationOptions) => unknown;
  }) {
    vi.stubGlobal("PublicKeyCredential", () => {});
    vi.stubGlobal("navigator", Object.assign(Object.create(navigator), { credentials }));
  }
  const assertion = (id: string) => ({
    id,
    rawId: buf(id),
    type: "public-key",
    authenticatorAttachment: "platform",
    response: {
      authenticatorData: buf("ad"),
      clientDataJSON: buf("{}"),
      signature: buf("sig"),
      userHandle: buf("uh"),
    },
    getClientExtensionResults: () => ({}),
  });

  it("registers with rp.id = this hostname, then signs in with rpId = this hostname", async () => {
    const { client, user } = signedInClient({ email: "pk@example.test" });
    const create = vi.fn(async (_options: CredentialCreationOptions) => ({
      id: "cred-1",
      rawId: buf("cred-1"),
      type: "public-key",
      authenticatorAttachment: "platform",
      response: {
        attestationObject: buf("att"),
        clientDataJSON: buf("{}"),
        getTransports: () => ["internal"],
      },
      getClientExtensionResults: () => ({}),
    }));
    const get = vi.fn(async (_options: CredentialRequestOptions) => assertion("cred-1"));
    stubWebAuthn({ create, get });

    await registerPasskey(client);
    expect(create.mock.calls[0]?.[0].publicKey?.rp).toEqual({ id: "localhost", name: "Test Project" });
    const register = bodyOf("POST /auth/passkey/register");
    expect(register.code).toMatch(/^[a-z2-7]{45}$/);
    expect(register.credential).toMatchObject({
      id: "cred-1",
      type: "public-key",
      response: { transports: ["internal"] },
    });

    const store = createMemoryTokenStore();
    const result = await signInWithPasskey(testClient({ tokenStore: store }));
    expect(get.mock.calls[0]?.[0].publicKey?.rpId).toBe("localhost");
    expect(result).toEqual({ userId: user.id, isNewUser: false });
    expect(store.get()?.refreshToken).toBeTruthy();
    const signIn = bodyOf("POST /auth/passkey/sign-in");
    expect(signIn.authentication_response).toMatchObject({ id: "cred-1", type: "public-key" });
  });

  it.each([
    ["NotAllowedError", "The passkey request was cancelled or timed out."],
    ["InvalidStateError", "This device already has a passkey for this account."],
  ])("turns a WebAuthn %s into PASSKEY_WEBAUTHN_ERROR with a clear message", async (name, message) => {
    const failure = async () => {
      throw new DOMException("raw browser text", name);
    };
    stubWebAuthn({ get: failure, create: failure });
    const { client } = signedInClient();
    for (const run of [() => signInWithPasskey(testClient()), () => registerPasskey(client)]) {
      const error = await run().catch((e: StackError) => e);
      expect(error).toMatchObject({
        name: "StackError",
        code: "PASSKEY_WEBAUTHN_ERROR",
        status: 0,
        message,
        details: { name },
      });
    }
    expect(ctx.fake.count("POST /auth/passkey/sign-in")).toBe(0);
  });

  it("says so when the browser has no WebAuthn", async () => {
    await expect(signInWithPasskey(testClient())).rejects.toMatchObject({
      code: "PASSKEY_WEBAUTHN_ERROR",
      message: "WebAuthn is not supported in this browser",
    });
  });

  it("passes the server's PASSKEY_AUTHENTICATION_FAILED on (unknown passkey)", async () => {
    stubWebAuthn({ get: async () => assertion("nobody") });
    await expect(signInWithPasskey(testClient())).rejects.toMatchObject({
      code: "PASSKEY_AUTHENTICATION_FAILED",
      status: 400,
    });
  });

  it("surfaces MFA for a TOTP user", async () => {
    const { client, user } = signedInClient();
    stubWebAuthn({
      create: async () => ({
        id: "cred-2",
        rawId: buf("cred-2"),
        type: "public-key",
        response: { attestationObject: buf("att"), clientDataJSON: buf("{}") },
        getClientExtensionResults: () => ({}),
      }),
      get: async () => assertion("cred-2"),
    });
    await registerPasskey(client);
    flows.requireMfa(user.id);
    const error = await signInWithPasskey(testClient()).catch((e: unknown) => e);
    expect(getMfaAttemptCode(error)).toMatch(/^[a-z2-7]{45}$/);
  });
});

describe("anonymous (§11)", () => {
  it("signs up once for concurrent callers, sends no tokens, and again when asked later", async () => {
    ctx.server.use(
      ctx.fake.route("post", "/auth/anonymous/sign-up", () => {
        const user = ctx.fake.createUser(`anon-${ctx.fake.users.size}@example.test`, "", true);
        return Response.json(ctx.fake.startSession(user.id));
      }),
    );
    const store = createMemoryTokenStore();
    const client = testClient({ tokenStore: store });
    const [a, b] = await Promise.all([signUpAnonymously(client), signUpAnonymously(client)]);
    expect(a).toEqual(b);
    expect(ctx.fake.count("POST /auth/anonymous/sign-up")).toBe(1);
    expect(bodyOf("POST /auth/anonymous/sign-up")).toEqual({});
    expect((await client.getUser())?.isAnonymous).toBe(true);
    const again = await signUpAnonymously(client);
    expect(again.userId).not.toBe(a.userId);
    expect(ctx.fake.count("POST /auth/anonymous/sign-up")).toBe(2);
    // another client is not held up by this one
    await signUpAnonymously(testClient());
    expect(ctx.fake.count("POST /auth/anonymous/sign-up")).toBe(3);
  });
});

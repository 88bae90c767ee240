// @vitest-environment node
import { describe, expect, it } from "vitest";
import { createEmulator } from "../../src/testing/index.js";
import { call, signUp } from "../emulator/client.js";

// CLIENT-API.md §14 cases that have no golden recording, asserted from the contract text.

const callback = "http://localhost:3000/handler/email-verification";

describe("§14 cases without a recording", () => {
  it("case 2: no project id, or an unknown one", async () => {
    const emulator = createEmulator();
    const noProject = await call(emulator, "GET", "", { headers: { "x-stack-project-id": null } });
    expect(noProject.status).toBe(400);
    expect(noProject.code).toBe("ACCESS_TYPE_WITHOUT_PROJECT_ID");
    expect(noProject.body).toMatchObject({
      code: "ACCESS_TYPE_WITHOUT_PROJECT_ID",
      details: { request_type: "client" },
    });

    const unknown = await call(emulator, "GET", "", {
      headers: { "x-stack-project-id": "invalid", "x-stack-publishable-client-key": null },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({
      code: "CURRENT_PROJECT_NOT_FOUND",
      details: { project_id: "invalid" },
      error:
        "The current project with ID invalid was not found. Please check the value of the x-stack-project-id header.",
    });
  });

  it("case 4: a project that requires a publishable key, called without one", async () => {
    const emulator = createEmulator({ requirePublishableClientKey: true });
    const result = await call(emulator, "GET", "", { headers: { "x-stack-publishable-client-key": null } });
    expect(result.status).toBe(401);
    expect(result.code).toBe("PUBLISHABLE_CLIENT_KEY_REQUIRED_FOR_PROJECT");
    expect(result.body).toMatchObject({ details: { project_id: emulator.projectId } });
    // With the key it works.
    expect((await call(emulator, "GET", "")).status).toBe(200);
  });

  it("case 10: signing up twice with the same email", async () => {
    const emulator = createEmulator();
    await signUp(emulator, "twice@example.test");
    const again = await call(emulator, "POST", "/auth/password/sign-up", {
      body: {
        email: "twice@example.test",
        password: "Another-Passw0rd",
        verification_callback_url: callback,
      },
    });
    expect(again.status).toBe(409);
    expect(again.code).toBe("USER_EMAIL_ALREADY_EXISTS");
    expect(again.body).toEqual({
      code: "USER_EMAIL_ALREADY_EXISTS",
      details: { email: "twice@example.test", would_work_if_email_was_verified: false },
      error: 'A user with email "twice@example.test" already exists.',
    });
  });

  it("case 12: an untrusted verification callback URL", async () => {
    const emulator = createEmulator();
    const result = await call(emulator, "POST", "/auth/password/sign-up", {
      body: {
        email: "a@example.test",
        password: "Golden-Passw0rd-16",
        verification_callback_url: "http://invalid-domain.com",
      },
    });
    expect(result.status).toBe(400);
    expect(result.code).toBe("REDIRECT_URL_NOT_WHITELISTED");
    expect(emulator.mailbox.list()).toEqual([]);
  });

  it("case 12 (inverse): a configured trusted domain, with wildcards", async () => {
    const emulator = createEmulator({
      trustedDomains: ["https://*.example.com", "https://app.example.org:8443"],
    });
    for (const url of [
      "https://app.example.com/cb",
      "https://app.example.org:8443/x",
      "http://127.0.0.1:9999/",
    ]) {
      const result = await call(emulator, "POST", "/auth/password/sign-up", {
        body: {
          email: `u${Math.random()}@example.test`,
          password: "Golden-Passw0rd-16",
          verification_callback_url: url,
        },
      });
      expect(result.status, url).toBe(200);
    }
    for (const url of [
      "http://app.example.com/cb",
      "https://a.b.example.com/",
      "https://app.example.org/x",
    ]) {
      const result = await call(emulator, "POST", "/auth/password/sign-up", {
        body: { email: "x@example.test", password: "Golden-Passw0rd-16", verification_callback_url: url },
      });
      expect(result.code, url).toBe("REDIRECT_URL_NOT_WHITELISTED");
    }
  });

  it("case 13: sign-up disabled, password auth disabled", async () => {
    const body = {
      email: "a@example.test",
      password: "Golden-Passw0rd-16",
      verification_callback_url: callback,
    };
    const noSignUp = await call(createEmulator({ signUpEnabled: false }), "POST", "/auth/password/sign-up", {
      body,
    });
    expect(noSignUp.status).toBe(400);
    expect(noSignUp.code).toBe("SIGN_UP_NOT_ENABLED");
    const noPassword = await call(
      createEmulator({ credentialEnabled: false }),
      "POST",
      "/auth/password/sign-up",
      {
        body,
      },
    );
    expect(noPassword.status).toBe(400);
    expect(noPassword.code).toBe("PASSWORD_AUTHENTICATION_NOT_ENABLED");
  });

  it("§3 order: password auth, callback, sign-up enabled, length, email", async () => {
    const emulator = createEmulator({ credentialEnabled: false, signUpEnabled: false });
    const bad = {
      email: "a@example.test",
      password: "short",
      verification_callback_url: "https://evil.example",
    };
    expect((await call(emulator, "POST", "/auth/password/sign-up", { body: bad })).code).toBe(
      "PASSWORD_AUTHENTICATION_NOT_ENABLED",
    );
    const e2 = createEmulator({ signUpEnabled: false });
    expect((await call(e2, "POST", "/auth/password/sign-up", { body: bad })).code).toBe(
      "REDIRECT_URL_NOT_WHITELISTED",
    );
    expect(
      (
        await call(e2, "POST", "/auth/password/sign-up", {
          body: { ...bad, verification_callback_url: callback },
        })
      ).code,
    ).toBe("SIGN_UP_NOT_ENABLED");
    const e3 = createEmulator();
    await signUp(e3, "a@example.test");
    expect(
      (
        await call(e3, "POST", "/auth/password/sign-up", {
          body: { ...bad, verification_callback_url: callback },
        })
      ).code,
    ).toBe("PASSWORD_TOO_SHORT");
    const long = await call(e3, "POST", "/auth/password/sign-up", {
      body: { email: "b@example.test", password: "x".repeat(71) },
    });
    expect(long.body).toMatchObject({ code: "PASSWORD_TOO_LONG", details: { maxLength: 70 } });
  });

  it("case 40: GET /projects/current", async () => {
    const emulator = createEmulator({
      displayName: "Demo",
      oauthProviders: ["github", "google"],
      trustedDomains: ["https://app.example.com"],
    });
    const result = await call(emulator, "GET", "/projects/current");
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      id: emulator.projectId,
      display_name: "Demo",
      config: {
        sign_up_enabled: true,
        credential_enabled: true,
        magic_link_enabled: true,
        passkey_enabled: false,
        client_team_creation_enabled: false,
        client_user_deletion_enabled: false,
        allow_user_api_keys: false,
        allow_team_api_keys: false,
        enabled_oauth_providers: [{ id: "github" }, { id: "google" }],
        domains: [{ domain: "https://app.example.com", handler_path: "/handler" }],
      },
    });
  });

  it("GET /projects/current needs the client headers", async () => {
    const emulator = createEmulator();
    const result = await call(emulator, "GET", "/projects/current", {
      headers: {
        "x-stack-access-type": null,
        "x-stack-publishable-client-key": null,
        "x-stack-project-id": null,
      },
    });
    expect(result.code).toBe("ACCESS_TYPE_REQUIRED");
  });

  it("GET /api/v1 answers the welcome text, and refuses unknown query parameters", async () => {
    const emulator = createEmulator();
    const none = await emulator.handle(new Request("http://localhost/api/v1"));
    expect(await none.text()).toBe(
      "Welcome to the Stack API endpoint! Please refer to the documentation at https://docs.stack-auth.com.\n\nAuthentication: None",
    );
    const { access_token } = await signUp(emulator, "root@example.test");
    const client = await call(emulator, "GET", "", { accessToken: access_token });
    expect(client.body).toBe(
      `Welcome to the Stack API endpoint! Please refer to the documentation at https://docs.stack-auth.com.\n\nAuthentication: Client\n  Project: ${emulator.projectId}\n  User: root@example.test`,
    );
    const extra = await call(emulator, "GET", "?extra=param");
    expect(extra.body).toMatchObject({
      code: "SCHEMA_ERROR",
      error: "Request validation failed on GET /api/v1:\n  - query contains unknown properties: extra",
    });
  });

  it("restricted users (project requiring email verification) need the allow header", async () => {
    const emulator = createEmulator({ requireEmailVerification: true });
    const { access_token } = await signUp(emulator, "r@example.test");
    const me = await call(emulator, "GET", "/users/me", { accessToken: access_token });
    expect(me.body).toMatchObject({ is_restricted: true, restricted_reason: { type: "email_not_verified" } });
    const refused = await call(emulator, "GET", "/users/me", {
      accessToken: access_token,
      headers: { "x-stack-allow-anonymous-user": null },
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      code: "RESTRICTED_USER_NOT_ALLOWED",
      details: { restricted_reason: { type: "email_not_verified" } },
    });
    const viaRestrictedHeader = await call(emulator, "GET", "/users/me", {
      accessToken: access_token,
      headers: { "x-stack-allow-anonymous-user": null, "x-stack-allow-restricted-user": "true" },
    });
    expect(viaRestrictedHeader.status).toBe(200);
  });

  it("MFA users get MULTI_FACTOR_AUTHENTICATION_REQUIRED with a 45-char attempt code", async () => {
    const emulator = createEmulator({
      seedUsers: [
        {
          email: "mfa@example.test",
          password: "Golden-Passw0rd-16",
          totpSecretBase64: "AAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        },
      ],
    });
    const result = await call(emulator, "POST", "/auth/password/sign-in", {
      body: { email: "mfa@example.test", password: "Golden-Passw0rd-16" },
    });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({
      code: "MULTI_FACTOR_AUTHENTICATION_REQUIRED",
      error: "Multi-factor authentication is required for this user.",
    });
    expect((result.body as { details: { attempt_code: string } }).details.attempt_code).toMatch(
      /^[a-z2-7]{45}$/,
    );
  });
});

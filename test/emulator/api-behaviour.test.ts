// @vitest-environment node
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { createEmulator } from "../../src/testing/index.js";
import { call, signUp } from "./client.js";

// Behaviour of the implemented endpoints beyond what the recordings cover.

const PNG =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

describe("users/me", () => {
  it("PATCH updates every client-writable field", async () => {
    const emulator = createEmulator();
    const { access_token } = await signUp(emulator, "patch@example.test");
    const result = await call(emulator, "PATCH", "/users/me", {
      accessToken: access_token,
      body: {
        display_name: "Ada",
        profile_image_url: PNG,
        client_metadata: { theme: "dark" },
        totp_secret_base64: "AAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        otp_auth_enabled: true,
        passkey_auth_enabled: true,
      },
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      display_name: "Ada",
      profile_image_url: PNG,
      client_metadata: { theme: "dark" },
      requires_totp_mfa: true,
      otp_auth_enabled: true,
      passkey_auth_enabled: false,
    });
    const cleared = await call(emulator, "PATCH", "/users/me", {
      accessToken: access_token,
      body: { totp_secret_base64: null, profile_image_url: null },
    });
    expect(cleared.body).toMatchObject({ requires_totp_mfa: false, profile_image_url: null });
  });

  it("PATCH primary_email makes the new address primary and unverified; another user's is refused", async () => {
    const emulator = createEmulator({
      seedUsers: [{ email: "taken@example.test", primaryEmailVerified: true }],
    });
    const { access_token } = await signUp(emulator, "old@example.test");
    const changed = await call(emulator, "PATCH", "/users/me", {
      accessToken: access_token,
      body: { primary_email: "new@example.test" },
    });
    expect(changed.body).toMatchObject({ primary_email: "new@example.test", primary_email_verified: false });
    const taken = await call(emulator, "PATCH", "/users/me", {
      accessToken: access_token,
      body: { primary_email: "taken@example.test" },
    });
    expect(taken.status).toBe(409);
    expect(taken.code).toBe("USER_EMAIL_ALREADY_EXISTS");
    const bad = await call(emulator, "PATCH", "/users/me", {
      accessToken: access_token,
      body: { display_name: 5 },
    });
    expect(bad.body).toMatchObject({
      code: "SCHEMA_ERROR",
      error:
        "Request validation failed on PATCH /api/v1/users/me:\n  - body.display_name must be a `string` type, but the final value was: `5`.",
    });
  });

  it("PATCH selected_team_id must name one of the user's teams", async () => {
    const emulator = createEmulator();
    const { access_token, user_id } = await signUp(emulator, "team@example.test");
    const teamId = "0b0e2b49-3d5b-4a1c-9f54-1c0e7c1f2a10";
    const result = await call(emulator, "PATCH", "/users/me", {
      accessToken: access_token,
      body: { selected_team_id: teamId },
    });
    expect(result.status).toBe(404);
    expect(result.body).toMatchObject({
      code: "TEAM_MEMBERSHIP_NOT_FOUND",
      details: { team_id: teamId, user_id },
    });
  });

  it("not signed in: GET, PATCH and DELETE say CANNOT_GET_OWN_USER_WITHOUT_USER", async () => {
    const emulator = createEmulator({ clientUserDeletionEnabled: true });
    for (const method of ["GET", "PATCH", "DELETE"]) {
      const result = await call(emulator, method, "/users/me", { body: method === "GET" ? undefined : {} });
      expect(result.code, method).toBe("CANNOT_GET_OWN_USER_WITHOUT_USER");
    }
  });
});

describe("sessions and tokens", () => {
  it("sign-in creates a new session; sign-out ends only that one", async () => {
    const emulator = createEmulator();
    const first = await signUp(emulator, "s@example.test");
    const second = (
      await call(emulator, "POST", "/auth/password/sign-in", {
        body: { email: "S@example.test", password: "Golden-Passw0rd-16" },
      })
    ).body as { access_token: string; refresh_token: string; user_id: string };
    expect(second.user_id).toBe(first.user_id);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    await call(emulator, "DELETE", "/auth/sessions/current", { accessToken: second.access_token, body: {} });
    const refresh = (token: string) =>
      call(emulator, "POST", "/auth/sessions/current/refresh", { refreshToken: token });
    expect((await refresh(second.refresh_token)).status).toBe(401);
    expect((await refresh(first.refresh_token)).status).toBe(200);
  });

  it("a token from another emulator is INVALID_PROJECT_FOR_ACCESS_TOKEN; a forged one is unparsable", async () => {
    const ours = createEmulator();
    const theirs = createEmulator({ projectId: "9c1c7d2e-5a0b-4f1e-8c3d-2b4a6e8f0a1b" });
    const foreign = await signUp(theirs, "f@example.test");
    expect((await call(ours, "GET", "/projects/current", { accessToken: foreign.access_token })).code).toBe(
      "INVALID_PROJECT_FOR_ACCESS_TOKEN",
    );
    const sameProject = createEmulator();
    const forged = await signUp(sameProject, "g@example.test");
    expect((await call(ours, "GET", "/users/me", { accessToken: forged.access_token })).code).toBe(
      "UNPARSABLE_ACCESS_TOKEN",
    );
  });

  it("refresh grant: client id checks, key-requiring projects, no rotation", async () => {
    const emulator = createEmulator({ requirePublishableClientKey: true });
    const { refresh_token } = await signUp(emulator, "o@example.test");
    const grant = (fields: Record<string, string>) =>
      emulator.handle(
        new Request("http://localhost/api/v1/auth/oauth/token", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ grant_type: "refresh_token", refresh_token, ...fields }),
        }),
      );
    const wrongId = await grant({ client_id: "nope", client_secret: emulator.publishableClientKey });
    expect(await wrongId.json()).toMatchObject({
      code: "INVALID_OAUTH_CLIENT_ID_OR_SECRET",
      details: { client_id: "nope" },
    });
    const publicClient = await grant({
      client_id: emulator.projectId,
      client_secret: "__stack_public_client__",
    });
    expect(publicClient.headers.get("x-stack-known-error")).toBe(
      "PUBLISHABLE_CLIENT_KEY_REQUIRED_FOR_PROJECT",
    );
    const ok = await grant({
      client_id: `${emulator.projectId}#main`,
      client_secret: emulator.publishableClientKey,
    });
    expect(ok.status).toBe(200);
    const unsupported = await grant({ grant_type: "password" });
    expect(unsupported.status).toBe(400);
    expect(unsupported.headers.get("x-stack-known-error")).toBeNull();
    expect(await unsupported.json()).toMatchObject({ error: "unsupported_grant_type" });
  });

  it("createSession() starts a session without a request", async () => {
    const emulator = createEmulator({
      seedUsers: [{ email: "seed@example.test", password: "Golden-Passw0rd-16", displayName: "Seed" }],
    });
    const session = await emulator.createSession("seed@example.test", { origin: "https://api.example.test" });
    expect(decodeJwt(session.accessToken)).toMatchObject({
      sub: session.userId,
      name: "Seed",
      iss: `https://api.example.test/api/v1/projects/${emulator.projectId}`,
    });
    const me = await call(emulator, "GET", "/users/me", { accessToken: session.accessToken });
    expect(me.body).toMatchObject({ display_name: "Seed", has_password: true });
    await expect(emulator.createSession("nobody@example.test")).rejects.toThrow(/no user/);
    expect(() => emulator.addUser({ email: "SEED@example.test" })).toThrow(/already exists/);
  });
});

describe("transport", () => {
  it("unknown endpoints and methods are plain-text 404/405, with the override header too", async () => {
    const emulator = createEmulator();
    const missing = await call(emulator, "GET", "/nope");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect((await call(emulator, "PUT", "/users/me", { body: {} })).status).toBe(405);
    const overridden = await call(emulator, "GET", "/nope", {
      headers: { "x-stack-override-error-status": "yes" },
    });
    expect(overridden.status).toBe(200);
    expect(overridden.headers.get("x-stack-actual-status")).toBe("404");
  });

  it("rejects unsupported content types and server/admin access", async () => {
    const emulator = createEmulator();
    const xml = await emulator.handle(
      new Request("http://localhost/api/v1/auth/password/sign-in", {
        method: "POST",
        headers: {
          "x-stack-access-type": "client",
          "x-stack-project-id": emulator.projectId,
          "content-type": "application/xml",
        },
        body: "<x/>",
      }),
    );
    expect(xml.headers.get("x-stack-known-error")).toBe("BODY_PARSING_ERROR");
    const server = await call(emulator, "GET", "/users/me", { headers: { "x-stack-access-type": "server" } });
    expect(server.code).toBe("SERVER_AUTHENTICATION_REQUIRED");
  });

  it("adds latencyMs to every API answer", async () => {
    const emulator = createEmulator({ latencyMs: 60 });
    const started = Date.now();
    await call(emulator, "GET", "/projects/current");
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
  });

  it("a deleted user's tokens stop working for /users/me and refresh", async () => {
    const emulator = createEmulator({ clientUserDeletionEnabled: true });
    const tokens = await signUp(emulator, "gone@example.test");
    expect(
      (await call(emulator, "DELETE", "/users/me", { accessToken: tokens.access_token, body: {} })).body,
    ).toEqual({
      success: true,
    });
    // The address is free again.
    expect((await signUp(emulator, "gone@example.test")).user_id).not.toBe(tokens.user_id);
  });
});

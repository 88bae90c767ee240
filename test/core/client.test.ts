// @vitest-environment node
import { HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
import {
  createMemoryTokenStore,
  errorField,
  getProject,
  type StackError,
  signInWithPassword,
  signUpWithPassword,
  type Tokens,
} from "../../src/core/index.js";
import { API, PROJECT_ID, setupFakeStack, testClient, textError } from "./fake-stack.js";

const ctx = setupFakeStack();
const PASSWORD = "Golden-Passw0rd-16";
const CALLBACK = "http://localhost:3000/handler/email-verification";

function signedIn(secondsLeft = 600) {
  const seeded = ctx.fake.seedSession({ accessLifetimeSec: secondsLeft });
  const store = createMemoryTokenStore(seeded.tokens);
  return { ...seeded, store, client: testClient({ tokenStore: store }) };
}

describe("password sign-up and sign-in", () => {
  it("signs up, stores both tokens, notifies and starts a new session key", async () => {
    const store = createMemoryTokenStore();
    const client = testClient({ tokenStore: store });
    const listener = vi.fn();
    client.subscribe(listener);
    expect(client.getSessionKey()).toBe("signed-out");
    expect(client.hasSession()).toBe(false);

    const { userId } = await signUpWithPassword(client, {
      email: "user@example.test",
      password: PASSWORD,
      verificationCallbackUrl: CALLBACK,
    });

    const req = ctx.fake.log[0];
    expect(req?.path).toBe("/auth/password/sign-up");
    expect(req?.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(req?.body ?? "")).toEqual({
      email: "user@example.test",
      password: PASSWORD,
      verification_callback_url: CALLBACK,
    });
    expect(userId).toBe([...ctx.fake.users.values()][0]?.id);
    expect(store.get()?.refreshToken).toMatch(/^rt/);
    expect(store.get()?.accessToken).toBeTruthy();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(client.hasSession()).toBe(true);
    expect(client.getSessionKey()).toBe("session-1");
    expect((await client.getUser())?.id).toBe(userId);
  });

  it("retries without an auto-built callback URL the server refuses (REDIRECT_URL_NOT_WHITELISTED)", async () => {
    const client = testClient();
    await signUpWithPassword(client, {
      email: "user@example.test",
      password: PASSWORD,
      verificationCallbackUrl: "https://not-trusted.example/handler/email-verification",
      dropCallbackIfUntrusted: true,
    });
    const bodies = ctx.fake.log.map((r) => JSON.parse(r.body));
    expect(bodies).toEqual([
      {
        email: "user@example.test",
        password: PASSWORD,
        verification_callback_url: "https://not-trusted.example/handler/email-verification",
      },
      { email: "user@example.test", password: PASSWORD },
    ]);
    expect(client.hasSession()).toBe(true);
  });

  it("keeps failing loudly for a callback URL the app chose itself", async () => {
    const client = testClient();
    await expect(
      signUpWithPassword(client, {
        email: "u@example.test",
        password: PASSWORD,
        verificationCallbackUrl: "https://evil.example/x",
      }),
    ).rejects.toMatchObject({ code: "REDIRECT_URL_NOT_WHITELISTED" });
    expect(ctx.fake.log).toHaveLength(1);
    expect(client.hasSession()).toBe(false);
  });

  it("reports sign-up errors with the field they belong to", async () => {
    const client = testClient();
    const short = await signUpWithPassword(client, { email: "a@example.test", password: "short" }).catch(
      (e: StackError) => e,
    );
    expect(short).toMatchObject({ code: "PASSWORD_TOO_SHORT", status: 400, details: { min_length: 8 } });
    expect(errorField(short)).toBe("password");
    await signUpWithPassword(client, { email: "a@example.test", password: PASSWORD });
    const taken = await signUpWithPassword(testClient(), {
      email: "a@example.test",
      password: PASSWORD,
    }).catch((e: StackError) => e);
    expect(taken).toMatchObject({ code: "USER_EMAIL_ALREADY_EXISTS", status: 409 });
    expect(errorField(taken)).toBe("email");
  });

  it("upgrades an anonymous session by sending its tokens with the sign-up", async () => {
    const anonymous = ctx.fake.seedSession({ anonymous: true });
    const store = createMemoryTokenStore(anonymous.tokens);
    const client = testClient({ tokenStore: store });
    const { userId } = await signUpWithPassword(client, { email: "new@example.test", password: PASSWORD });
    expect(ctx.fake.log[0]?.headers["x-stack-access-token"]).toBe(anonymous.tokens.accessToken);
    expect(userId).toBe(anonymous.user.id);
    expect(store.get()?.refreshToken).not.toBe(anonymous.tokens.refreshToken);
    expect((await client.getUser())?.isAnonymous).toBe(false);
  });

  it("signs in with the right password and refuses a wrong one without touching the session", async () => {
    await signUpWithPassword(testClient(), { email: "a@example.test", password: PASSWORD });
    const store = createMemoryTokenStore();
    const client = testClient({ tokenStore: store });
    const wrong = await signInWithPassword(client, {
      email: "a@example.test",
      password: "Wrong-Passw0rd",
    }).catch((e: StackError) => e);
    expect(wrong).toMatchObject({
      code: "EMAIL_PASSWORD_MISMATCH",
      status: 400,
      message: "Wrong e-mail or password.",
    });
    expect(errorField(wrong)).toBe("form");
    expect(store.get()).toBeNull();

    const empty = await signInWithPassword(client, { email: "", password: PASSWORD }).catch(
      (e: StackError) => e,
    );
    expect(empty).toMatchObject({ code: "SCHEMA_ERROR" });
    expect(errorField(empty)).toBe("email");

    const { userId } = await signInWithPassword(client, { email: "a@example.test", password: PASSWORD });
    expect(userId).toBe([...ctx.fake.users.values()][0]?.id);
    expect(JSON.parse(ctx.fake.log.at(-1)?.body ?? "")).toEqual({
      email: "a@example.test",
      password: PASSWORD,
    });
    expect(store.get()?.refreshToken).toBeTruthy();
  });
});

describe("sign-out", () => {
  it("deletes the current session with body {} and the access token, then clears and notifies", async () => {
    const { client, store, tokens } = signedIn();
    const listener = vi.fn();
    client.subscribe(listener);
    await client.signOut();
    expect(store.get()).toBeNull();
    // the server is told in the background
    await vi.waitFor(() => expect(ctx.fake.sessions.has(tokens.refreshToken)).toBe(false));
    const req = ctx.fake.log.find((r) => r.path === "/auth/sessions/current");
    expect(req?.method).toBe("DELETE");
    expect(req?.body).toBe("{}");
    expect(req?.headers["content-type"]).toBe("application/json");
    expect(req?.headers["x-stack-access-token"]).toBe(tokens.accessToken);
    expect(ctx.fake.sessions.has(tokens.refreshToken)).toBe(false);
    expect(store.get()).toBeNull();
    expect(listener).toHaveBeenCalled();
    expect(client.getSessionKey()).toBe("signed-out");
  });

  it("refreshes an expired access token first (the server finds the session from a valid one)", async () => {
    const { client, tokens } = signedIn(-10);
    await client.signOut();
    await vi.waitFor(() => expect(ctx.fake.log).toHaveLength(2));
    expect(ctx.fake.log.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /auth/oauth/token",
      "DELETE /auth/sessions/current",
    ]);
    expect(ctx.fake.sessions.has(tokens.refreshToken)).toBe(false);
  });

  it("clears locally without throwing when the server answers 500 (golden: second sign-out)", async () => {
    const { client, store, tokens } = signedIn();
    ctx.fake.sessions.delete(tokens.refreshToken); // already signed out elsewhere, token still unexpired
    await expect(client.signOut()).resolves.toBeUndefined();
    await vi.waitFor(() => expect(ctx.fake.count("DELETE /auth/sessions/current")).toBe(1));
    expect(store.get()).toBeNull();
  });

  it("clears locally without throwing when the network is down", async () => {
    const { client, store } = signedIn();
    let tried = 0;
    ctx.server.use(
      ctx.fake.route("delete", "/auth/sessions/current", () => {
        tried++;
        return HttpResponse.error();
      }),
    );
    await expect(client.signOut()).resolves.toBeUndefined();
    expect(store.get()).toBeNull();
    await vi.waitFor(() => expect(tried).toBe(3)); // retried in the background (idempotent), then dropped
  });

  it("clears locally when the session was already revoked and the access token expired", async () => {
    const { client, store, tokens } = signedIn(-10);
    ctx.fake.sessions.delete(tokens.refreshToken);
    await expect(client.signOut()).resolves.toBeUndefined();
    expect(ctx.fake.count("DELETE /auth/sessions/current")).toBe(0);
    expect(store.get()).toBeNull();
  });

  it("clears locally on a 401 from the sign-out call", async () => {
    const { client, store } = signedIn();
    ctx.server.use(
      ctx.fake.route("delete", "/auth/sessions/current", () =>
        HttpResponse.json(
          { code: "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED", error: "Refresh token not found." },
          { status: 401, headers: { "x-stack-known-error": "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED" } },
        ),
      ),
    );
    await client.signOut();
    expect(store.get()).toBeNull();
    await vi.waitFor(() => expect(ctx.fake.count("DELETE /auth/sessions/current")).toBe(1));
  });

  it("is signed out locally at once, without waiting for the server's answer", async () => {
    const { client, store } = signedIn();
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    ctx.server.use(
      ctx.fake.route("delete", "/auth/sessions/current", async () => {
        await answered;
        return HttpResponse.json({ success: true });
      }),
    );
    // resolves while the server has not answered yet
    await client.signOut();
    expect(store.get()).toBeNull();
    expect(client.getSessionKey()).toBe("signed-out");
    await vi.waitFor(() => expect(ctx.fake.count("DELETE /auth/sessions/current")).toBe(1));
    answer();
  });

  it("sends nothing when there is no session", async () => {
    await testClient().signOut();
    expect(ctx.fake.log).toHaveLength(0);
  });
});

describe("current user", () => {
  it("returns null without any request when there are no tokens", async () => {
    expect(await testClient().getUser()).toBeNull();
    expect(ctx.fake.log).toHaveLength(0);
  });

  it("maps the snake_case wire user to CurrentUser", async () => {
    const { client, user } = signedIn();
    ctx.server.use(
      ctx.fake.route("get", "/users/me", () =>
        HttpResponse.json({
          auth_with_email: true,
          client_metadata: { theme: "dark", nested_key: 1 },
          client_read_only_metadata: { plan: "pro" },
          display_name: "Ada",
          has_password: true,
          id: user.id,
          is_anonymous: false,
          is_restricted: true,
          oauth_providers: [{ account_id: "gh-1", email: "ada@example.test", id: "github" }],
          otp_auth_enabled: true,
          passkey_auth_enabled: false,
          primary_email: "ada@example.test",
          primary_email_verified: false,
          profile_image_url: null,
          requires_totp_mfa: false,
          restricted_by_admin: false,
          restricted_by_admin_reason: null,
          restricted_reason: { type: "email_not_verified" },
          selected_team: {
            client_metadata: null,
            client_read_only_metadata: null,
            display_name: "Ada's Team",
            id: "team-1",
            profile_image_url: null,
          },
          selected_team_id: "team-1",
          signed_up_at_millis: 1714000000000,
        }),
      ),
    );
    expect(await client.getUser()).toEqual({
      id: user.id,
      displayName: "Ada",
      primaryEmail: "ada@example.test",
      primaryEmailVerified: false,
      profileImageUrl: null,
      signedUpAt: new Date(1714000000000),
      hasPassword: true,
      isAnonymous: false,
      isRestricted: true,
      restrictedReason: { type: "email_not_verified" },
      otpAuthEnabled: true,
      passkeyAuthEnabled: false,
      requiresTotpMfa: false,
      authWithEmail: true,
      oauthProviders: [{ id: "github", accountId: "gh-1", email: "ada@example.test" }],
      clientMetadata: { theme: "dark", nested_key: 1 },
      clientReadOnlyMetadata: { plan: "pro" },
      selectedTeamId: "team-1",
      selectedTeam: {
        id: "team-1",
        displayName: "Ada's Team",
        profileImageUrl: null,
        clientMetadata: null,
        clientReadOnlyMetadata: null,
      },
    });
  });

  it("returns null on CANNOT_GET_OWN_USER_WITHOUT_USER (e.g. a deleted user's unexpired token)", async () => {
    const { client, user } = signedIn();
    ctx.fake.users.delete(user.id);
    expect(await client.getUser()).toBeNull();
    expect(ctx.fake.count("GET /users/me")).toBe(1);
  });

  it("passes other errors on", async () => {
    const { client } = signedIn();
    ctx.server.use(ctx.fake.route("get", "/users/me", () => textError(500, "Internal Server Error.")));
    await expect(client.getUser()).rejects.toMatchObject({ code: "SERVER_ERROR", status: 500 });
  });

  it("updates with snake_case keys, then drops the access token but keeps the session", async () => {
    const { client, store, tokens } = signedIn();
    const key = client.getSessionKey();
    const user = await client.updateUser({
      displayName: "Grace",
      clientMetadata: { favouriteColour: "teal" },
    });
    const patch = ctx.fake.log.find((r) => r.method === "PATCH");
    expect(patch?.path).toBe("/users/me");
    expect(JSON.parse(patch?.body ?? "")).toEqual({
      display_name: "Grace",
      client_metadata: { favouriteColour: "teal" },
    });
    expect(user.displayName).toBe("Grace");
    expect(user.clientMetadata).toEqual({ favouriteColour: "teal" });
    expect(store.get()).toEqual({ refreshToken: tokens.refreshToken, accessToken: null });
    expect(client.getSessionKey()).toBe(key);
    // the next request fetches an access token with fresh claims
    await client.getUser();
    expect(ctx.fake.count("POST /auth/oauth/token")).toBe(1);
    expect(store.get()?.accessToken).toBeTruthy();
  });

  it("maps every UserUpdate key to the wire name", async () => {
    const { client } = signedIn();
    ctx.server.use(
      ctx.fake.route("patch", "/users/me", ({ user }) =>
        HttpResponse.json({ id: user?.id, signed_up_at_millis: 0 }),
      ),
    );
    await client.updateUser({
      displayName: null,
      clientMetadata: null,
      profileImageUrl: "data:image/png;base64,AAAA",
      selectedTeamId: null,
      primaryEmail: "x@example.test",
      otpAuthEnabled: true,
      passkeyAuthEnabled: false,
      totpSecretBase64: null,
    });
    expect(Object.keys(JSON.parse(ctx.fake.log.at(-1)?.body ?? "")).sort()).toEqual([
      "client_metadata",
      "display_name",
      "otp_auth_enabled",
      "passkey_auth_enabled",
      "primary_email",
      "profile_image_url",
      "selected_team_id",
      "totp_secret_base64",
    ]);
  });

  it("reports a refused update as SCHEMA_ERROR and keeps the access token", async () => {
    const { client, store, tokens } = signedIn();
    const e = await client.updateUser({ clientReadOnlyMetadata: { x: 1 } } as never).then(
      () => undefined,
      (err: StackError) => err,
    );
    expect(e).toMatchObject({ code: "SCHEMA_ERROR", status: 400 });
    expect(e?.message).toContain("body contains unknown properties: client_read_only_metadata");
    expect(store.get()).toEqual(tokens);
  });
});

describe("project and session identity", () => {
  it("reads the project config in camelCase without sending session tokens", async () => {
    const { client } = signedIn(-10);
    expect(await getProject(client)).toEqual({
      id: PROJECT_ID,
      displayName: "Test Project",
      config: {
        signUpEnabled: true,
        credentialEnabled: true,
        magicLinkEnabled: false,
        passkeyEnabled: false,
        clientTeamCreationEnabled: false,
        clientUserDeletionEnabled: false,
        allowUserApiKeys: false,
        allowTeamApiKeys: false,
        oauthProviders: ["github", "google"],
        domains: [{ domain: "https://app.example", handlerPath: "/handler" }],
      },
    });
    expect(ctx.fake.log.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /projects/current"]);
    expect(ctx.fake.log[0]?.headers).not.toHaveProperty("x-stack-access-token");
  });

  it("changes the session key only when the refresh token changes, and never shows a token", async () => {
    const { client, store, tokens } = signedIn(-10);
    const first = client.getSessionKey();
    expect(first).toMatch(/^session-\d+$/);
    await client.getLikelyValidTokens(); // new access token, same session
    expect(store.get()?.accessToken).not.toBe(tokens.accessToken);
    expect(client.getSessionKey()).toBe(first);
    await client.signOut();
    expect(client.getSessionKey()).toBe("signed-out");
    await signUpWithPassword(client, { email: "b@example.test", password: PASSWORD });
    const second = client.getSessionKey();
    expect(second).not.toBe(first);
    expect(second).toMatch(/^session-\d+$/);
    expect(second).not.toContain(store.get()?.refreshToken ?? "-");
  });

  it("works with a class-based token store (methods called on the store, not detached)", async () => {
    class ClassStore {
      private tokens: Tokens | null = null;
      private listeners = new Set<() => void>();
      get() {
        return this.tokens;
      }
      set(tokens: Tokens | null) {
        this.tokens = tokens;
        for (const l of this.listeners) l();
      }
      subscribe(listener: () => void) {
        this.listeners.add(listener);
        return () => {
          this.listeners.delete(listener);
        };
      }
    }
    const client = testClient({ tokenStore: new ClassStore() });
    const listener = vi.fn();
    const unsubscribe = client.subscribe(listener);
    await signUpWithPassword(client, { email: "c@example.test", password: PASSWORD });
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    expect(client.hasSession()).toBe(true);
  });

  it("exposes projectId and apiUrl", () => {
    const client = testClient();
    expect(client.projectId).toBe(PROJECT_ID);
    expect(client.apiUrl).toBe(API);
  });
});

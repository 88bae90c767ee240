// @vitest-environment node
import { HttpResponse } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createMemoryTokenStore, decodeJwtPayload, StackError, type Tokens } from "../../src/core/index.js";
import {
  knownError,
  makeJwt,
  PROJECT_ID,
  PUBLISHABLE_KEY,
  setupFakeStack,
  stackHeaderNames,
  testClient,
} from "./fake-stack.js";

const ctx = setupFakeStack();
const REFRESH = "POST /auth/oauth/token";

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A client whose stored session has an access token with `secondsLeft` before exp (negative: expired). */
function clientWithSession(secondsLeft: number, options: Parameters<typeof testClient>[0] = {}) {
  const seeded = ctx.fake.seedSession({ accessLifetimeSec: secondsLeft });
  const store = createMemoryTokenStore(seeded.tokens);
  return { ...seeded, store, client: testClient({ tokenStore: store, ...options }) };
}

describe("getLikelyValidTokens (§12.1)", () => {
  it("returns null and sends no auth headers without a refresh token", async () => {
    const client = testClient();
    expect(await client.getLikelyValidTokens()).toBeNull();
    await client.request("/projects/current");
    expect(stackHeaderNames(ctx.fake.log[0] ?? ({ headers: {} } as never))).not.toContain(
      "x-stack-access-token",
    );
    expect(ctx.fake.log[0]?.headers).not.toHaveProperty("x-stack-refresh-token");
    expect(ctx.fake.count(REFRESH)).toBe(0);
  });

  it("uses a stored access token with more than 20 s left, without refreshing", async () => {
    const { client, tokens } = clientWithSession(25);
    expect(await client.getLikelyValidTokens()).toEqual(tokens);
    expect(ctx.fake.count(REFRESH)).toBe(0);
  });

  it.each([15, -30])(
    "refreshes an access token with %i s left, keeping the refresh token",
    async (secondsLeft) => {
      const { client, tokens, store } = clientWithSession(secondsLeft);
      const next = await client.getLikelyValidTokens();
      expect(ctx.fake.count(REFRESH)).toBe(1);
      expect(next?.refreshToken).toBe(tokens.refreshToken);
      expect(next?.accessToken).not.toBe(tokens.accessToken);
      expect(decodeJwtPayload(next?.accessToken ?? "")?.exp).toBeGreaterThan(Date.now() / 1000 + 500);
      expect(store.get()).toEqual(next);
    },
  );

  it("refreshes with the form-encoded refresh grant and no X-Stack-* headers (a CORS-simple request)", async () => {
    const { client, tokens } = clientWithSession(-1);
    await client.getLikelyValidTokens();
    const refresh = ctx.fake.log.find((r) => r.path === "/auth/oauth/token");
    expect(refresh?.method).toBe("POST");
    expect(stackHeaderNames(refresh ?? ({ headers: {} } as never))).toEqual([]);
    expect(refresh?.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(new URLSearchParams(refresh?.body))).toEqual({
      grant_type: "refresh_token",
      refresh_token: tokens.refreshToken,
      client_id: PROJECT_ID,
      client_secret: PUBLISHABLE_KEY,
    });
  });

  it("uses __stack_public_client__ as the client secret when there is no publishable key", async () => {
    const { client } = clientWithSession(-1, { publishableClientKey: undefined });
    await client.getLikelyValidTokens();
    const body = new URLSearchParams(ctx.fake.log.find((r) => r.path === "/auth/oauth/token")?.body);
    expect(body.get("client_secret")).toBe("__stack_public_client__");
  });

  it("makes exactly 1 refresh request for 20 concurrent authenticated calls with an expired access token", async () => {
    const { client } = clientWithSession(-60);
    const users = await Promise.all(Array.from({ length: 20 }, () => client.getUser()));
    expect(ctx.fake.count(REFRESH)).toBe(1);
    expect(ctx.fake.count("GET /users/me")).toBe(20);
    expect(users.every((u) => u?.primaryEmail?.endsWith("@example.test"))).toBe(true);
    const used = new Set(
      ctx.fake.log.filter((r) => r.path === "/users/me").map((r) => r.headers["x-stack-access-token"]),
    );
    expect(used.size).toBe(1);
  });

  it("refreshes again for the next expiry (single flight is per refresh, not forever)", async () => {
    const { client, store } = clientWithSession(-60);
    await client.getLikelyValidTokens();
    const current = store.get() as Tokens;
    store.set({
      ...current,
      accessToken: ctx.fake.issueAccessToken(
        ctx.fake.sessions.get(current.refreshToken) ?? "",
        current.refreshToken,
        5,
      ),
    });
    await client.getLikelyValidTokens();
    expect(ctx.fake.count(REFRESH)).toBe(2);
  });

  it("does not resurrect the session when a refresh returns after a sign-out", async () => {
    const { client, store } = clientWithSession(-60);
    const release = ctx.fake.holdRefreshes();
    const pending = client.getLikelyValidTokens();
    await vi.waitFor(() => expect(ctx.fake.count(REFRESH)).toBe(1));
    // another tab signs out while the refresh is on the wire
    store.set(null);
    release();
    expect(await pending).toBeNull();
    expect(store.get()).toBeNull();
    expect(client.getSessionKey()).toBe("signed-out");
  });

  it("lets a session started during the refresh win over the refresh's result", async () => {
    const { client, store } = clientWithSession(-60);
    const other = ctx.fake.seedSession();
    const release = ctx.fake.holdRefreshes();
    const pending = client.getLikelyValidTokens();
    await vi.waitFor(() => expect(ctx.fake.count(REFRESH)).toBe(1));
    store.set(other.tokens); // another tab signed in as someone else
    release();
    expect(await pending).toEqual(other.tokens);
    expect(store.get()).toEqual(other.tokens);
  });

  it("a sign-out in the same tab during a refresh ends signed out", async () => {
    const { client, store } = clientWithSession(-60);
    const release = ctx.fake.holdRefreshes();
    const user = client.getUser();
    await vi.waitFor(() => expect(ctx.fake.count(REFRESH)).toBe(1));
    const signingOut = client.signOut();
    release();
    await signingOut;
    await user.catch(() => null);
    expect(store.get()).toBeNull();
    expect(await client.getUser()).toBeNull();
  });

  it("ends the session when the refresh token is rejected, and tells subscribers", async () => {
    const { client, store, tokens } = clientWithSession(-60);
    ctx.fake.sessions.delete(tokens.refreshToken); // revoked elsewhere
    const listener = vi.fn();
    client.subscribe(listener);
    expect(await client.getLikelyValidTokens()).toBeNull();
    expect(store.get()).toBeNull();
    expect(listener).toHaveBeenCalled();
    expect(client.getSessionKey()).toBe("signed-out");
    expect(await client.getUser()).toBeNull();
    expect(ctx.fake.count("GET /users/me")).toBe(0);
  });

  it("keeps the tokens and rethrows on a network error during the refresh", async () => {
    const { client, store, tokens } = clientWithSession(-60, { retry: { attempts: 2, baseDelayMs: 1 } });
    ctx.server.use(
      ctx.fake.route("post", "/auth/oauth/token", () => HttpResponse.error(), { stackHeaders: false }),
    );
    const e = await client.getLikelyValidTokens().catch((err: unknown) => err);
    expect(e).toMatchObject({ code: "NETWORK_ERROR", status: 0 });
    expect(ctx.fake.count(REFRESH)).toBe(2); // the grant is safe to repeat (no rotation), so it is retried
    expect(store.get()).toEqual(tokens);
    await expect(client.getUser()).rejects.toMatchObject({ code: "NETWORK_ERROR" });
  });

  it("keeps the tokens when the refresh grant says the client id or key is wrong (a config problem)", async () => {
    const { client, store, tokens } = clientWithSession(-60, { publishableClientKey: "pck_wrong" });
    await expect(client.getLikelyValidTokens()).rejects.toMatchObject({
      code: "INVALID_OAUTH_CLIENT_ID_OR_SECRET",
      status: 400,
    });
    expect(store.get()).toEqual(tokens);
  });

  it("uses a rotated refresh token if the server ever returns one", async () => {
    const { client, store } = clientWithSession(-60);
    const fresh = makeJwt({ sub: "u", exp: Math.floor(Date.now() / 1000) + 600 });
    ctx.server.use(
      ctx.fake.route(
        "post",
        "/auth/oauth/token",
        () => HttpResponse.json({ access_token: fresh, refresh_token: "rotated-rt" }),
        {
          stackHeaders: false,
        },
      ),
    );
    await client.getLikelyValidTokens();
    expect(store.get()).toEqual({ accessToken: fresh, refreshToken: "rotated-rt" });
  });

  it("shares one refresh across tabs with Web Locks: the tab that waited uses the token the other stored", async () => {
    const requested: string[] = [];
    let queue = Promise.resolve();
    vi.stubGlobal("navigator", {
      locks: {
        request(name: string, fn: () => Promise<unknown>) {
          requested.push(name);
          const run = queue.then(fn);
          queue = run.then(
            () => undefined,
            () => undefined,
          );
          return run;
        },
      },
    });
    // Two tabs: separate clients (separate in-flight maps) over one shared storage.
    const { tokens } = ctx.fake.seedSession({ accessLifetimeSec: -60 });
    const shared = createMemoryTokenStore(tokens);
    const tabA = testClient({ tokenStore: shared });
    const tabB = testClient({ tokenStore: shared });
    const [a, b] = await Promise.all([tabA.getLikelyValidTokens(), tabB.getLikelyValidTokens()]);
    expect(ctx.fake.count(REFRESH)).toBe(1);
    expect(a).toEqual(b);
    expect(requested).toEqual([
      `stack-react-kit-refresh:${PROJECT_ID}`,
      `stack-react-kit-refresh:${PROJECT_ID}`,
    ]);
  });
});

describe("the 401 rule (§12.2)", () => {
  it("on ACCESS_TOKEN_EXPIRED: drops the access token, refreshes once and retries once", async () => {
    // The client believes the token is fresh (e.g. clock skew), the server says it expired.
    const { client, tokens } = clientWithSession(600);
    let first = true;
    ctx.server.use(
      ctx.fake.route("get", "/users/me", ({ user }) => {
        if (first) {
          first = false;
          return knownError("ACCESS_TOKEN_EXPIRED", 401, "Access token has expired.");
        }
        return HttpResponse.json({ id: user?.id, signed_up_at_millis: 0 });
      }),
    );
    const user = await client.getUser();
    expect(user?.id).toBeDefined();
    expect(ctx.fake.count(REFRESH)).toBe(1);
    const calls = ctx.fake.log.filter((r) => r.path === "/users/me");
    expect(calls).toHaveLength(2);
    expect(calls[0]?.headers["x-stack-access-token"]).toBe(tokens.accessToken);
    expect(calls[1]?.headers["x-stack-access-token"]).not.toBe(tokens.accessToken);
    expect(calls[1]?.headers["x-stack-refresh-token"]).toBe(tokens.refreshToken);
  });

  it.each(["UNPARSABLE_ACCESS_TOKEN", "INVALID_PROJECT_FOR_ACCESS_TOKEN"])(
    "treats %s the same way",
    async (code) => {
      const { client } = clientWithSession(600);
      let first = true;
      ctx.server.use(
        ctx.fake.route("get", "/projects/current", () => {
          if (!first) return HttpResponse.json({ id: PROJECT_ID, display_name: "P", config: {} });
          first = false;
          return knownError(code, 401, "bad token");
        }),
      );
      await client.request("/projects/current");
      expect(ctx.fake.count(REFRESH)).toBe(1);
      expect(ctx.fake.count("GET /projects/current")).toBe(2);
    },
  );

  it("retries only once: a second access-token error reaches the caller", async () => {
    const { client } = clientWithSession(600);
    ctx.server.use(
      ctx.fake.route("get", "/users/me", () =>
        knownError("UNPARSABLE_ACCESS_TOKEN", 401, "Access token is not parsable."),
      ),
    );
    await expect(client.request("/users/me")).rejects.toMatchObject({
      code: "UNPARSABLE_ACCESS_TOKEN",
      status: 401,
    });
    expect(ctx.fake.count("GET /users/me")).toBe(2);
    expect(ctx.fake.count(REFRESH)).toBe(1);
  });

  it("20 concurrent calls rejected for a bad access token cause 1 refresh", async () => {
    const seeded = ctx.fake.seedSession();
    // a token that looks fresh to the client but the server cannot parse (golden case 7)
    const store = createMemoryTokenStore({
      refreshToken: seeded.tokens.refreshToken,
      accessToken: makeJwt({ exp: Math.floor(Date.now() / 1000) + 600 }),
    });
    const client = testClient({ tokenStore: store });
    const users = await Promise.all(Array.from({ length: 20 }, () => client.getUser()));
    expect(users.every((u) => u?.id === seeded.user.id)).toBe(true);
    expect(ctx.fake.count(REFRESH)).toBe(1);
    expect(ctx.fake.count("GET /users/me")).toBe(40);
  });

  it("when the refresh token is rejected too: ends the session and retries unauthenticated once", async () => {
    const { client, store, tokens } = clientWithSession(600);
    ctx.fake.sessions.delete(tokens.refreshToken);
    let first = true;
    ctx.server.use(
      ctx.fake.route("get", "/users/me", ({ user }) => {
        if (first) {
          first = false;
          return knownError("ACCESS_TOKEN_EXPIRED", 401, "Access token has expired.");
        }
        return user
          ? HttpResponse.json({})
          : knownError(
              "CANNOT_GET_OWN_USER_WITHOUT_USER",
              400,
              "You have specified 'me' as a userId, but did not provide authentication for a user.",
            );
      }),
    );
    const listener = vi.fn();
    client.subscribe(listener);
    expect(await client.getUser()).toBeNull();
    expect(store.get()).toBeNull();
    expect(listener).toHaveBeenCalled();
    const calls = ctx.fake.log.filter((r) => r.path === "/users/me");
    expect(calls).toHaveLength(2);
    expect(calls[1]?.headers).not.toHaveProperty("x-stack-access-token");
    expect(calls[1]?.headers).not.toHaveProperty("x-stack-refresh-token");
  });

  it.each([
    ["USER_AUTHENTICATION_REQUIRED", 401],
    ["TEAM_PERMISSION_REQUIRED", 401],
    ["INSUFFICIENT_ACCESS_TYPE", 401],
    ["ANONYMOUS_AUTHENTICATION_NOT_ALLOWED", 401],
    ["INVALID_PUBLISHABLE_CLIENT_KEY", 401],
  ])("never refreshes on other 401s (%s)", async (code, status) => {
    const { client, store, tokens } = clientWithSession(600);
    ctx.server.use(ctx.fake.route("post", "/teams", () => knownError(code, status, "no")));
    const e = await client
      .request("/teams", { method: "POST", body: { display_name: "T" } })
      .catch((err: unknown) => err);
    expect(e).toBeInstanceOf(StackError);
    expect(e).toMatchObject({ code, status });
    expect(ctx.fake.count(REFRESH)).toBe(0);
    expect(ctx.fake.count("POST /teams")).toBe(1);
    expect(store.get()).toEqual(tokens);
  });

  it("sends no tokens with auth: false", async () => {
    const { client } = clientWithSession(600);
    await client.request("/projects/current", { auth: false });
    expect(ctx.fake.log[0]?.headers).not.toHaveProperty("x-stack-access-token");
    expect(ctx.fake.log[0]?.headers).not.toHaveProperty("x-stack-refresh-token");
  });
});

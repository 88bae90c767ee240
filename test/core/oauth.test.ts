// OAuth with PKCE (CLIENT-API.md §5, goldens 33/34): the core flow against the MSW fake. The browser
// boundary (window.open, the popup window, postMessage) is stubbed; everything else is the real thing.
import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { codeChallenge, randomToken } from "../../src/core/auth/pkce.js";
import {
  completeOAuth,
  createMemoryTokenStore,
  decodeJwtPayload,
  finishOAuthPopup,
  getMfaAttemptCode,
  isOAuthPopup,
  type OAuthResult,
  type StackError,
  signInWithTotp,
  startOAuth,
} from "../../src/core/index.js";
import { addFlows } from "./fake-flows.js";
import { PROJECT_ID, PUBLISHABLE_KEY, setupFakeStack, stackHeaderNames, testClient } from "./fake-stack.js";

const ctx = setupFakeStack();
let flows: ReturnType<typeof addFlows>;
const CALLBACK_URL = "http://localhost:3000/handler/oauth-callback";
const PREFIX = "stack-react-kit:oauth:";

beforeEach(() => {
  flows = addFlows(ctx.fake);
  ctx.server.use(...flows.handlers);
  sessionStorage.clear();
  history.replaceState(null, "", "/");
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const storedAttempts = () =>
  Object.keys(sessionStorage)
    .filter((k) => k.startsWith(PREFIX))
    .map((k) => ({ state: k.slice(PREFIX.length), ...JSON.parse(sessionStorage.getItem(k) ?? "{}") }));

/** Starts a redirect-mode attempt and returns its state and where it navigated. */
async function startRedirect(
  client = testClient(),
  options: { redirectUri?: string; returnTo?: string } = {},
) {
  const navigate = vi.fn();
  await startOAuth(client, { provider: "github", redirectUri: CALLBACK_URL, navigate, ...options });
  const query = flows.lastAuthorization();
  return { navigate, state: String(query?.get("state")), query, client };
}

describe("PKCE", () => {
  it("derives the S256 challenge of RFC 7636 appendix B", async () => {
    expect(await codeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe(
      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    );
  });

  it("makes 43-character base64url random values (256 bits), never the same twice", () => {
    const values = new Set(Array.from({ length: 200 }, randomToken));
    expect(values.size).toBe(200);
    for (const v of values) expect(v).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe("startOAuth", () => {
  it("authorizes in json mode with a plain fetch (no X-Stack-* headers) and navigates to the provider", async () => {
    const { navigate, query, state } = await startRedirect();
    const request = ctx.fake.log.find((r) => r.path.startsWith("/auth/oauth/authorize/github?"));
    expect(request?.method).toBe("GET");
    expect(stackHeaderNames(request ?? ({ headers: {} } as never))).toEqual([]);
    expect(request?.headers["content-type"]).toBeUndefined();
    // golden 33/34: the same parameters, in the same order
    expect([...(query?.keys() ?? [])]).toEqual([
      "client_id",
      "client_secret",
      "redirect_uri",
      "scope",
      "response_type",
      "grant_type",
      "state",
      "code_challenge",
      "code_challenge_method",
      "stack_response_mode",
    ]);
    expect(Object.fromEntries(query ?? [])).toMatchObject({
      client_id: PROJECT_ID,
      client_secret: PUBLISHABLE_KEY,
      redirect_uri: CALLBACK_URL,
      scope: "legacy",
      response_type: "code",
      grant_type: "authorization_code",
      code_challenge_method: "S256",
      stack_response_mode: "json",
    });
    expect(navigate).toHaveBeenCalledExactlyOnceWith(`https://provider.test/authorize?state=inner-${state}`);
  });

  it("uses a fresh state and verifier per attempt, stored by state with the challenge sent matching", async () => {
    const client = testClient();
    const first = await startRedirect(client, { returnTo: "/account?tab=1" });
    const second = await startRedirect(client);
    expect(first.state).not.toBe(second.state);
    const stored = storedAttempts();
    expect(stored.map((a) => a.state).sort()).toEqual([first.state, second.state].sort());
    const [a, b] = [first.state, second.state].map((s) => stored.find((x) => x.state === s));
    expect(a?.verifier).not.toBe(b?.verifier);
    for (const { state, query } of [first, second]) {
      const attempt = stored.find((x) => x.state === state);
      expect(state.length).toBeGreaterThanOrEqual(22); // ≥ 128 bits of base64url
      expect(attempt?.verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
      expect(query?.get("code_challenge")).toBe(
        createHash("sha256").update(attempt?.verifier).digest("base64url"),
      );
      expect(attempt?.redirectUri).toBe(CALLBACK_URL);
      expect(attempt?.createdAt).toBeGreaterThan(Date.now() - 5000);
    }
    expect(a?.returnTo).toBe("/account?tab=1");
    expect(b?.returnTo).toBeNull();
  });

  it("strips code/state (and an old error) and the fragment from the redirect URI, and exchanges with exactly that", async () => {
    const { query, state } = await startRedirect(testClient(), {
      redirectUri: "/handler/oauth-callback?code=old&state=old&errorCode=X&message=m&keep=1#frag",
    });
    const sent = "http://localhost:3000/handler/oauth-callback?keep=1";
    expect(query?.get("redirect_uri")).toBe(sent);
    expect(storedAttempts()[0]?.redirectUri).toBe(sent);
    await completeOAuth(testClient(), { url: flows.oauthCallback(state) });
    const exchange = ctx.fake.log.find((r) => r.path === "/auth/oauth/token");
    expect(new URLSearchParams(exchange?.body).get("redirect_uri")).toBe(sent);
  });

  it("sends the access token as `token` only for an anonymous session (Stack's upgrade protocol)", async () => {
    const anonymous = ctx.fake.seedSession({ anonymous: true });
    const anonClient = testClient({ tokenStore: createMemoryTokenStore(anonymous.tokens) });
    const { query, state } = await startRedirect(anonClient);
    expect(query?.get("token")).toBe(anonymous.tokens.accessToken);
    // …and the OAuth account becomes that same user
    const result = await completeOAuth(anonClient, { url: flows.oauthCallback(state, "new@example.test") });
    expect(result?.userId).toBe(anonymous.user.id);

    const real = ctx.fake.seedSession();
    const { query: realQuery } = await startRedirect(
      testClient({ tokenStore: createMemoryTokenStore(real.tokens) }),
    );
    expect(realQuery?.has("token")).toBe(false);
    const { query: signedOut } = await startRedirect(testClient());
    expect(signedOut?.has("token")).toBe(false);
  });

  it("forgets the attempt and throws the server's error when authorize fails", async () => {
    const error = await startOAuth(testClient(), {
      provider: "gitlab",
      redirectUri: CALLBACK_URL,
      navigate: vi.fn(),
    }).catch((e: StackError) => e);
    expect(error).toMatchObject({ code: "OAUTH_PROVIDER_NOT_FOUND_OR_NOT_ENABLED", status: 400 });
    expect(storedAttempts()).toEqual([]);
  });

  it("drops attempts older than 10 minutes when a new one starts", async () => {
    const { state: old } = await startRedirect();
    const key = PREFIX + old;
    const stale = JSON.parse(sessionStorage.getItem(key) ?? "{}");
    sessionStorage.setItem(key, JSON.stringify({ ...stale, createdAt: Date.now() - 11 * 60_000 }));
    sessionStorage.setItem("unrelated", "kept");
    await startRedirect();
    expect(sessionStorage.getItem(key)).toBeNull();
    expect(sessionStorage.getItem("unrelated")).toBe("kept");
    expect(storedAttempts()).toHaveLength(1);
  });
});

describe("completeOAuth", () => {
  it("exchanges the code form-encoded without X-Stack-* headers (golden 34), signs in and returns returnTo", async () => {
    const store = createMemoryTokenStore();
    const client = testClient({ tokenStore: store });
    const { state } = await startRedirect(client, { returnTo: "/after" });
    const verifier = storedAttempts()[0]?.verifier;
    const result = await completeOAuth(client, { url: flows.oauthCallback(state, "oauthuser@example.test") });

    const exchange = ctx.fake.log.find((r) => r.path === "/auth/oauth/token");
    expect(stackHeaderNames(exchange ?? ({ headers: {} } as never))).toEqual([]);
    expect(exchange?.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    const body = Object.fromEntries(new URLSearchParams(exchange?.body));
    expect(body).toEqual({
      grant_type: "authorization_code",
      code: expect.stringMatching(/^[a-z2-7]{64}$/),
      redirect_uri: CALLBACK_URL,
      code_verifier: verifier,
      client_id: PROJECT_ID,
      client_secret: PUBLISHABLE_KEY,
    });
    const tokens = store.get();
    expect(result).toEqual({
      userId: decodeJwtPayload(tokens?.accessToken ?? "")?.sub,
      isNewUser: true,
      returnTo: "/after",
    });
    expect(tokens?.refreshToken).toBeTruthy();
    expect((await client.getUser())?.primaryEmail).toBe("oauthuser@example.test");
    // the attempt is gone
    expect(storedAttempts()).toEqual([]);
  });

  it("deletes the stored attempt before the exchange answers", async () => {
    const { state, client } = await startRedirect();
    const pending = completeOAuth(client, { url: flows.oauthCallback(state) });
    expect(sessionStorage.getItem(PREFIX + state)).toBeNull();
    await pending;
  });

  it("ignores URLs that are not its callbacks: no code/state, an unrelated ?code=, an unknown or expired state", async () => {
    const client = testClient();
    history.replaceState(null, "", "/search?code=abc");
    expect(await completeOAuth(client, { url: location.href })).toBeNull();
    expect(await completeOAuth(client, { url: `${CALLBACK_URL}?code=abc&state=someone-elses` })).toBeNull();
    expect(await completeOAuth(client, { url: `${CALLBACK_URL}?state=x` })).toBeNull();
    expect(await completeOAuth(client, { url: CALLBACK_URL })).toBeNull();
    // an attempt older than 10 minutes
    const { state } = await startRedirect(client);
    const key = PREFIX + state;
    sessionStorage.setItem(
      key,
      JSON.stringify({
        ...JSON.parse(sessionStorage.getItem(key) ?? "{}"),
        createdAt: Date.now() - 11 * 60_000,
      }),
    );
    expect(await completeOAuth(client, { url: flows.oauthCallback(state) })).toBeNull();
    await Promise.resolve();
    expect(location.href).toBe("http://localhost:3000/search?code=abc"); // the app's own param stays
    expect(ctx.fake.count("POST /auth/oauth/token")).toBe(0);
  });

  it("is single-flight per state: a second call (React StrictMode) gets the same promise and one exchange", async () => {
    const { state, client } = await startRedirect();
    const url = flows.oauthCallback(state);
    history.replaceState({ app: "state" }, "", url);
    const first = completeOAuth(client, { url: location.href });
    const second = completeOAuth(client, { url: location.href }); // same task, like StrictMode's re-run
    expect(second).toBe(first);
    const result = await first;
    // later calls with the same URL (after the address bar was cleaned) still get that result, never "invalid state"
    expect(completeOAuth(client, { url })).toBe(first);
    expect(result?.userId).toBeTruthy();
    expect(ctx.fake.count("POST /auth/oauth/token")).toBe(1);
  });

  it("cleans code/state out of the address bar before the exchange answers, keeping other params, hash and history.state", async () => {
    const { state, client } = await startRedirect(testClient(), {
      redirectUri: `${CALLBACK_URL}?after_auth_return_to=%2Fx`,
    });
    history.replaceState({ app: 1 }, "", `${flows.oauthCallback(state)}#section`);
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const hold = ctx.fake.route(
      "post",
      "/auth/oauth/token",
      async (c) => {
        await gate;
        return ctx.fake.grants.authorization_code?.(c) as Response;
      },
      { stackHeaders: false },
    );
    ctx.server.use(hold);
    const pending = completeOAuth(client, { url: location.href });
    await Promise.resolve();
    expect(location.href).toBe(`${CALLBACK_URL}?after_auth_return_to=%2Fx#section`);
    expect(history.state).toEqual({ app: 1 });
    release();
    expect((await pending)?.userId).toBeTruthy();
  });

  it("leaves the address bar alone when completing some other URL (the popup's)", async () => {
    const { state, client } = await startRedirect();
    history.replaceState(null, "", "/page?x=1");
    await completeOAuth(client, { url: flows.oauthCallback(state) });
    expect(location.href).toBe("http://localhost:3000/page?x=1");
  });

  it("turns Stack's error redirect (errorCode, message, details) into that StackError and cleans the URL", async () => {
    const { state, client } = await startRedirect();
    history.replaceState(
      null,
      "",
      flows.oauthErrorCallback(state, "SIGN_UP_NOT_ENABLED", "Sign up is not enabled.", { a: 1 }),
    );
    const error = await completeOAuth(client, { url: location.href }).catch((e: StackError) => e);
    expect(error).toMatchObject({
      name: "StackError",
      code: "SIGN_UP_NOT_ENABLED",
      status: 0,
      message: "Sign up is not enabled.",
      details: { a: 1 },
    });
    expect(location.href).toBe(CALLBACK_URL);
    expect(ctx.fake.count("POST /auth/oauth/token")).toBe(0);
  });

  it("surfaces MULTI_FACTOR_AUTHENTICATION_REQUIRED with its attempt code, which signInWithTotp completes", async () => {
    const store = createMemoryTokenStore();
    const client = testClient({ tokenStore: store });
    const user = ctx.fake.createUser("mfa@example.test", "");
    flows.requireMfa(user.id, "654321");
    const { state } = await startRedirect(client);
    const error = await completeOAuth(client, { url: flows.oauthCallback(state, "mfa@example.test") }).catch(
      (e: StackError) => e,
    );
    expect(error).toMatchObject({ code: "MULTI_FACTOR_AUTHENTICATION_REQUIRED", status: 400 });
    const attemptCode = getMfaAttemptCode(error);
    expect(attemptCode).toMatch(/^[a-z2-7]{45}$/);
    expect(store.get()).toBeNull();
    const signedIn = await signInWithTotp(client, { attemptCode: attemptCode ?? "", totp: "654321" });
    expect(signedIn).toEqual({ userId: user.id, isNewUser: false });
    expect(store.get()?.refreshToken).toBeTruthy();
  });

  it("reports a code the server refuses (used twice, wrong verifier) as INVALID_AUTHORIZATION_CODE", async () => {
    const { state, client } = await startRedirect();
    const url = flows.oauthCallback(state);
    const key = PREFIX + state;
    const attempt = JSON.parse(sessionStorage.getItem(key) ?? "{}");
    sessionStorage.setItem(key, JSON.stringify({ ...attempt, verifier: randomToken() }));
    await expect(completeOAuth(client, { url })).rejects.toMatchObject({
      code: "INVALID_AUTHORIZATION_CODE",
      status: 400,
    });
  });
});

describe("popup mode", () => {
  interface FakePopup {
    closed: boolean;
    location: { href: string };
    close: () => void;
  }
  const fakePopup = (): FakePopup => ({
    closed: false,
    location: { href: "" },
    close() {
      this.closed = true;
    },
  });
  const post = (data: unknown, origin = location.origin) =>
    window.dispatchEvent(new MessageEvent("message", { origin, data }));

  it("opens a blank named window at once, sends it to the provider and completes with the URL it posts back", async () => {
    const popup = fakePopup();
    const open = vi.spyOn(window, "open").mockReturnValue(popup as unknown as Window);
    const store = createMemoryTokenStore();
    const client = testClient({ tokenStore: store });
    const navigate = vi.fn();
    const pending = startOAuth(client, {
      provider: "github",
      redirectUri: CALLBACK_URL,
      mode: "popup",
      navigate,
      returnTo: "/r",
    });
    // synchronously, inside the click handler (before any await)
    expect(open).toHaveBeenCalledExactlyOnceWith(
      "",
      "stack-oauth",
      expect.stringMatching(/^popup,width=\d+,height=\d+/),
    );
    await vi.waitFor(() => expect(popup.location.href).toMatch(/^https:\/\/provider\.test\//));
    const state = String(flows.lastAuthorization()?.get("state"));
    const url = flows.oauthCallback(state);
    post({ type: "stack-oauth-callback", url }, "https://evil.example"); // other origins are ignored
    post({ type: "stack-oauth-callback", url: `${CALLBACK_URL}?code=x&state=other-attempt` }); // other attempts too
    post({ type: "something-else", url });
    post({ type: "stack-oauth-callback", url });
    const result = (await pending) as OAuthResult;
    expect(result).toMatchObject({ isNewUser: true, returnTo: "/r" });
    expect(result.userId).toBe(decodeJwtPayload(store.get()?.accessToken ?? "")?.sub);
    expect(navigate).not.toHaveBeenCalled();
    expect(ctx.fake.count("POST /auth/oauth/token")).toBe(1);
  });

  it("falls back to a redirect when the popup is blocked", async () => {
    vi.spyOn(window, "open").mockReturnValue(null);
    const navigate = vi.fn();
    const result = await startOAuth(testClient(), {
      provider: "github",
      redirectUri: CALLBACK_URL,
      mode: "popup",
      navigate,
    });
    expect(result).toBeUndefined();
    expect(navigate).toHaveBeenCalledExactlyOnceWith(expect.stringMatching(/^https:\/\/provider\.test\//));
    expect(storedAttempts()).toHaveLength(1); // the callback page of this tab finishes it
  });

  it("rejects with OAUTH_POPUP_CLOSED when the user closes the popup, and a second attempt works", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const first = fakePopup();
    const open = vi.spyOn(window, "open").mockReturnValue(first as unknown as Window);
    const client = testClient();
    const pending = startOAuth(client, { provider: "github", redirectUri: CALLBACK_URL, mode: "popup" });
    await vi.waitFor(() => expect(first.location.href).not.toBe(""));
    first.close();
    vi.advanceTimersByTime(500);
    // one look is not enough: the popup closes itself right after posting its URL
    vi.advanceTimersByTime(500);
    const error = await pending.catch((e: StackError) => e);
    expect(error).toMatchObject({ name: "StackError", code: "OAUTH_POPUP_CLOSED", status: 0 });
    expect(storedAttempts()).toEqual([]);

    const second = fakePopup();
    open.mockReturnValue(second as unknown as Window);
    const retry = startOAuth(client, { provider: "github", redirectUri: CALLBACK_URL, mode: "popup" });
    await vi.waitFor(() => expect(second.location.href).not.toBe(""));
    const state = String(flows.lastAuthorization()?.get("state"));
    post({ type: "stack-oauth-callback", url: flows.oauthCallback(state) });
    expect((await retry)?.userId).toBeTruthy();
  });

  it("is not fooled by `closed` turning true just before the popup's message arrives", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const popup = fakePopup();
    vi.spyOn(window, "open").mockReturnValue(popup as unknown as Window);
    const pending = startOAuth(testClient(), {
      provider: "github",
      redirectUri: CALLBACK_URL,
      mode: "popup",
    });
    await vi.waitFor(() => expect(popup.location.href).not.toBe(""));
    const state = String(flows.lastAuthorization()?.get("state"));
    popup.close();
    vi.advanceTimersByTime(500);
    post({ type: "stack-oauth-callback", url: flows.oauthCallback(state) });
    expect((await pending)?.userId).toBeTruthy();
  });

  it("passes the provider's error redirect on as the StackError", async () => {
    const popup = fakePopup();
    vi.spyOn(window, "open").mockReturnValue(popup as unknown as Window);
    const pending = startOAuth(testClient(), {
      provider: "github",
      redirectUri: CALLBACK_URL,
      mode: "popup",
    });
    await vi.waitFor(() => expect(popup.location.href).not.toBe(""));
    const state = String(flows.lastAuthorization()?.get("state"));
    post({
      type: "stack-oauth-callback",
      url: flows.oauthErrorCallback(state, "OAUTH_PROVIDER_ACCESS_DENIED", "Denied."),
    });
    await expect(pending).rejects.toMatchObject({ code: "OAUTH_PROVIDER_ACCESS_DENIED", message: "Denied." });
  });

  it("closes the popup when authorize fails", async () => {
    const popup = fakePopup();
    vi.spyOn(window, "open").mockReturnValue(popup as unknown as Window);
    await expect(
      startOAuth(testClient(), { provider: "gitlab", redirectUri: CALLBACK_URL, mode: "popup" }),
    ).rejects.toMatchObject({ code: "OAUTH_PROVIDER_NOT_FOUND_OR_NOT_ENABLED" });
    expect(popup.closed).toBe(true);
  });

  it("on the callback page: isOAuthPopup / finishOAuthPopup post the URL to the opener (same origin) and close", () => {
    expect(isOAuthPopup()).toBe(false);
    expect(finishOAuthPopup()).toBe(false);
    const opener = { postMessage: vi.fn() };
    Object.defineProperty(window, "opener", { value: opener, configurable: true, writable: true });
    const close = vi.spyOn(window, "close").mockImplementation(() => {});
    window.name = "stack-oauth";
    try {
      history.replaceState(null, "", "/handler/oauth-callback?code=c&state=s");
      expect(isOAuthPopup()).toBe(true);
      expect(finishOAuthPopup()).toBe(true);
      expect(opener.postMessage).toHaveBeenCalledExactlyOnceWith(
        { type: "stack-oauth-callback", url: `${CALLBACK_URL}?code=c&state=s` },
        "http://localhost:3000",
      );
      expect(close).toHaveBeenCalledOnce();
    } finally {
      window.name = "";
      Object.defineProperty(window, "opener", { value: null, configurable: true, writable: true });
    }
  });
});

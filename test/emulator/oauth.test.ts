// @vitest-environment node
import { describe, expect, it } from "vitest";
import { createEmulator, type EmulatorOptions } from "../../src/testing/index.js";
import { startEmulatorServer } from "../../src/testing/node.js";
import { call, readResult, signUp } from "./client.js";
import {
  authorizeRequest,
  decideAtProvider,
  exchangeRequest,
  oauthRoundTrip,
  REDIRECT_URI,
  readConsentForm,
  s256,
  VERIFIER,
} from "./oauth.js";

// OAuth through the mock provider beyond the recordings: cancel, timeouts, PKCE variants, anonymous
// upgrade, linking, account merging and the error redirects.

const spotify = (options: EmulatorOptions = {}) =>
  createEmulator({ oauthProviders: ["spotify"], ...options });

function errorParams(location: URL) {
  const { error, error_description, errorCode, message, details } = Object.fromEntries(location.searchParams);
  return { error, error_description, errorCode, message, details };
}

describe("OAuth with the mock provider", () => {
  it("Allow → 303 with code and state → exchange (form or JSON) → the provider's user", async () => {
    const emulator = spotify();
    const trip = await oauthRoundTrip(emulator, { email: "Ada@Example.com" });
    expect(trip.callback.status).toBe(303);
    expect(trip.location.origin + trip.location.pathname).toBe(REDIRECT_URI);
    expect(trip.location.searchParams.get("state")).toBe("golden-state-1");
    expect(trip.code).toMatch(/^[0-9a-f]{64}$/);

    const exchanged = await readResult(await emulator.handle(exchangeRequest(emulator, trip.code ?? "")));
    expect(exchanged.status).toBe(200);
    expect(exchanged.headers.get("pragma")).toBe("no-cache");
    expect(exchanged.body).toMatchObject({ token_type: "Bearer", is_new_user: true, newUser: true });
    const { access_token } = exchanged.body as { access_token: string };
    const me = await call(emulator, "GET", "/users/me", { accessToken: access_token });
    expect(me.body).toMatchObject({
      primary_email: "Ada@Example.com",
      primary_email_verified: true,
      auth_with_email: false,
      has_password: false,
      oauth_providers: [{ id: "spotify", account_id: "Ada@Example.com", email: "Ada@Example.com" }],
    });

    const again = await oauthRoundTrip(emulator, { email: "Ada@Example.com" });
    const json = await readResult(
      await emulator.handle(exchangeRequest(emulator, again.code ?? "", {}, "json")),
    );
    expect(json.body).toMatchObject({ is_new_user: false, newUser: false });
  });

  it("plain PKCE works; the verifier must match", async () => {
    const emulator = spotify();
    const trip = await oauthRoundTrip(emulator, { method: "plain", verifier: "plain-verifier-0123456789" });
    const wrong = await readResult(await emulator.handle(exchangeRequest(emulator, trip.code ?? "")));
    expect(wrong.code).toBe("INVALID_AUTHORIZATION_CODE");
    const right = await emulator.handle(
      exchangeRequest(emulator, trip.code ?? "", { code_verifier: "plain-verifier-0123456789" }),
    );
    expect(right.status).toBe(200);
  });

  it("Cancel → 307 to the redirect URI with OAUTH_PROVIDER_ACCESS_DENIED", async () => {
    const emulator = spotify();
    const trip = await oauthRoundTrip(emulator, { action: "cancel" });
    expect(trip.callback.status).toBe(307);
    expect(trip.callback.headers.get("content-type")).toBeNull();
    expect(trip.location.origin + trip.location.pathname).toBe(REDIRECT_URI);
    expect(errorParams(trip.location)).toEqual({
      error: "server_error",
      error_description: "The OAuth provider denied access to the user.",
      errorCode: "OAUTH_PROVIDER_ACCESS_DENIED",
      message: "The OAuth provider denied access to the user.",
      details: "{}",
    });
    expect(trip.code).toBeNull();
  });

  it("redirect mode: 307 to the provider plus the inner-state cookie; the browser flow is the same", async () => {
    const emulator = spotify();
    const authorize = await emulator.handle(authorizeRequest(emulator, { mode: "redirect" }));
    expect(authorize.status).toBe(307);
    const location = authorize.headers.get("location") ?? "";
    expect(location).toMatch(/^http:\/\/localhost:8102\/__stack-emulator\/oauth\/spotify\/authorize\?/);
    expect(authorize.headers.get("set-cookie")).toMatch(
      /^stack-oauth-inner-[\w-]{43}=true; Path=\/; Expires=[^;]+; Max-Age=600; HttpOnly$/,
    );
    const back = await decideAtProvider(emulator, location, { action: "allow" });
    const callback = await emulator.handle(new Request(back));
    expect(callback.status).toBe(303);
    // The provider's default login.
    const code = new URL(callback.headers.get("location") ?? "").searchParams.get("code") ?? "";
    const { access_token } = (await (await emulator.handle(exchangeRequest(emulator, code))).json()) as {
      access_token: string;
    };
    const me = await call(emulator, "GET", "/users/me", { accessToken: access_token });
    expect(me.body).toMatchObject({ primary_email: "spotify-user@example.com" });
  });

  it("the outer flow times out 10 minutes after authorize; codes expire and work once", async () => {
    const emulator = spotify();
    const authorize = await emulator.handle(authorizeRequest(emulator));
    const { location } = (await authorize.json()) as { location: string };
    const back = await decideAtProvider(emulator, location, { action: "allow" });
    emulator.clock.advance(10 * 60 * 1000 + 1);
    const late = await emulator.handle(new Request(back));
    expect(late.status).toBe(307);
    expect(errorParams(new URL(late.headers.get("location") ?? ""))).toMatchObject({
      errorCode: "OUTER_OAUTH_TIMEOUT",
      message: "The OAuth flow has timed out. Please sign in again.",
    });
    // The inner state works once.
    const reused = await readResult(await emulator.handle(new Request(back)));
    expect(reused.status).toBe(400);
    expect(reused.body).toBe("Invalid OAuth cookie. Please try signing in again.");

    const trip = await oauthRoundTrip(emulator);
    emulator.clock.advance(5 * 60 * 1000 + 1);
    const expired = await readResult(await emulator.handle(exchangeRequest(emulator, trip.code ?? "")));
    expect(expired.code).toBe("INVALID_AUTHORIZATION_CODE");
  });

  it("token errors: OAuth-style for missing parameters, text for another redirect URI", async () => {
    const emulator = spotify();
    const trip = await oauthRoundTrip(emulator);
    const missing = await readResult(await emulator.handle(exchangeRequest(emulator, "")));
    expect(missing.body).toEqual({
      error: "invalid_request",
      error_description: "Missing parameter: `code`",
    });
    const noRedirect = await readResult(
      await emulator.handle(exchangeRequest(emulator, trip.code ?? "", { redirect_uri: "" })),
    );
    expect(noRedirect.body).toMatchObject({ error: "invalid_request" });
    const other = await readResult(
      await emulator.handle(
        exchangeRequest(emulator, trip.code ?? "", { redirect_uri: "http://localhost:3000/other" }),
      ),
    );
    expect(other.body).toBe(
      "Invalid redirect URI. Your redirect URI must be the same as the one used to get the authorization code.",
    );
    const badClient = await readResult(
      await emulator.handle(exchangeRequest(emulator, trip.code ?? "", { client_secret: "nope" })),
    );
    expect(badClient.code).toBe("INVALID_OAUTH_CLIENT_ID_OR_SECRET");
  });

  it("after_callback_redirect_url is echoed by the token endpoint", async () => {
    const emulator = spotify();
    const trip = await oauthRoundTrip(emulator, {
      query: { after_callback_redirect_url: "http://localhost:3000/after" },
    });
    const result = await readResult(await emulator.handle(exchangeRequest(emulator, trip.code ?? "")));
    expect(result.body).toMatchObject({
      after_callback_redirect_url: "http://localhost:3000/after",
      afterCallbackRedirectUrl: "http://localhost:3000/after",
    });
  });

  it("an anonymous user's token upgrades that user (same id)", async () => {
    const emulator = spotify();
    const anonymous = await call(emulator, "POST", "/auth/anonymous/sign-up", { body: {} });
    const { access_token, user_id } = anonymous.body as { access_token: string; user_id: string };
    const trip = await oauthRoundTrip(emulator, {
      email: "anon@example.com",
      query: { token: access_token },
    });
    const result = await readResult(await emulator.handle(exchangeRequest(emulator, trip.code ?? "")));
    expect(result.body).toMatchObject({ is_new_user: true });
    const me = await call(emulator, "GET", "/users/me", {
      accessToken: (result.body as { access_token: string }).access_token,
    });
    expect(me.body).toMatchObject({ id: user_id, is_anonymous: false, primary_email: "anon@example.com" });
    // A bad token fails like on every route.
    const bad = await readResult(
      await emulator.handle(authorizeRequest(emulator, { query: { token: "x" } })),
    );
    expect(bad.code).toBe("UNPARSABLE_ACCESS_TOKEN");
  });

  it("type=link attaches the provider account to the token's user, once", async () => {
    const emulator = spotify();
    const a = await signUp(emulator, "a@example.test");
    const b = await signUp(emulator, "b@example.test");
    const link = await oauthRoundTrip(emulator, {
      email: "shared@example.com",
      query: { type: "link", token: a.access_token },
    });
    const linked = await readResult(await emulator.handle(exchangeRequest(emulator, link.code ?? "")));
    expect(linked.body).toMatchObject({ is_new_user: false });
    const me = await call(emulator, "GET", "/users/me", { accessToken: a.access_token });
    expect(me.body).toMatchObject({
      primary_email: "a@example.test",
      oauth_providers: [{ id: "spotify", account_id: "shared@example.com", email: "shared@example.com" }],
    });
    const stolen = await oauthRoundTrip(emulator, {
      email: "shared@example.com",
      query: { type: "link", token: b.access_token },
    });
    expect(errorParams(stolen.location)).toMatchObject({
      errorCode: "OAUTH_CONNECTION_ALREADY_CONNECTED_TO_ANOTHER_USER",
    });
  });

  it("merges with a user whose verified auth email it is; refuses an unverified one", async () => {
    const emulator = spotify({
      seedUsers: [
        { email: "verified@example.com", password: "Golden-Passw0rd-16", primaryEmailVerified: true },
        { email: "unverified@example.com", password: "Golden-Passw0rd-16" },
      ],
    });
    const merged = await oauthRoundTrip(emulator, { email: "verified@example.com" });
    const result = await readResult(await emulator.handle(exchangeRequest(emulator, merged.code ?? "")));
    expect(result.body).toMatchObject({ is_new_user: false });
    const refused = await oauthRoundTrip(emulator, { email: "unverified@example.com" });
    expect(errorParams(refused.location)).toMatchObject({
      errorCode: "CONTACT_CHANNEL_ALREADY_USED_FOR_AUTH_BY_SOMEONE_ELSE",
    });
  });

  it("sign-up disabled → SIGN_UP_NOT_ENABLED redirect; a TOTP user gets MFA at the exchange", async () => {
    const closed = spotify({ signUpEnabled: false });
    const trip = await oauthRoundTrip(closed);
    expect(errorParams(trip.location)).toMatchObject({ errorCode: "SIGN_UP_NOT_ENABLED" });

    const emulator = spotify();
    const first = await oauthRoundTrip(emulator);
    const { access_token } = (await (
      await emulator.handle(exchangeRequest(emulator, first.code ?? ""))
    ).json()) as {
      access_token: string;
    };
    await call(emulator, "PATCH", "/users/me", {
      accessToken: access_token,
      body: { totp_secret_base64: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP" },
    });
    const second = await oauthRoundTrip(emulator);
    const mfa = await readResult(await emulator.handle(exchangeRequest(emulator, second.code ?? "")));
    expect(mfa.code).toBe("MULTI_FACTOR_AUTHENTICATION_REQUIRED");
    // The code was used up.
    const again = await readResult(await emulator.handle(exchangeRequest(emulator, second.code ?? "")));
    expect(again.code).toBe("INVALID_AUTHORIZATION_CODE");
  });

  it("an untrusted redirect_uri is refused at the callback (JSON), or sent to a trusted error URL", async () => {
    const emulator = spotify();
    const json = await oauthRoundTrip(emulator, { redirectUri: "https://evil.example.com/cb" });
    expect(json.callback.status).toBe(400);
    expect((await readResult(json.callback)).code).toBe("REDIRECT_URL_NOT_WHITELISTED");
    const redirected = await oauthRoundTrip(emulator, {
      redirectUri: "https://evil.example.com/cb",
      query: { error_redirect_uri: "http://localhost:3000/handler/error" },
    });
    expect(redirected.callback.status).toBe(307);
    expect(redirected.location.pathname).toBe("/handler/error");
    expect(errorParams(redirected.location)).toMatchObject({ errorCode: "REDIRECT_URL_NOT_WHITELISTED" });
  });

  it("a provider code that is not the provider's is refused", async () => {
    const emulator = spotify();
    const authorize = await emulator.handle(authorizeRequest(emulator));
    const { location } = (await authorize.json()) as { location: string };
    const back = await decideAtProvider(emulator, location, { action: "allow" });
    back.searchParams.set("code", "forged");
    const result = await readResult(await emulator.handle(new Request(back)));
    expect(result.status).toBe(400);
    expect(result.body).toBe("The OAuth provider did not accept the authorization code.");
  });
});

describe("OAuth over HTTP (startEmulatorServer)", () => {
  it("redirect-mode authorize → provider page → its form → callback → exchange, like a browser", async () => {
    const server = await startEmulatorServer({ oauthProviders: ["github"] });
    try {
      const { emulator, url } = server;
      const query = new URLSearchParams({
        client_id: emulator.projectId,
        client_secret: "__stack_public_client__",
        redirect_uri: REDIRECT_URI,
        scope: "legacy",
        response_type: "code",
        grant_type: "authorization_code",
        state: "http-state",
        code_challenge: s256(VERIFIER),
        code_challenge_method: "S256",
      });
      const authorize = await fetch(`${url}/api/v1/auth/oauth/authorize/github?${query}`, {
        redirect: "manual",
      });
      expect(authorize.status).toBe(307);
      expect(authorize.headers.getSetCookie()[0]).toMatch(/^stack-oauth-inner-/);
      const providerUrl = authorize.headers.get("location") ?? "";
      expect(providerUrl.startsWith(`${url}/__stack-emulator/oauth/github/authorize?`)).toBe(true);

      const page = await fetch(providerUrl);
      const { action, fields } = readConsentForm(await page.text());
      const submitted = await fetch(new URL(action, url), {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ ...fields, action: "allow" }),
      });
      expect(submitted.status).toBe(303);
      const callback = await fetch(submitted.headers.get("location") ?? "", { redirect: "manual" });
      expect(callback.status).toBe(303);
      const back = new URL(callback.headers.get("location") ?? "");
      expect(back.searchParams.get("state")).toBe("http-state");

      const token = await fetch(`${url}/api/v1/auth/oauth/token`, {
        method: "POST",
        body: new URLSearchParams({
          grant_type: "authorization_code",
          code: back.searchParams.get("code") ?? "",
          redirect_uri: REDIRECT_URI,
          code_verifier: VERIFIER,
          client_id: emulator.projectId,
          client_secret: "__stack_public_client__",
        }),
      });
      expect(token.status).toBe(200);
      expect(await token.json()).toMatchObject({ is_new_user: true, scope: "legacy" });
    } finally {
      await server.close();
    }
  });
});

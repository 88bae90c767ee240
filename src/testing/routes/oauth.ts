import { createOrUpgradeAnonymousUser } from "../accounts.js";
import { API_PREFIX } from "../constants.js";
import { pkceChallenge } from "../encoding.js";
import { KnownError, StatusError } from "../http/errors.js";
import { knownErrors } from "../http/known-errors.js";
import { jsonResponse } from "../http/responses.js";
import { assertNoProblems, type FieldRule, fieldProblems } from "../http/schema.js";
import { mockProviderAuthorizePath, redeemProviderCode } from "../oauth-provider.js";
import { randomBase64Url, randomHex } from "../random.js";
import type { Route, RouteContext } from "../router.js";
import type { EmulatorState } from "../state.js";
import type { OAuthFlowRecord, UserRecord } from "../store.js";
import { verifyAccessToken } from "../tokens.js";
import { isTrustedUrl } from "../trusted-urls.js";

// OAuth sign-in (CLIENT-API §5; golden cases 33, 34). Stack is the OAuth server of the app ("outer"
// flow, with the app's PKCE) and the client of the provider ("inner" flow); here the provider is the
// emulator's mock provider (oauth-provider.ts), reached by a real browser round trip.

/** The outer flow ends 10 minutes after authorize (OUTER_OAUTH_TIMEOUT). */
const OUTER_FLOW_LIFETIME_MS = 10 * 60 * 1000;
/** Lifetime of the outer authorization code (the OAuth library's default, 5 minutes). */
const AUTHORIZATION_CODE_LIFETIME_MS = 5 * 60 * 1000;
const PUBLIC_CLIENT_SECRET = "__stack_public_client__";
/** What the recorded (mock) provider was asked for; `provider_scope` adds to it. */
const PROVIDER_SCOPE = "openid offline_access";

const AUTHORIZE_QUERY: Record<string, FieldRule> = {
  type: { type: "string", oneOf: ["authenticate", "link"] },
  token: { type: "string" },
  provider_scope: { type: "string" },
  error_redirect_url: { type: "string", url: true },
  error_redirect_uri: { type: "string", url: true },
  after_callback_redirect_url: { type: "string" },
  stack_response_mode: { type: "string", oneOf: ["json", "redirect"] },
  client_id: { type: "string", required: true },
  client_secret: { type: "string", required: true },
  redirect_uri: { type: "string", required: true, url: true },
  scope: { type: "string", required: true },
  state: { type: "string", required: true },
  grant_type: { type: "string", required: true, oneOf: ["authorization_code"] },
  code_challenge: { type: "string", required: true },
  code_challenge_method: { type: "string", required: true },
  response_type: { type: "string", required: true },
};

type AuthorizeQuery = Partial<Record<keyof typeof AUTHORIZE_QUERY, string>> & {
  client_id: string;
  client_secret: string;
  redirect_uri: string;
  scope: string;
  state: string;
  code_challenge: string;
  code_challenge_method: string;
};

/** Query checks of authorize: only the known parameters (unknown extra ones are tolerated). */
function validateAuthorizeQuery(ctx: RouteContext): AuthorizeQuery {
  const query = Object.fromEntries(ctx.url.searchParams);
  const problems = Object.entries(AUTHORIZE_QUERY).flatMap(([key, rule]) =>
    fieldProblems(`query.${key}`, query[key], rule),
  );
  assertNoProblems(ctx.request.method, ctx.pathname, problems);
  return query as AuthorizeQuery;
}

function isEnabledProvider(state: EmulatorState, providerId: string): boolean {
  return state.options.config.oauthProviders.includes(providerId);
}

/** `<origin>/api/v1/auth/oauth/callback/<provider>`: where the provider sends the browser back. */
function innerRedirectUri(ctx: RouteContext, providerId: string): string {
  return `${ctx.url.origin}${API_PREFIX}/auth/oauth/callback/${encodeURIComponent(providerId)}`;
}

function query(params: [string, string][]): string {
  return params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&");
}

async function authorize(ctx: RouteContext): Promise<Response> {
  const q = validateAuthorizeQuery(ctx);
  const { options, store, clock, keys } = ctx.state;
  const providerId = ctx.params.providerId ?? "";

  if (q.client_id !== options.projectId && q.client_id !== `${options.projectId}#main`) {
    throw knownErrors.invalidOAuthClientIdOrSecret(q.client_id);
  }
  if (q.client_secret === PUBLIC_CLIENT_SECRET) {
    if (options.requirePublishableClientKey) {
      throw knownErrors.publishableClientKeyRequiredForProject(options.projectId);
    }
  } else if (q.client_secret !== options.publishableClientKey) {
    throw knownErrors.invalidPublishableClientKey(options.projectId);
  }
  if (!isEnabledProvider(ctx.state, providerId)) throw knownErrors.oauthProviderNotFoundOrNotEnabled();
  const type = q.type === "link" ? "link" : "authenticate";
  if (type === "link" && !q.token) {
    throw new StatusError(400, "?token= query parameter is required for link type");
  }
  if (
    q.after_callback_redirect_url !== undefined &&
    !isTrustedUrl(q.after_callback_redirect_url, options.trustedDomains)
  ) {
    throw knownErrors.redirectUrlNotWhitelisted();
  }
  // A token names the user to link, or the anonymous user to upgrade; a bad one fails like everywhere.
  const userId = q.token
    ? (await verifyAccessToken(keys, q.token, options.projectId, clock.now())).sub
    : null;

  const innerState = randomBase64Url(32);
  const innerCodeVerifier = randomBase64Url(32);
  const flow: OAuthFlowRecord = {
    innerState,
    innerCodeVerifier,
    providerId,
    redirectUri: q.redirect_uri.split("#")[0] ?? q.redirect_uri,
    state: q.state,
    scope: q.scope,
    codeChallenge: q.code_challenge,
    codeChallengeMethod: q.code_challenge_method,
    type,
    userId,
    errorRedirectUrl: q.error_redirect_uri ?? q.error_redirect_url ?? null,
    afterCallbackRedirectUrl: q.after_callback_redirect_url ?? null,
    expiresAtMillis: clock.now() + OUTER_FLOW_LIFETIME_MS,
  };
  store.oauthFlows.set(innerState, flow);

  const scope = q.provider_scope ? `${PROVIDER_SCOPE} ${q.provider_scope}` : PROVIDER_SCOPE;
  // Parameter names and order of the recorded provider URL (golden case 33).
  const location = `${ctx.url.origin}${mockProviderAuthorizePath(providerId)}?${query([
    ["client_id", providerId],
    ["scope", scope],
    ["response_type", "code"],
    ["redirect_uri", innerRedirectUri(ctx, providerId)],
    ["code_challenge_method", "S256"],
    ["code_challenge", (await pkceChallenge(innerCodeVerifier, "S256")) ?? ""],
    ["state", innerState],
    ["access_type", "offline"],
    ["prompt", "consent"],
  ])}`;

  if (q.stack_response_mode === "json") return jsonResponse(200, { location });
  const maxAge = OUTER_FLOW_LIFETIME_MS / 1000;
  const expires = new Date(clock.now() + OUTER_FLOW_LIFETIME_MS).toUTCString();
  return new Response(null, {
    status: 307,
    headers: {
      location,
      "set-cookie": `stack-oauth-inner-${innerState}=true; Path=/; Expires=${expires}; Max-Age=${maxAge}; HttpOnly`,
    },
  });
}

/**
 * Who the provider's account signs in as. Sign-in: the user that has this provider account; else an
 * existing user whose verified auth email it is (the cloud's default `link_method` merge); else a new
 * user (or the anonymous caller upgraded) with the provider email as verified primary email.
 * Link: the token's user gets the account.
 */
function signInWithProviderAccount(
  state: EmulatorState,
  flow: OAuthFlowRecord,
  email: string,
): { user: UserRecord; isNewUser: boolean } {
  const { store, options } = state;
  const account = { providerId: flow.providerId, accountId: email, email };
  const owner = [...store.users.values()].find((u) =>
    u.oauthAccounts.some((a) => a.providerId === account.providerId && a.accountId === account.accountId),
  );
  const current = flow.userId ? (store.users.get(flow.userId) ?? null) : null;

  if (flow.type === "link") {
    if (!current) throw new StatusError(400, "The user of the access token no longer exists.");
    if (owner && owner !== current) throw knownErrors.oauthConnectionAlreadyConnectedToAnotherUser();
    if (!owner) current.oauthAccounts.push(account);
    return { user: current, isNewUser: false };
  }
  if (owner) return { user: owner, isNewUser: false };

  const channel = store.findAuthChannel(email);
  const existing = channel && store.users.get(channel.userId);
  if (channel && existing) {
    if (!channel.isVerified)
      throw knownErrors.contactChannelAlreadyUsedForAuthBySomeoneElse("email", email, true);
    existing.oauthAccounts.push(account);
    return { user: existing, isNewUser: false };
  }
  if (!options.config.signUpEnabled) throw knownErrors.signUpNotEnabled();
  // As recorded (case 34): the email is verified but not used for auth (`auth_with_email: false`).
  const user = createOrUpgradeAnonymousUser(state, current, {
    email: { value: email, verified: true, usedForAuth: false },
    oauthAccount: account,
  });
  return { user, isNewUser: true };
}

/** A known error of the callback goes back to the app as query parameters when a trusted URL allows it. */
function redirectError(state: EmulatorState, flow: OAuthFlowRecord, error: KnownError): Response {
  const target = [flow.redirectUri, flow.errorRedirectUrl].find(
    (u): u is string => u !== null && isTrustedUrl(u, state.options.trustedDomains),
  );
  if (!target) throw error;
  const url = new URL(target);
  url.searchParams.set("error", "server_error");
  url.searchParams.set("error_description", error.message);
  url.searchParams.set("errorCode", error.code);
  url.searchParams.set("message", error.message);
  url.searchParams.set("details", JSON.stringify(error.details ?? {}));
  return new Response(null, { status: 307, headers: { location: url.toString() } });
}

async function callback(ctx: RouteContext): Promise<Response> {
  const { store, clock, options } = ctx.state;
  const body =
    typeof ctx.body === "object" && ctx.body !== null && !Array.isArray(ctx.body)
      ? (ctx.body as Record<string, unknown>)
      : {};
  const params: Record<string, unknown> = { ...Object.fromEntries(ctx.url.searchParams), ...body };
  const innerState = typeof params.state === "string" ? params.state : "";
  const flow = store.oauthFlows.get(innerState);
  // The cloud ties the inner state to a cookie and finds nothing for an unknown or reused one.
  if (!flow) throw new StatusError(400, "Invalid OAuth cookie. Please try signing in again.");
  store.oauthFlows.delete(innerState);

  try {
    if (flow.expiresAtMillis < clock.now()) throw knownErrors.outerOAuthTimeout();
    const providerId = ctx.params.providerId ?? "";
    if (providerId !== flow.providerId || !isEnabledProvider(ctx.state, providerId)) {
      throw knownErrors.oauthProviderNotFoundOrNotEnabled();
    }
    if (params.error !== undefined) throw knownErrors.oauthProviderAccessDenied();
    const email = await redeemProviderCode(ctx.state, {
      code: typeof params.code === "string" ? params.code : "",
      providerId,
      redirectUri: innerRedirectUri(ctx, providerId),
      codeVerifier: flow.innerCodeVerifier,
    });
    if (email === null)
      throw new StatusError(400, "The OAuth provider did not accept the authorization code.");
    if (!isTrustedUrl(flow.redirectUri, options.trustedDomains))
      throw knownErrors.redirectUrlNotWhitelisted();
    if (flow.scope !== "legacy") {
      throw new StatusError(400, "Invalid scope requested. Please check the scopes you are requesting.");
    }

    const { user, isNewUser } = signInWithProviderAccount(ctx.state, flow, email);
    const code = randomHex(32);
    store.oauthCodes.set(code, {
      code,
      userId: user.id,
      isNewUser,
      redirectUri: flow.redirectUri,
      codeChallenge: flow.codeChallenge,
      codeChallengeMethod: flow.codeChallengeMethod,
      afterCallbackRedirectUrl: flow.afterCallbackRedirectUrl,
      expiresAtMillis: clock.now() + AUTHORIZATION_CODE_LIFETIME_MS,
      used: false,
    });
    const location = new URL(flow.redirectUri);
    location.searchParams.set("code", code);
    location.searchParams.set("state", flow.state);
    // As recorded (case 34): 303, a JSON content type and an empty object.
    return jsonResponse(303, {}, { location: location.toString() });
  } catch (error) {
    if (error instanceof KnownError) return redirectError(ctx.state, flow, error);
    throw error;
  }
}

/** `GET /auth/oauth/authorize/<provider>` and the provider's return, `GET|POST /auth/oauth/callback/<provider>`. */
export const oauthRoutes: Route[] = [
  { method: "GET", path: "/auth/oauth/authorize/:providerId", auth: "optional", handler: authorize },
  { method: "GET", path: "/auth/oauth/callback/:providerId", auth: "optional", handler: callback },
  { method: "POST", path: "/auth/oauth/callback/:providerId", auth: "optional", handler: callback },
];

import { assertNoMfaRequired } from "../accounts.js";
import { pkceChallenge } from "../encoding.js";
import { StatusError } from "../http/errors.js";
import { knownErrors } from "../http/known-errors.js";
import { jsonResponse } from "../http/responses.js";
import { isAbsoluteUrl } from "../http/schema.js";
import type { Route, RouteContext } from "../router.js";
import { issueAccessToken } from "../session-tokens.js";

/** Token endpoint body (form-encoded or JSON); all values are strings. */
export type TokenRequest = Record<string, unknown>;

/** A grant type of `POST /auth/oauth/token`. */
export type GrantHandler = (ctx: RouteContext, body: TokenRequest) => Promise<Response>;

/** Headers of the OAuth library the cloud uses for token responses (recorded in case 19). */
const TOKEN_HEADERS = { pragma: "no-cache", "cache-control": "no-store" };

/** OAuth-library style error: no `x-stack-known-error`, body `{error, error_description}` (CLIENT-API §5.3). */
function oauthError(error: string, description: string): Response {
  return jsonResponse(400, { error, error_description: description }, TOKEN_HEADERS);
}

/**
 * Client authentication of the token endpoint: `client_id` is the project id (optionally
 * `#main`), `client_secret` the publishable key or `__stack_public_client__` when no key is required.
 * A wrong secret is INVALID_OAUTH_CLIENT_ID_OR_SECRET with a null client id (golden README item 2).
 */
export function authenticateOAuthClient(ctx: RouteContext, body: TokenRequest): void {
  const { projectId, publishableClientKey, requirePublishableClientKey } = ctx.state.options;
  const clientId = typeof body.client_id === "string" ? body.client_id : null;
  if (clientId !== projectId && clientId !== `${projectId}#main`) {
    throw knownErrors.invalidOAuthClientIdOrSecret(clientId);
  }
  const secret = body.client_secret;
  if (secret === "__stack_public_client__") {
    if (requirePublishableClientKey) throw knownErrors.publishableClientKeyRequiredForProject(projectId);
    return;
  }
  if (secret !== publishableClientKey) throw knownErrors.invalidOAuthClientIdOrSecret(null);
}

const refreshTokenGrant: GrantHandler = async (ctx, body) => {
  if (typeof body.refresh_token !== "string" || body.refresh_token === "") {
    return oauthError("invalid_request", "Missing parameter: `refresh_token`");
  }
  authenticateOAuthClient(ctx, body);
  const { store, clock } = ctx.state;
  const session = store.findSessionByRefreshToken(clock.now(), body.refresh_token);
  const user = session && store.users.get(session.userId);
  if (!session || !user) throw knownErrors.refreshTokenNotFoundOrExpired();
  session.lastUsedAtMillis = clock.now();
  // No rotation: the response carries no refresh_token; `expires_in` is the OAuth library's 3600,
  // whatever the JWT lifetime (golden README item 6).
  return jsonResponse(
    200,
    {
      access_token: await issueAccessToken(ctx, user, session),
      token_type: "Bearer",
      expires_in: 3600,
      scope: "legacy",
      afterCallbackRedirectUrl: null,
      after_callback_redirect_url: null,
    },
    TOKEN_HEADERS,
  );
};

/**
 * The authorization-code grant (CLIENT-API §5.3; golden case 34), checked in the OAuth library's order:
 * client, code (unknown, used or expired), PKCE verifier (S256 or plain), redirect URI; only then is the
 * code used up, so a wrong verifier or redirect URI leaves it valid. MFA users get an attempt code.
 */
const authorizationCodeGrant: GrantHandler = async (ctx, body) => {
  authenticateOAuthClient(ctx, body);
  if (typeof body.code !== "string" || body.code === "") {
    return oauthError("invalid_request", "Missing parameter: `code`");
  }
  const { store, clock } = ctx.state;
  const record = store.oauthCodes.get(body.code);
  if (!record || record.used || record.expiresAtMillis < clock.now())
    throw knownErrors.invalidAuthorizationCode();
  const verifier = typeof body.code_verifier === "string" ? body.code_verifier : "";
  if (
    verifier === "" ||
    (await pkceChallenge(verifier, record.codeChallengeMethod)) !== record.codeChallenge
  ) {
    throw knownErrors.invalidAuthorizationCode();
  }
  const redirectUri = body.redirect_uri;
  if (typeof redirectUri !== "string" || !isAbsoluteUrl(redirectUri)) {
    return oauthError("invalid_request", "Invalid request: `redirect_uri` is not a valid URI");
  }
  if (redirectUri !== record.redirectUri) {
    throw new StatusError(
      400,
      "Invalid redirect URI. Your redirect URI must be the same as the one used to get the authorization code.",
    );
  }
  record.used = true;
  const user = store.users.get(record.userId);
  if (!user) throw knownErrors.invalidAuthorizationCode();
  assertNoMfaRequired(ctx.state, user, record.isNewUser);
  const session = store.createSession(clock.now(), user.id);
  return jsonResponse(
    200,
    {
      access_token: await issueAccessToken(ctx, user, session),
      token_type: "Bearer",
      expires_in: 3600,
      refresh_token: session.refreshToken,
      scope: "legacy",
      newUser: record.isNewUser,
      is_new_user: record.isNewUser,
      afterCallbackRedirectUrl: record.afterCallbackRedirectUrl,
      after_callback_redirect_url: record.afterCallbackRedirectUrl,
    },
    TOKEN_HEADERS,
  );
};

export const grantHandlers: Record<string, GrantHandler> = {
  refresh_token: refreshTokenGrant,
  authorization_code: authorizationCodeGrant,
};

/** `POST /auth/oauth/token` (CLIENT-API §2.3 A, §5.3). Sent without `X-Stack-*` headers by the official client. */
export const oauthTokenRoutes: Route[] = [
  {
    method: "POST",
    path: "/auth/oauth/token",
    auth: "optional",
    handler(ctx) {
      const body: TokenRequest =
        typeof ctx.body === "object" && ctx.body !== null && !Array.isArray(ctx.body)
          ? (ctx.body as TokenRequest)
          : {};
      const grantType = body.grant_type;
      if (typeof grantType !== "string" || grantType === "") {
        return oauthError("invalid_request", "Missing parameter: `grant_type`");
      }
      const grant = grantHandlers[grantType];
      if (!grant)
        return oauthError("unsupported_grant_type", "Unsupported grant type: `grant_type` is invalid");
      return grant(ctx, body);
    },
  },
];

import { knownErrors } from "../http/known-errors.js";
import { jsonResponse } from "../http/responses.js";
import type { Route, RouteContext } from "../router.js";
import { issueAccessToken } from "../session-tokens.js";

/** Token endpoint body (form-encoded or JSON); all values are strings. */
export type TokenRequest = Record<string, unknown>;

/** A grant type of `POST /auth/oauth/token`. The authorization-code grant slots in here later. */
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

export const grantHandlers: Record<string, GrantHandler> = {
  refresh_token: refreshTokenGrant,
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

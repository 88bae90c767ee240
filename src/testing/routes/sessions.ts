import { knownErrors } from "../http/known-errors.js";
import { jsonResponse } from "../http/responses.js";
import { requireHeader, validateBody } from "../http/validate.js";
import type { Route } from "../router.js";
import { issueAccessToken } from "../session-tokens.js";

/**
 * The cloud's own failure on a second sign-out with the same access token (golden case 18): the
 * session row is already gone and an assertion fails with a 500. Reproduced so clients are tested
 * against it (a failed sign-out must still count as signed out).
 */
class StackAssertionError extends Error {
  override name = "StackAssertionError";
}

/** Refresh (§2.3 B), sign-out (§2.4), and the server-only session creation (case 21). */
export const sessionRoutes: Route[] = [
  {
    method: "POST",
    path: "/auth/sessions/current/refresh",
    auth: "required",
    async handler(ctx) {
      const refreshToken = requireHeader(ctx, "x-stack-refresh-token");
      const { store, clock } = ctx.state;
      const session = store.findSessionByRefreshToken(clock.now(), refreshToken);
      const user = session && store.users.get(session.userId);
      if (!session || !user) throw knownErrors.refreshTokenNotFoundOrExpired();
      session.lastUsedAtMillis = clock.now();
      return jsonResponse(200, { access_token: await issueAccessToken(ctx, user, session) });
    },
  },
  {
    method: "DELETE",
    path: "/auth/sessions/current",
    auth: "required",
    handler(ctx) {
      validateBody(ctx, {}, { required: false });
      const token = ctx.auth?.token;
      // Without an access token the cloud answers ACCESS_TOKEN_EXPIRED with null ids (a transition hack).
      if (!token) throw knownErrors.accessTokenExpired(new Date(ctx.state.clock.now()), null, null, null);
      if (!ctx.state.store.sessions.delete(token.refresh_token_id)) {
        throw new StackAssertionError(
          "Expected to insert 1 DeletedRow entry for ProjectUserRefreshToken, got 0.",
        );
      }
      return jsonResponse(200, { success: true });
    },
  },
  {
    method: "POST",
    path: "/auth/sessions",
    auth: "required",
    handler() {
      throw knownErrors.insufficientAccessType("client", ["server", "admin"]);
    },
  },
];

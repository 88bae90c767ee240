import { knownErrors } from "./http/known-errors.js";
import { assertNoProblems } from "./http/schema.js";
import type { RouteContext } from "./router.js";
import type { UserRecord } from "./store.js";

/** The signed-in user of a `…/me` route; without one the cloud answers CANNOT_GET_OWN_USER_WITHOUT_USER. */
export function requireUser(ctx: RouteContext): UserRecord {
  const user = ctx.auth?.user;
  if (!user) throw knownErrors.cannotGetOwnUserWithoutUser();
  return user;
}

/**
 * The signed-in user of a route whose schema demands one (passkey registration, legacy
 * send-verification-code…): without one the cloud answers SCHEMA_ERROR "auth.user must be defined".
 */
export function requireSchemaUser(ctx: RouteContext): UserRecord {
  const user = ctx.auth?.user;
  if (!user) assertNoProblems(ctx.request.method, ctx.pathname, ["auth.user must be defined"]);
  return user as UserRecord;
}

/**
 * A `user_id` parameter of a client request: `me` or the caller's own id (else the route's 403 text).
 * Without a signed-in user: CANNOT_GET_OWN_USER_WITHOUT_USER.
 */
export function requireOwnUserId(
  ctx: RouteContext,
  userId: string | null | undefined,
  onOther: () => never,
): UserRecord {
  const user = requireUser(ctx);
  if (userId !== "me" && userId !== user.id) onOther();
  return user;
}

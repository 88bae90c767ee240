import { knownErrors } from "./http/known-errors.js";
import type { RouteContext } from "./router.js";
import type { UserRecord } from "./store.js";

/** The signed-in user of a `…/me` route; without one the cloud answers CANNOT_GET_OWN_USER_WITHOUT_USER. */
export function requireUser(ctx: RouteContext): UserRecord {
  const user = ctx.auth?.user;
  if (!user) throw knownErrors.cannotGetOwnUserWithoutUser();
  return user;
}

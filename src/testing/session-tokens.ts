import type { RouteContext } from "./router.js";
import type { EmulatorState } from "./state.js";
import type { SessionRecord, UserRecord } from "./store.js";
import { signAccessToken } from "./tokens.js";
import { userClaims } from "./user-view.js";

/** A fresh access token for a session, describing the user as they are now. */
export function issueAccessToken(
  ctx: RouteContext,
  user: UserRecord,
  session: SessionRecord,
): Promise<string> {
  return signAccessTokenFor(ctx.state, ctx.url.origin, user, session);
}

/** Same, outside a request: `origin` is the API origin the token claims to come from (`iss`). */
export function signAccessTokenFor(
  state: EmulatorState,
  origin: string,
  user: UserRecord,
  session: SessionRecord,
): Promise<string> {
  return signAccessToken({
    keys: state.keys,
    user: userClaims(state.store, state.options.config, user),
    projectId: state.options.projectId,
    sessionId: session.id,
    origin,
    nowMs: state.clock.now(),
    lifetimeSeconds: state.options.accessTokenLifetimeSeconds,
  });
}

export interface SignInResult {
  access_token: string;
  refresh_token: string;
  user_id: string;
}

/** Starts a new session (a new refresh token) for the user: the body of every sign-in/sign-up. */
export async function startSession(ctx: RouteContext, user: UserRecord): Promise<SignInResult> {
  const session = ctx.state.store.createSession(ctx.state.clock.now(), user.id);
  return {
    access_token: await issueAccessToken(ctx, user, session),
    refresh_token: session.refreshToken,
    user_id: user.id,
  };
}

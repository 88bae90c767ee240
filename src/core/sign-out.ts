import type { ResolvedConfig } from "./config.js";
import { apiRequest } from "./http.js";
import { isFresh, refreshGrant } from "./session.js";
import type { Tokens } from "./token-store.js";

/**
 * Ends a session on the server (§2.4), best effort, after it has ended locally. The DELETE needs a valid
 * access token, so a stale one is exchanged first, outside the (already cleared) store. Network down, the
 * session already gone (401) or the backend's 500 on a second sign-out (golden README item 1): nothing the
 * user could act on, so nothing is thrown.
 */
export async function endServerSession(cfg: ResolvedConfig, tokens: Tokens): Promise<void> {
  try {
    const accessToken = isFresh(tokens.accessToken)
      ? tokens.accessToken
      : (await refreshGrant(cfg, tokens.refreshToken)).access_token;
    await apiRequest(cfg, "/auth/sessions/current", {
      method: "DELETE",
      body: {},
      tokens: { ...tokens, accessToken },
    });
  } catch {}
}

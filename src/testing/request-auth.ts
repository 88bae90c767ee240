import { knownErrors } from "./http/known-errors.js";
import type { EmulatorState } from "./state.js";
import type { UserRecord } from "./store.js";
import { type AccessTokenClaims, verifyAccessToken } from "./tokens.js";

/** Who is calling, once the `X-Stack-*` headers have been checked. */
export interface RequestAuth {
  accessType: "client";
  projectId: string;
  /** The verified access token, when one was sent. */
  token: AccessTokenClaims | null;
  /** The token's user; null without a token, or when that user was deleted (golden README item 9). */
  user: UserRecord | null;
}

const ACCESS_TYPES = new Set(["client", "server", "admin"]);

/**
 * Header checks in the cloud's order (CLIENT-API §1.2, §1.5, golden cases 1–7, 31): access type,
 * project, keys, then the access token, which fails every route when present but invalid.
 * Returns null when the request carries no access type and no keys (routes decide if that is fine).
 */
export async function resolveAuth(state: EmulatorState, headers: Headers): Promise<RequestAuth | null> {
  const header = (name: string) => {
    const value = headers.get(name);
    return value === null || value === "" ? null : value;
  };
  const { options } = state;
  const accessType = header("x-stack-access-type");
  const hasKey =
    header("x-stack-publishable-client-key") !== null ||
    header("x-stack-secret-server-key") !== null ||
    header("x-stack-super-secret-admin-key") !== null ||
    header("x-stack-admin-access-token") !== null;

  if (accessType === null) {
    if (hasKey) throw knownErrors.projectKeyWithoutAccessType();
    return null;
  }
  if (!ACCESS_TYPES.has(accessType)) throw knownErrors.invalidAccessType(accessType);
  const projectId = header("x-stack-project-id");
  if (projectId === null) throw knownErrors.accessTypeWithoutProjectId(accessType);
  if (projectId !== options.projectId) throw knownErrors.currentProjectNotFound(projectId);
  const branchId = header("x-stack-branch-id");
  if (branchId !== null && branchId !== "main") throw knownErrors.branchDoesNotExist(branchId);

  // The emulator only knows client access; server/admin requests fail on their keys.
  if (accessType === "server") {
    if (header("x-stack-secret-server-key") === null) throw knownErrors.serverAuthenticationRequired();
    throw knownErrors.invalidSecretServerKey(projectId);
  }
  if (accessType === "admin") {
    if (header("x-stack-super-secret-admin-key") === null) throw knownErrors.adminAuthenticationRequired();
    throw knownErrors.invalidSuperSecretAdminKey(projectId);
  }

  const key = header("x-stack-publishable-client-key");
  if (key !== null && key !== options.publishableClientKey)
    throw knownErrors.invalidPublishableClientKey(projectId);
  if (key === null && options.requirePublishableClientKey) {
    throw knownErrors.publishableClientKeyRequiredForProject(projectId);
  }

  const accessToken = header("x-stack-access-token");
  if (accessToken === null) return { accessType: "client", projectId, token: null, user: null };

  const token = await verifyAccessToken(state.keys, accessToken, projectId, state.clock.now());
  const allowAnonymous = headers.get("x-stack-allow-anonymous-user") === "true";
  const allowRestricted = allowAnonymous || headers.get("x-stack-allow-restricted-user") === "true";
  if (token.is_anonymous && !allowAnonymous) throw knownErrors.anonymousAuthenticationNotAllowed();
  if (token.is_restricted && !allowRestricted) {
    throw knownErrors.restrictedUserNotAllowed(token.restricted_reason ?? { type: "anonymous" });
  }
  return { accessType: "client", projectId, token, user: state.store.users.get(token.sub) ?? null };
}

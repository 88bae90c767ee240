import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, SignJWT } from "jose";
import { KnownError } from "./http/errors.js";
import { knownErrors, type RestrictedReason } from "./http/known-errors.js";
import type { KeyRing, TokenAudience } from "./keys.js";

/** All 18 claims of a Stack access token, in the order the cloud writes them (golden/jwt-shape.json). */
export interface AccessTokenClaims {
  sub: string;
  project_id: string;
  branch_id: string;
  refresh_token_id: string;
  role: "authenticated";
  name: string | null;
  email: string | null;
  email_verified: boolean;
  selected_team_id: string | null;
  signed_up_at: number;
  is_anonymous: boolean;
  is_restricted: boolean;
  restricted_reason: RestrictedReason | null;
  requires_totp_mfa: boolean;
  iss: string;
  iat: number;
  aud: string;
  exp: number;
}

/** Claims that describe the user; the rest come from the session and the issuing request. */
export type UserClaims = Pick<
  AccessTokenClaims,
  | "sub"
  | "name"
  | "email"
  | "email_verified"
  | "selected_team_id"
  | "signed_up_at"
  | "is_anonymous"
  | "is_restricted"
  | "restricted_reason"
  | "requires_totp_mfa"
>;

export function audienceOf(claims: Pick<AccessTokenClaims, "is_anonymous" | "is_restricted">): TokenAudience {
  if (claims.is_anonymous) return "anonymous";
  return claims.is_restricted ? "restricted" : "normal";
}

const ISSUER_SEGMENT: Record<TokenAudience, string> = {
  normal: "projects",
  restricted: "projects-restricted-users",
  anonymous: "projects-anonymous-users",
};
const AUDIENCE_SUFFIX: Record<TokenAudience, string> = {
  normal: "",
  restricted: ":restricted",
  anonymous: ":anon",
};

export interface SignInput {
  keys: KeyRing;
  user: UserClaims;
  projectId: string;
  sessionId: string;
  /** Origin of the request that asked for the token; `iss` is built from it. */
  origin: string;
  nowMs: number;
  lifetimeSeconds: number;
}

export async function signAccessToken(input: SignInput): Promise<string> {
  const audience = audienceOf(input.user);
  const iat = Math.floor(input.nowMs / 1000);
  // Key order matters to strict clients comparing shapes, so the payload is built in one literal.
  const claims: AccessTokenClaims = {
    sub: input.user.sub,
    project_id: input.projectId,
    branch_id: "main",
    refresh_token_id: input.sessionId,
    role: "authenticated",
    name: input.user.name,
    email: input.user.email,
    email_verified: input.user.email_verified,
    selected_team_id: input.user.selected_team_id,
    signed_up_at: input.user.signed_up_at,
    is_anonymous: input.user.is_anonymous,
    is_restricted: input.user.is_restricted,
    restricted_reason: input.user.restricted_reason,
    requires_totp_mfa: input.user.requires_totp_mfa,
    iss: `${input.origin}/api/v1/${ISSUER_SEGMENT[audience]}/${input.projectId}`,
    iat,
    aud: `${input.projectId}${AUDIENCE_SUFFIX[audience]}`,
    exp: iat + input.lifetimeSeconds,
  };
  const { kid, privateKey } = await input.keys.signingKey(audience);
  return new SignJWT({ ...claims }).setProtectedHeader({ alg: "ES256", kid }).sign(privateKey);
}

/**
 * Checks an access token the way the cloud does before any route runs (CLIENT-API §1.5):
 * unparsable → `UNPARSABLE_ACCESS_TOKEN`; another project's token → `INVALID_PROJECT_FOR_ACCESS_TOKEN`
 * (checked before the signature, since another emulator signs with other keys, while on the cloud
 * all projects share them); bad signature → unparsable; past `exp` → `ACCESS_TOKEN_EXPIRED`.
 */
export async function verifyAccessToken(
  keys: KeyRing,
  token: string,
  projectId: string,
  nowMs: number,
): Promise<AccessTokenClaims> {
  let unverified: Record<string, unknown>;
  let kid: string | undefined;
  try {
    unverified = decodeJwt(token);
    kid = decodeProtectedHeader(token).kid;
  } catch {
    throw knownErrors.unparsableAccessToken();
  }
  const tokenProject = unverified.project_id;
  if (typeof tokenProject !== "string") throw knownErrors.unparsableAccessToken();
  if (tokenProject !== projectId) throw knownErrors.invalidProjectForAccessToken(projectId, tokenProject);

  const key = kid === undefined ? undefined : await keys.findByKid(kid);
  if (!key) throw knownErrors.unparsableAccessToken();
  try {
    const { payload } = await jwtVerify(token, key.publicKey, {
      algorithms: ["ES256"],
      currentDate: new Date(nowMs),
      clockTolerance: 0,
    });
    const claims = payload as unknown as AccessTokenClaims;
    if (typeof claims.sub !== "string" || typeof claims.refresh_token_id !== "string") {
      throw knownErrors.unparsableAccessToken();
    }
    if (audienceOf(claims) !== key.audience) throw knownErrors.unparsableAccessToken();
    return claims;
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      const str = (v: unknown) => (typeof v === "string" ? v : null);
      const exp = typeof unverified.exp === "number" ? unverified.exp * 1000 : nowMs;
      throw knownErrors.accessTokenExpired(
        new Date(exp),
        str(unverified.project_id),
        str(unverified.sub),
        str(unverified.refresh_token_id),
      );
    }
    if (error instanceof KnownError) throw error;
    throw knownErrors.unparsableAccessToken();
  }
}

/** Access-token claims (CLIENT-API.md §2.1). Read for display and timing only: never trusted for authorisation. */
export interface JwtClaims {
  sub?: string;
  exp?: number;
  iat?: number;
  iss?: string;
  aud?: string;
  project_id?: string;
  branch_id?: string;
  refresh_token_id?: string;
  name?: string | null;
  email?: string | null;
  email_verified?: boolean;
  selected_team_id?: string | null;
  is_anonymous?: boolean;
  is_restricted?: boolean;
  [claim: string]: unknown;
}

/** Decodes (never verifies) the payload of a JWT; null for anything that is not one. */
export function decodeJwtPayload(jwt: string): JwtClaims | null {
  try {
    const part = jwt.split(".")[1] ?? "";
    // base64url → base64; atob accepts the missing padding
    const binary = atob(part.replace(/-/g, "+").replace(/_/g, "/"));
    const claims: unknown = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))),
    );
    return claims && typeof claims === "object" && !Array.isArray(claims) ? (claims as JwtClaims) : null;
  } catch {
    return null;
  }
}

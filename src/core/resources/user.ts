import { isStackError } from "../errors.js";
import type { Session } from "../session.js";

export interface CurrentUser {
  id: string;
  displayName: string | null;
  primaryEmail: string | null;
  primaryEmailVerified: boolean;
  profileImageUrl: string | null;
  signedUpAt: Date;
  hasPassword: boolean;
  isAnonymous: boolean;
  isRestricted: boolean;
  restrictedReason: { type: "anonymous" | "email_not_verified" | "restricted_by_administrator" } | null;
  otpAuthEnabled: boolean;
  passkeyAuthEnabled: boolean;
  requiresTotpMfa: boolean;
  authWithEmail: boolean;
  oauthProviders: { id: string; accountId: string; email: string | null }[];
  clientMetadata: unknown;
  clientReadOnlyMetadata: unknown;
  selectedTeamId: string | null;
  selectedTeam: {
    id: string;
    displayName: string;
    profileImageUrl: string | null;
    clientMetadata: unknown;
    clientReadOnlyMetadata: unknown;
  } | null;
}

/** What `PATCH /users/me` accepts from a client (§6); anything else is a SCHEMA_ERROR on the server. */
export interface UserUpdate {
  displayName?: string | null;
  clientMetadata?: unknown;
  /** A `data:image/…;base64,` URL (the server hosts it) or null; http(s) URLs are refused. */
  profileImageUrl?: string | null;
  selectedTeamId?: string | null;
  primaryEmail?: string | null;
  otpAuthEnabled?: boolean;
  passkeyAuthEnabled?: boolean;
  totpSecretBase64?: string | null;
}

// biome-ignore lint/suspicious/noExplicitAny: wire JSON, mapped field by field below
type Wire = Record<string, any>;

const toTeam = (t: Wire | null | undefined): CurrentUser["selectedTeam"] =>
  t
    ? {
        id: t.id,
        displayName: t.display_name,
        profileImageUrl: t.profile_image_url,
        clientMetadata: t.client_metadata,
        clientReadOnlyMetadata: t.client_read_only_metadata,
      }
    : null;

/** The snake_case client user of `/users/me` → CurrentUser. */
export const toCurrentUser = (u: Wire): CurrentUser => ({
  id: u.id,
  displayName: u.display_name,
  primaryEmail: u.primary_email,
  primaryEmailVerified: u.primary_email_verified,
  profileImageUrl: u.profile_image_url,
  signedUpAt: new Date(u.signed_up_at_millis),
  hasPassword: u.has_password,
  isAnonymous: u.is_anonymous,
  isRestricted: u.is_restricted,
  restrictedReason: u.restricted_reason,
  otpAuthEnabled: u.otp_auth_enabled,
  passkeyAuthEnabled: u.passkey_auth_enabled,
  requiresTotpMfa: u.requires_totp_mfa,
  authWithEmail: u.auth_with_email,
  oauthProviders: (u.oauth_providers ?? []).map((p: Wire) => ({
    id: p.id,
    accountId: p.account_id,
    email: p.email,
  })),
  clientMetadata: u.client_metadata,
  clientReadOnlyMetadata: u.client_read_only_metadata,
  selectedTeamId: u.selected_team_id,
  selectedTeam: toTeam(u.selected_team),
});

/** `GET /users/me`; null when signed out, without a request when there is no session at all. */
export async function getUser(session: Session, signal?: AbortSignal): Promise<CurrentUser | null> {
  if (!(await session.getLikelyValidTokens())) return null;
  try {
    return toCurrentUser(await session.request<Wire>("/users/me", { signal }));
  } catch (e) {
    if (isStackError(e, "CANNOT_GET_OWN_USER_WITHOUT_USER")) return null;
    throw e;
  }
}

/** `PATCH /users/me` with camelCase keys turned into the wire's snake_case (top level only: metadata is opaque). */
export async function updateUser(session: Session, patch: UserUpdate): Promise<CurrentUser> {
  const body: Wire = {};
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) body[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = value;
  }
  const user = toCurrentUser(await session.request<Wire>("/users/me", { method: "PATCH", body }));
  // The access token's claims (name, email, team…) are stale now: make the next request fetch a new one (§2.1).
  session.dropAccessToken();
  return user;
}

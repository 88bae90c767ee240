import type { RestrictedReason } from "./http/known-errors.js";
import type { ProjectConfig } from "./options.js";
import type { MemoryStore, TeamRecord, UserRecord } from "./store.js";
import type { UserClaims } from "./tokens.js";

// How a stored user looks from the outside: the client user JSON of `/users/me` and the user
// claims of access tokens. Both are derived from the same record so they never disagree.

export function restrictedReasonOf(
  store: MemoryStore,
  config: ProjectConfig,
  user: UserRecord,
): RestrictedReason | null {
  if (user.isAnonymous) return { type: "anonymous" };
  if (config.requireEmailVerification && !store.primaryChannel(user.id)?.isVerified) {
    return { type: "email_not_verified" };
  }
  if (user.restrictedByAdmin) return { type: "restricted_by_administrator" };
  return null;
}

export function clientTeamJson(team: TeamRecord): Record<string, unknown> {
  return {
    client_metadata: team.clientMetadata,
    client_read_only_metadata: team.clientReadOnlyMetadata,
    display_name: team.displayName,
    id: team.id,
    profile_image_url: team.profileImageUrl,
  };
}

/** `GET /users/me` body, keys in the order the cloud sends them. */
export function clientUserJson(
  store: MemoryStore,
  config: ProjectConfig,
  user: UserRecord,
): Record<string, unknown> {
  const primary = store.primaryChannel(user.id);
  const reason = restrictedReasonOf(store, config, user);
  const selectedTeam = user.selectedTeamId ? store.teams.get(user.selectedTeamId) : undefined;
  return {
    restricted_by_admin_reason: user.restrictedByAdminReason,
    restricted_by_admin: user.restrictedByAdmin,
    restricted_reason: reason,
    is_restricted: reason !== null,
    is_anonymous: user.isAnonymous,
    passkey_auth_enabled: user.passkeys.length > 0,
    otp_auth_enabled: user.otpAuthEnabled,
    requires_totp_mfa: user.totpSecretBase64 !== null,
    selected_team_id: selectedTeam ? selectedTeam.id : null,
    oauth_providers: user.oauthAccounts.map((a) => ({
      id: a.providerId,
      account_id: a.accountId,
      email: a.email,
    })),
    auth_with_email: primary?.usedForAuth ?? false,
    has_password: user.password !== null,
    signed_up_at_millis: user.signedUpAtMillis,
    profile_image_url: user.profileImageUrl,
    client_read_only_metadata: user.clientReadOnlyMetadata,
    client_metadata: user.clientMetadata,
    display_name: user.displayName,
    primary_email_verified: primary?.isVerified ?? false,
    primary_email: primary?.value ?? null,
    id: user.id,
    selected_team: selectedTeam ? clientTeamJson(selectedTeam) : null,
  };
}

export function userClaims(store: MemoryStore, config: ProjectConfig, user: UserRecord): UserClaims {
  const primary = store.primaryChannel(user.id);
  const reason = restrictedReasonOf(store, config, user);
  return {
    sub: user.id,
    name: user.displayName,
    email: primary?.value ?? null,
    email_verified: primary?.isVerified ?? false,
    selected_team_id: user.selectedTeamId,
    signed_up_at: Math.floor(user.signedUpAtMillis / 1000),
    is_anonymous: user.isAnonymous,
    is_restricted: reason !== null,
    restricted_reason: reason,
    requires_totp_mfa: user.totpSecretBase64 !== null,
  };
}

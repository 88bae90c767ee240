import { REFRESH_TOKEN_LIFETIME_MS } from "./constants.js";
import { randomBase32, randomUuid } from "./random.js";

// The emulator's in-memory data. Plain records and maps; routes hold the rules.
// Passwords are kept as given: this is a throw-away test double that never persists anything.

export interface UserRecord {
  id: string;
  displayName: string | null;
  password: string | null;
  profileImageUrl: string | null;
  clientMetadata: unknown;
  clientReadOnlyMetadata: unknown;
  serverMetadata: unknown;
  selectedTeamId: string | null;
  signedUpAtMillis: number;
  isAnonymous: boolean;
  otpAuthEnabled: boolean;
  totpSecretBase64: string | null;
  /** Registered passkeys (the cloud keeps one per user); `passkey_auth_enabled` is derived from this. */
  passkeys: PasskeyRecord[];
  oauthAccounts: { providerId: string; accountId: string; email: string | null }[];
  restrictedByAdmin: boolean;
  restrictedByAdminReason: string | null;
}

export interface PasskeyRecord {
  /** base64url credential id (also the `user_handle` the register route answers). */
  credentialId: string;
  /** COSE public key, as `verifyRegistrationResponse` returns it. */
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
}

export interface ContactChannelRecord {
  id: string;
  userId: string;
  type: "email";
  value: string;
  isPrimary: boolean;
  isVerified: boolean;
  usedForAuth: boolean;
  createdAtMillis: number;
}

export interface SessionRecord {
  /** Also the `refresh_token_id` claim of access tokens issued for this session. */
  id: string;
  userId: string;
  refreshToken: string;
  createdAtMillis: number;
  lastUsedAtMillis: number;
  expiresAtMillis: number;
}

/** A one-time code: email verification, magic link, password reset, MFA attempt… */
export interface CodeRecord {
  code: string;
  kind: string;
  data: Record<string, unknown>;
  createdAtMillis: number;
  expiresAtMillis: number;
  usedAtMillis: number | null;
  attempts: number;
}

export interface TeamRecord {
  id: string;
  displayName: string;
  profileImageUrl: string | null;
  clientMetadata: unknown;
  clientReadOnlyMetadata: unknown;
  createdAtMillis: number;
}

export interface TeamMembershipRecord {
  teamId: string;
  userId: string;
  permissionIds: string[];
}

/** An OAuth flow between `authorize` and the provider's callback, keyed by the inner state (CLIENT-API §5). */
export interface OAuthFlowRecord {
  innerState: string;
  innerCodeVerifier: string;
  providerId: string;
  /** The outer (app ↔ Stack) request. */
  redirectUri: string;
  state: string;
  scope: string;
  codeChallenge: string;
  codeChallengeMethod: string;
  type: "authenticate" | "link";
  /** The user of the `token` query parameter (anonymous upgrade, or the user to link). */
  userId: string | null;
  errorRedirectUrl: string | null;
  afterCallbackRedirectUrl: string | null;
  expiresAtMillis: number;
}

/** An outer authorization code, exchanged at `POST /auth/oauth/token`. */
export interface OAuthCodeRecord {
  code: string;
  userId: string;
  isNewUser: boolean;
  redirectUri: string;
  codeChallenge: string;
  codeChallengeMethod: string;
  afterCallbackRedirectUrl: string | null;
  expiresAtMillis: number;
  used: boolean;
}

/** An authorization code of the mock OAuth provider (the inner flow). */
export interface ProviderCodeRecord {
  code: string;
  providerId: string;
  email: string;
  redirectUri: string;
  codeChallenge: string;
  codeChallengeMethod: string;
  expiresAtMillis: number;
  used: boolean;
}

export type NewUser = Partial<Omit<UserRecord, "id" | "signedUpAtMillis">>;

export class MemoryStore {
  readonly users = new Map<string, UserRecord>();
  readonly channels = new Map<string, ContactChannelRecord>();
  readonly sessions = new Map<string, SessionRecord>();
  readonly codes = new Map<string, CodeRecord>();
  readonly teams = new Map<string, TeamRecord>();
  readonly memberships: TeamMembershipRecord[] = [];
  readonly oauthFlows = new Map<string, OAuthFlowRecord>();
  readonly oauthCodes = new Map<string, OAuthCodeRecord>();
  readonly providerCodes = new Map<string, ProviderCodeRecord>();

  createUser(now: number, init: NewUser = {}): UserRecord {
    const user: UserRecord = {
      id: randomUuid(),
      displayName: null,
      password: null,
      profileImageUrl: null,
      clientMetadata: null,
      clientReadOnlyMetadata: null,
      serverMetadata: null,
      selectedTeamId: null,
      isAnonymous: false,
      otpAuthEnabled: false,
      totpSecretBase64: null,
      passkeys: [],
      oauthAccounts: [],
      restrictedByAdmin: false,
      restrictedByAdminReason: null,
      ...init,
      signedUpAtMillis: now,
    };
    this.users.set(user.id, user);
    return user;
  }

  /** Removes a user and everything that belongs to them. */
  deleteUser(userId: string): void {
    this.users.delete(userId);
    for (const [id, channel] of this.channels) if (channel.userId === userId) this.channels.delete(id);
    this.deleteSessionsOfUser(userId);
    for (let i = this.memberships.length - 1; i >= 0; i--) {
      if (this.memberships[i]?.userId === userId) this.memberships.splice(i, 1);
    }
  }

  addChannel(now: number, init: Omit<ContactChannelRecord, "id" | "createdAtMillis">): ContactChannelRecord {
    if (init.isPrimary) {
      for (const channel of this.channelsOf(init.userId)) channel.isPrimary = false;
    }
    const channel: ContactChannelRecord = { id: randomUuid(), createdAtMillis: now, ...init };
    this.channels.set(channel.id, channel);
    return channel;
  }

  channelsOf(userId: string): ContactChannelRecord[] {
    return [...this.channels.values()].filter((c) => c.userId === userId);
  }

  primaryChannel(userId: string): ContactChannelRecord | undefined {
    return this.channelsOf(userId).find((c) => c.isPrimary);
  }

  /** The channel some user signs in with for this address (emails compare case-insensitively). */
  findAuthChannel(email: string): ContactChannelRecord | undefined {
    const wanted = email.toLowerCase();
    return [...this.channels.values()].find((c) => c.usedForAuth && c.value.toLowerCase() === wanted);
  }

  findUserByEmail(email: string): UserRecord | undefined {
    const channel = this.findAuthChannel(email);
    return channel ? this.users.get(channel.userId) : undefined;
  }

  createSession(now: number, userId: string): SessionRecord {
    const session: SessionRecord = {
      id: randomUuid(),
      userId,
      refreshToken: randomBase32(45),
      createdAtMillis: now,
      lastUsedAtMillis: now,
      expiresAtMillis: now + REFRESH_TOKEN_LIFETIME_MS,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session of a refresh token, if any (expired ones are dropped). */
  findSessionByRefreshToken(now: number, refreshToken: string): SessionRecord | undefined {
    for (const session of this.sessions.values()) {
      if (session.refreshToken !== refreshToken) continue;
      if (session.expiresAtMillis <= now || !this.users.has(session.userId)) {
        this.sessions.delete(session.id);
        return undefined;
      }
      return session;
    }
    return undefined;
  }

  /** Deletes every session of a user except `keepSessionId`; returns how many were deleted. */
  deleteSessionsOfUser(userId: string, keepSessionId?: string): number {
    let count = 0;
    for (const [id, session] of this.sessions) {
      if (session.userId === userId && id !== keepSessionId) {
        this.sessions.delete(id);
        count++;
      }
    }
    return count;
  }

  createCode(now: number, kind: string, lifetimeMs: number, data: Record<string, unknown>): CodeRecord {
    const record: CodeRecord = {
      code: randomBase32(45),
      kind,
      data,
      createdAtMillis: now,
      expiresAtMillis: now + lifetimeMs,
      usedAtMillis: null,
      attempts: 0,
    };
    this.codes.set(record.code, record);
    return record;
  }

  teamsOf(userId: string): TeamRecord[] {
    return this.memberships
      .filter((m) => m.userId === userId)
      .map((m) => this.teams.get(m.teamId))
      .filter((t): t is TeamRecord => t !== undefined);
  }
}

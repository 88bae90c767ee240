import {
  DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS,
  DEFAULT_DISPLAY_NAME,
  LOCAL_PROJECT_ID,
  LOCAL_PUBLISHABLE_CLIENT_KEY,
} from "./defaults.js";

/** A user that exists when the emulator starts. */
export interface SeedUser {
  email: string;
  /** Omit for a user without password auth (e.g. one who signs in with magic links). */
  password?: string;
  displayName?: string;
  /** Default false, like a fresh password sign-up. */
  primaryEmailVerified?: boolean;
  /** Turns on TOTP MFA for this user (`requires_totp_mfa: true`). */
  totpSecretBase64?: string;
}

/** A trusted domain: `https://app.example.com`, `https://*.example.com` or `https://**.example.com`. */
export interface TrustedDomain {
  domain: string;
  /** Default `/handler`. */
  handlerPath?: string;
}

/**
 * Project configuration. Defaults are those of the projects the golden recordings were made on:
 * password, magic link and sign-up on; passkeys, OAuth, client team creation and client user
 * deletion off; no email verification required; no publishable key required.
 */
export interface ProjectConfigOptions {
  signUpEnabled?: boolean;
  credentialEnabled?: boolean;
  magicLinkEnabled?: boolean;
  passkeyEnabled?: boolean;
  /** Enabled OAuth provider ids, e.g. `["github", "google"]`. Default none. */
  oauthProviders?: string[];
  clientTeamCreationEnabled?: boolean;
  clientUserDeletionEnabled?: boolean;
  allowUserApiKeys?: boolean;
  allowTeamApiKeys?: boolean;
  /** Users with an unverified primary email are restricted (`email_not_verified`). Default false. */
  requireEmailVerification?: boolean;
}

export interface EmulatorOptions extends ProjectConfigOptions {
  /** Default `LOCAL_PROJECT_ID`. */
  projectId?: string;
  /** Default `LOCAL_PUBLISHABLE_CLIENT_KEY`. A wrong key is always refused when sent. */
  publishableClientKey?: string;
  /** Project display name, used in email subjects. */
  displayName?: string;
  /** Refuse client requests without a publishable key. Default false (as for new cloud projects). */
  requirePublishableClientKey?: boolean;
  /** Extra trusted domains for callback URLs. `localhost` and `127.0.0.1` on any port are always trusted. */
  trustedDomains?: (string | TrustedDomain)[];
  /** Access token lifetime. Default 600 s, the cloud's default. */
  accessTokenLifetimeSeconds?: number;
  seedUsers?: SeedUser[];
  /** Base clock in epoch ms; `emulator.clock.advance(ms)` moves on top of it. Default `Date.now`. */
  now?: () => number;
  /** Delay added to every API response, in ms. Default 0. */
  latencyMs?: number;
}

export interface ProjectConfig {
  signUpEnabled: boolean;
  credentialEnabled: boolean;
  magicLinkEnabled: boolean;
  passkeyEnabled: boolean;
  oauthProviders: string[];
  clientTeamCreationEnabled: boolean;
  clientUserDeletionEnabled: boolean;
  allowUserApiKeys: boolean;
  allowTeamApiKeys: boolean;
  requireEmailVerification: boolean;
}

export interface ResolvedOptions {
  projectId: string;
  publishableClientKey: string;
  displayName: string;
  requirePublishableClientKey: boolean;
  trustedDomains: Required<TrustedDomain>[];
  accessTokenLifetimeSeconds: number;
  latencyMs: number;
  config: ProjectConfig;
}

export function resolveOptions(options: EmulatorOptions): ResolvedOptions {
  const lifetime = options.accessTokenLifetimeSeconds ?? DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS;
  if (!(lifetime > 0)) throw new RangeError("accessTokenLifetimeSeconds must be a positive number");
  return {
    projectId: options.projectId ?? LOCAL_PROJECT_ID,
    publishableClientKey: options.publishableClientKey ?? LOCAL_PUBLISHABLE_CLIENT_KEY,
    displayName: options.displayName ?? DEFAULT_DISPLAY_NAME,
    requirePublishableClientKey: options.requirePublishableClientKey ?? false,
    trustedDomains: (options.trustedDomains ?? []).map((d) =>
      typeof d === "string" ? { domain: d, handlerPath: "/handler" } : { handlerPath: "/handler", ...d },
    ),
    accessTokenLifetimeSeconds: lifetime,
    latencyMs: options.latencyMs ?? 0,
    config: {
      signUpEnabled: options.signUpEnabled ?? true,
      credentialEnabled: options.credentialEnabled ?? true,
      magicLinkEnabled: options.magicLinkEnabled ?? true,
      passkeyEnabled: options.passkeyEnabled ?? false,
      oauthProviders: [...(options.oauthProviders ?? [])],
      clientTeamCreationEnabled: options.clientTeamCreationEnabled ?? false,
      clientUserDeletionEnabled: options.clientUserDeletionEnabled ?? false,
      allowUserApiKeys: options.allowUserApiKeys ?? false,
      allowTeamApiKeys: options.allowTeamApiKeys ?? false,
      requireEmailVerification: options.requireEmailVerification ?? false,
    },
  };
}

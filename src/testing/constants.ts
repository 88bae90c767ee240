/** Refresh tokens (sessions) live one year from creation, like the cloud's default. */
export const REFRESH_TOKEN_LIFETIME_MS = 365 * 24 * 60 * 60 * 1000;

/** Email verification and similar codes live 7 days; MFA attempt codes 5 minutes (CLIENT-API §3, §8). */
export const VERIFICATION_CODE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
export const MFA_ATTEMPT_CODE_LIFETIME_MS = 5 * 60 * 1000;

/** Password rule of the cloud: 8..70 characters, nothing else. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 70;

/** Prefix of the API the emulator serves, and of its own helper routes (mailbox, faults…). */
export const API_PREFIX = "/api/v1";
export const DEV_PREFIX = "/__stack-emulator";

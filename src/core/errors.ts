/** Every failure the client reports: a server known error, or a local code for the other cases. */
export class StackError extends Error {
  /**
   * @param code server known-error code (UPPER_SNAKE), or a local one: "NETWORK_ERROR" (status 0),
   *   "RATE_LIMITED" (429 without a known code), "SERVER_ERROR" (5xx), "HTTP_ERROR" (other plain-text errors);
   *   from the flows in `auth/` (status 0): "OAUTH_POPUP_CLOSED" (a cancel, not a failure), "PASSKEY_WEBAUTHN_ERROR",
   *   "NO_PRIMARY_EMAIL"; OAuth error redirects keep the server's code with status 0
   * @param status the real HTTP status (after `x-stack-actual-status`), 0 when nothing came back
   */
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "StackError";
  }
}

/** Thrown by `createStackClient` / `resolveConfig` when the options are unsafe or incomplete. */
export class StackConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackConfigError";
  }
}

export function isStackError(e: unknown, code?: string): e is StackError {
  return e instanceof StackError && (code === undefined || e.code === code);
}

/** The invalid-access-token family (§1.4): only these 401s are cured by a refresh (§12.2). */
export const isAccessTokenError = (e: unknown): e is StackError =>
  isStackError(e) &&
  /^(UNPARSABLE_ACCESS_TOKEN|ACCESS_TOKEN_EXPIRED|INVALID_PROJECT_FOR_ACCESS_TOKEN)$/.test(e.code);

export type ErrorField = "email" | "password" | "code" | "form";

const FIELD_BY_CODE: Record<string, ErrorField> = {
  USER_EMAIL_ALREADY_EXISTS: "email",
  EMAIL_IS_NOT_PRIMARY_EMAIL: "email",
  PASSWORD_TOO_SHORT: "password",
  PASSWORD_TOO_LONG: "password",
  PASSWORD_CONFIRMATION_MISMATCH: "password",
  INVALID_TOTP_CODE: "code",
  VERIFICATION_CODE_NOT_FOUND: "code",
  VERIFICATION_CODE_EXPIRED: "code",
  VERIFICATION_CODE_ALREADY_USED: "code",
  VERIFICATION_CODE_MAX_ATTEMPTS_REACHED: "code",
};

/**
 * Which form field an error belongs to, so forms can show it inline. Anything not tied to one field
 * (EMAIL_PASSWORD_MISMATCH on purpose: it must not say which of the two was wrong) goes to "form".
 */
export function errorField(e: unknown): ErrorField {
  if (!isStackError(e)) return "form";
  if (e.code === "SCHEMA_ERROR") {
    // "Request validation failed on POST /api/v1/…:\n  - body.email must not be empty"
    const field = /body\.(?:\w+_)?(email|password|code|totp)\b/.exec(e.message)?.[1];
    return field === "totp" ? "code" : ((field as ErrorField | undefined) ?? "form");
  }
  return FIELD_BY_CODE[e.code] ?? "form";
}

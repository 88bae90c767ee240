import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./constants.js";
import { knownErrors } from "./http/known-errors.js";

/** The cloud's only password rule: 8..70 characters. */
export function assertPasswordRules(password: string): void {
  if (password.length < PASSWORD_MIN_LENGTH) throw knownErrors.passwordTooShort();
  if (password.length > PASSWORD_MAX_LENGTH) throw knownErrors.passwordTooLong();
}

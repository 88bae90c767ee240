import type { StackError } from "../core/index.js";

/** Every word the components show, in one table an app can override piece by piece. */
export const defaultStrings = {
  signInTitle: "Sign in",
  signUpTitle: "Create an account",
  email: "Email",
  password: "Password",
  signIn: "Sign in",
  signingIn: "Signing in…",
  signUp: "Create account",
  signingUp: "Creating account…",
  noAccount: "Don't have an account?",
  haveAccount: "Already have an account?",
  toSignUp: "Sign up",
  toSignIn: "Sign in",
  showPassword: "Show password",
  loading: "Loading…",
  redirecting: "Signed in. Taking you back…",
  alreadySignedIn: (email: string) => `You are signed in as ${email}.`,
  continue: "Continue",
  signOut: "Sign out",
  signingOut: "Signing out…",
  tryAgain: "Try again",
  accountMenu: (name: string) => `Account menu for ${name}`,
  passwordHint: "At least 8 characters.",
  passwordSignInDisabled: "Password sign-in is not enabled for this project.",
  signUpDisabled: "New accounts can't be created for this project.",
  emailRequired: "Enter your email address.",
  passwordRequired: "Enter your password.",
  // Error messages, by what went wrong.
  wrongCredentials: "Wrong email or password.",
  emailTaken: "An account with this email already exists. Sign in instead?",
  invalidEmail: "Enter a valid email address.",
  passwordTooShort: (min: number) => `Use at least ${min} characters.`,
  passwordTooLong: (max: number) => `Use at most ${max} characters.`,
  networkError: "Can't reach the server. Check your connection, then try again.",
  rateLimited: "Too many attempts. Wait a moment, then try again.",
  serverError: "Something went wrong on the server. Try again in a moment.",
  unknownError: "Something went wrong. Try again.",
};

export type Strings = typeof defaultStrings;

/** Errors a second attempt can fix: everything the user typed stays in the form for it. */
export function isRetryable(error: StackError): boolean {
  return ["NETWORK_ERROR", "RATE_LIMITED", "SERVER_ERROR"].includes(error.code) || error.status >= 500;
}

/** The sentence to show for an error, in the words of the strings table. */
export function errorMessage(error: StackError, t: Strings): string {
  const details = error.details ?? {};
  switch (error.code) {
    case "EMAIL_PASSWORD_MISMATCH":
      return t.wrongCredentials;
    case "USER_EMAIL_ALREADY_EXISTS":
      return t.emailTaken;
    case "PASSWORD_TOO_SHORT":
      return t.passwordTooShort(Number(details.min_length ?? 8));
    case "PASSWORD_TOO_LONG":
      return t.passwordTooLong(Number(details.maxLength ?? details.max_length ?? 70));
    case "SCHEMA_ERROR":
      return /email/i.test(error.message) ? t.invalidEmail : error.message;
    case "PASSWORD_AUTHENTICATION_NOT_ENABLED":
      return t.passwordSignInDisabled;
    case "SIGN_UP_NOT_ENABLED":
      return t.signUpDisabled;
    case "NETWORK_ERROR":
      return t.networkError;
    case "RATE_LIMITED":
      return t.rateLimited;
    case "SERVER_ERROR":
      return t.serverError;
    default:
      return error.message || t.unknownError;
  }
}

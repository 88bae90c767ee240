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
  accountCreated: "Account created. Taking you back…",
  alreadySignedIn: (email: string) => `You are signed in as ${email}.`,
  continue: "Continue",
  signOut: "Sign out",
  signingOut: "Signing out…",
  tryAgain: "Try again",
  back: "Back",
  close: "Close",
  or: "or",
  accountMenu: (name: string) => `Account menu for ${name}`,
  passwordHint: "At least 8 characters.",
  passwordSignInDisabled: "Password sign-in is not enabled for this project.",
  noSignInMethods: "No sign-in method is enabled for this project.",
  signUpDisabled: "New accounts can't be created for this project.",
  emailRequired: "Enter your email address.",
  passwordRequired: "Enter your password.",

  // OAuth
  continueWith: (provider: string) => `Continue with ${provider}`,
  redirectingTo: (provider: string) => `Taking you to ${provider}…`,
  waitingForProvider: (provider: string) => `Waiting for ${provider}…`,
  /** Display names of OAuth providers by id; unknown ids are shown capitalised. */
  providerNames: {
    apple: "Apple",
    bitbucket: "Bitbucket",
    discord: "Discord",
    facebook: "Facebook",
    github: "GitHub",
    gitlab: "GitLab",
    google: "Google",
    linkedin: "LinkedIn",
    microsoft: "Microsoft",
    spotify: "Spotify",
    twitch: "Twitch",
    x: "X",
  } as Record<string, string>,
  oauthCallbackTitle: "Signing you in",
  finishingSignIn: "Finishing sign-in…",
  popupDone: "Signed in. You can close this window.",
  noSignInToFinish: "There is no sign-in to finish here. It may have finished already.",
  oauthFailed: "The sign-in didn't complete. Try again.",
  oauthCancelled: "Sign-in was cancelled.",
  oauthAccountTaken: "This account is already linked to another user.",
  oauthTimeout: "The sign-in took too long. Try again.",

  // Passkeys
  signInWithPasskey: "Sign in with a passkey",
  waitingForPasskey: "Waiting for your passkey…",
  passkeyFailed: "The passkey sign-in didn't complete. Try again, or use another way to sign in.",

  // Email codes (magic link / OTP)
  sendCode: "Email me a code",
  sendingCode: "Sending code…",
  useCodeInstead: "Email me a sign-in code instead",
  usePasswordInstead: "Use a password instead",
  checkEmailTitle: "Check your email",
  codeSentTo: (email: string) => `We sent a code to ${email}. Enter it below, or open the link in the email.`,
  code: "Code",
  codeRequired: "Enter the 6-character code from the email.",
  resendCode: "Send a new code",
  resendingCode: "Sending…",
  codeResent: "We sent a new code.",
  useDifferentEmail: "Use a different email",
  codeWrong: "That code isn't right. Check it and try again.",
  codeExpired: "That code has expired. Send a new one.",
  codeUsed: "That code was already used. Send a new one.",
  codeTooManyAttempts: "Too many wrong attempts. Send a new code.",

  // Email links (magic link, password reset, email verification)
  checkingLink: "Checking your link…",
  linkMissingCode: "This link is incomplete. Open the whole link from the email.",
  linkInvalid: "This link isn't valid. Open the whole link from the most recent email.",
  linkExpired: "This link has expired.",
  linkUsed: "This link was already used.",
  linkTooManyAttempts: "This link can't be used any more.",
  magicLinkTitle: "Sign in",
  magicLinkReady: "Select the button to finish signing in.",
  magicLinkSwitchesAccount: (email: string) =>
    `You are signed in as ${email}. This link signs in the account it was sent to, which may be another one.`,
  newSignInLink: "Get a new sign-in link",

  // Second factor
  mfaTitle: "Two-factor authentication",
  mfaIntro: "Enter the 6-digit code from your authenticator app.",
  mfaCode: "Authentication code",
  mfaCodeRequired: "Enter the 6-digit code.",
  verify: "Verify",
  verifying: "Verifying…",
  mfaWrongCode: "That code isn't right. Enter the current code from your app.",
  mfaExpired: "This sign-in has expired. Start again.",

  // Forgotten password
  forgotPassword: "Forgot password?",
  forgotPasswordTitle: "Reset your password",
  forgotPasswordIntro: "Enter your email and we'll send you a link to choose a new password.",
  sendResetLink: "Send reset link",
  sendingResetLink: "Sending…",
  resetLinkSent: (email: string) =>
    `If an account exists for ${email}, we sent it a link to reset the password. Check your email.`,
  backToSignIn: "Back to sign in",

  // Password reset
  passwordResetTitle: "Choose a new password",
  newPassword: "New password",
  repeatPassword: "Repeat new password",
  passwordsDontMatch: "The passwords don't match.",
  setPassword: "Set new password",
  settingPassword: "Saving…",
  passwordResetDone: "Your password has been changed. Sign in with the new one.",
  requestNewResetLink: "Send a new reset link",

  // Email verification
  emailVerificationTitle: "Verify your email",
  verifyingEmail: "Verifying your email…",
  emailVerified: "Your email is verified.",
  emailLinkUsed: "This link was already used. Your email may be verified already.",
  alreadyVerified: "Your email is already verified.",
  resendVerification: "Send a new verification link",
  sendingVerification: "Sending…",
  verificationSent: "We sent a new link. Check your email.",
  noEmailToVerify: "This account has no email address to verify.",

  // Other pages
  signOutTitle: "Sign out",
  signedOut: "You are signed out.",
  errorTitle: "Something went wrong",
  goHome: "Go to the home page",
  notFoundTitle: "Page not found",
  notFound: "There is no page here.",

  // Error messages, by what went wrong.
  wrongCredentials: "Wrong email or password.",
  emailTaken: "An account with this email already exists.",
  /** An email code for an account whose address is not verified yet (the server says it would work once verified). */
  emailNotVerifiedForCodes:
    "This account can't get sign-in codes until its email is verified. Sign in another way, then verify your email.",
  /** The link after `emailTaken` on the sign-up page. */
  signInInstead: "Sign in instead",
  emailUsedByAnother: "This email is already used by another account.",
  invalidEmail: "Enter a valid email address.",
  passwordTooShort: (min: number) => `Use at least ${min} characters.`,
  passwordTooLong: (max: number) => `Use at most ${max} characters.`,
  untrustedDomain: "This site isn't one of the project's trusted domains, so it can't receive sign-in links.",
  networkError: "Can't reach the server. Check your connection, then try again.",
  rateLimited: "Too many attempts. Wait a moment, then try again.",
  serverError: "Something went wrong on the server. Try again in a moment.",
  unknownError: "Something went wrong. Try again.",
};

export type Strings = typeof defaultStrings;

/** The table with an app's overrides on top (nested provider names merge too). */
export function mergeStrings(overrides: Partial<Strings> | undefined): Strings {
  if (!overrides) return defaultStrings;
  return {
    ...defaultStrings,
    ...overrides,
    providerNames: { ...defaultStrings.providerNames, ...overrides.providerNames },
  };
}

/** Errors a second attempt can fix: everything the user typed stays in the form for it. */
export function isRetryable(error: StackError): boolean {
  return ["NETWORK_ERROR", "RATE_LIMITED", "SERVER_ERROR"].includes(error.code) || error.status >= 500;
}

/** The sentence to show for an error, in the words of the strings table. */
export function errorMessage(error: StackError, t: Strings): string {
  // Whatever a failing server says (an unknown code, "boom") is not for the person: the same words, and a retry.
  if (error.status >= 500) return t.serverError;
  const details = error.details ?? {};
  switch (error.code) {
    case "EMAIL_PASSWORD_MISMATCH":
      return t.wrongCredentials;
    case "USER_EMAIL_ALREADY_EXISTS":
      return details.would_work_if_email_was_verified ? t.emailNotVerifiedForCodes : t.emailTaken;
    case "CONTACT_CHANNEL_ALREADY_USED_FOR_AUTH_BY_SOMEONE_ELSE":
      return t.emailUsedByAnother;
    case "PASSWORD_TOO_SHORT":
      return t.passwordTooShort(Number(details.min_length ?? 8));
    case "PASSWORD_TOO_LONG":
      return t.passwordTooLong(Number(details.maxLength ?? details.max_length ?? 70));
    case "PASSWORD_CONFIRMATION_MISMATCH":
      return t.passwordsDontMatch;
    case "SCHEMA_ERROR":
      return /email/i.test(error.message) ? t.invalidEmail : error.message;
    case "PASSWORD_AUTHENTICATION_NOT_ENABLED":
      return t.passwordSignInDisabled;
    case "SIGN_UP_NOT_ENABLED":
      return t.signUpDisabled;
    case "VERIFICATION_CODE_NOT_FOUND":
      return t.codeWrong;
    case "VERIFICATION_CODE_EXPIRED":
      return t.codeExpired;
    case "VERIFICATION_CODE_ALREADY_USED":
      return t.codeUsed;
    case "VERIFICATION_CODE_MAX_ATTEMPTS_REACHED":
      return t.codeTooManyAttempts;
    case "INVALID_TOTP_CODE":
      return t.mfaWrongCode;
    case "EMAIL_ALREADY_VERIFIED":
      return t.alreadyVerified;
    case "REDIRECT_URL_NOT_WHITELISTED":
      return t.untrustedDomain;
    case "PASSKEY_AUTHENTICATION_FAILED":
    case "PASSKEY_AUTHENTICATION_NOT_ENABLED":
    case "PASSKEY_WEBAUTHN_ERROR":
      return t.passkeyFailed;
    case "NO_PRIMARY_EMAIL":
      return t.noEmailToVerify;
    case "OAUTH_CONNECTION_ALREADY_CONNECTED_TO_ANOTHER_USER":
      return t.oauthAccountTaken;
    case "OAUTH_PROVIDER_ACCESS_DENIED":
    case "OAUTH_POPUP_CLOSED":
      return t.oauthCancelled;
    case "OUTER_OAUTH_TIMEOUT":
      return t.oauthTimeout;
    case "INVALID_AUTHORIZATION_CODE":
    case "OAUTH_PROVIDER_NOT_FOUND_OR_NOT_ENABLED":
      return t.oauthFailed;
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

/** The sentence for a failed email link (its code came in the URL: "link", not "code"). */
export function linkErrorMessage(error: StackError, t: Strings): string {
  switch (error.code) {
    case "VERIFICATION_CODE_NOT_FOUND":
    case "SCHEMA_ERROR":
      return t.linkInvalid;
    case "VERIFICATION_CODE_EXPIRED":
      return t.linkExpired;
    case "VERIFICATION_CODE_ALREADY_USED":
      return t.linkUsed;
    case "VERIFICATION_CODE_MAX_ATTEMPTS_REACHED":
      return t.linkTooManyAttempts;
    default:
      return errorMessage(error, t);
  }
}

/** What is wrong with a typed email before asking the server: missing, or obviously not an address. */
export function emailProblem(email: string, t: Strings): string | undefined {
  const address = email.trim();
  if (!address) return t.emailRequired;
  // Something on both sides of an "@": the server checks the rest.
  return /.@./.test(address) ? undefined : t.invalidEmail;
}

/** An OAuth provider's name for buttons: from the table, else the id capitalised. */
export function providerName(id: string, t: Strings): string {
  return t.providerNames[id] ?? id.charAt(0).toUpperCase() + id.slice(1);
}

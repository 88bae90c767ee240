// The framework-agnostic client: `stack-react-kit/core`. No React; the flows in auth/ are separate functions
// (taking the client), so an app bundles only those it imports (passkeys pull in @simplewebauthn/browser).
export { signUpAnonymously } from "./auth/anonymous.js";
export type { SignedIn } from "./auth/common.js";
export { checkEmailVerificationCode, sendVerificationEmail, verifyEmail } from "./auth/email-verification.js";
export { getMfaAttemptCode, signInWithTotp } from "./auth/mfa.js";
export {
  completeOAuth,
  finishOAuthPopup,
  isOAuthPopup,
  type OAuthResult,
  type StartOAuthOptions,
  startOAuth,
} from "./auth/oauth.js";
export { checkSignInCode, sendSignInCode, signInWithCode } from "./auth/otp.js";
export { registerPasskey, signInWithPasskey } from "./auth/passkey.js";
export { type PasswordSignUp, signInWithPassword, signUpWithPassword } from "./auth/password.js";
export { checkPasswordResetCode, resetPassword, sendPasswordResetEmail } from "./auth/password-reset.js";
export { createStackClient, type StackClient } from "./client.js";
export { type ResolvedConfig, resolveConfig, type StackClientOptions } from "./config.js";
export {
  type ErrorField,
  errorField,
  isAccessTokenError,
  isStackError,
  StackConfigError,
  StackError,
} from "./errors.js";
export { decodeJwtPayload, type JwtClaims } from "./jwt.js";
export { safeRedirectTarget } from "./redirect.js";
export { getProject, type Project } from "./resources/project.js";
export type { CurrentUser, UserUpdate } from "./resources/user.js";
export type { RequestOptions } from "./session.js";
export {
  createLocalStorageTokenStore,
  createMemoryTokenStore,
  type TokenStore,
  type Tokens,
} from "./token-store.js";

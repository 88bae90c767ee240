export {
  type SignUpInput,
  type UseSignInResult,
  type UseSignOutResult,
  type UseSignUpResult,
  useSignIn,
  useSignOut,
  useSignUp,
} from "./auth.js";
export { type Navigate, useStackClient } from "./context.js";
export { SignedIn, SignedOut } from "./guards.js";
export { type AuthOutcome, useAuthRedirects, useStackNavigate, useStackUrls } from "./navigation.js";
export { StackProvider, type StackProviderProps } from "./StackProvider.js";
export { HANDLER_PAGES, type HandlerPage, type StackUrls } from "./urls.js";
export type { ActionState } from "./useAction.js";
export { type UseEmailVerificationResult, useEmailVerification } from "./useEmailVerification.js";
export { type SignInResult, type UseMagicLinkResult, useMagicLink } from "./useMagicLink.js";
export { type UseMfaResult, useMfa } from "./useMfa.js";
export { type OAuthSignInResult, type UseOAuthResult, useOAuth } from "./useOAuth.js";
export {
  type OAuthCallbackStatus,
  type UseOAuthCallbackResult,
  useOAuthCallback,
} from "./useOAuthCallback.js";
export { type UsePasskeyResult, usePasskey } from "./usePasskey.js";
export { type UsePasswordResetResult, usePasswordReset } from "./usePasswordReset.js";
export { type UseProjectResult, useProject } from "./useProject.js";
export { type UserOr, type UseUserOptions, type UseUserResult, useSuspenseUser, useUser } from "./useUser.js";

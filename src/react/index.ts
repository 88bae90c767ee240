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
export { useAuthRedirects, useStackNavigate, useStackUrls } from "./navigation.js";
export { StackProvider, type StackProviderProps } from "./StackProvider.js";
export type { StackUrls } from "./urls.js";
export type { ActionState } from "./useAction.js";
export { type UseProjectResult, useProject } from "./useProject.js";
export { type UserOr, type UseUserOptions, type UseUserResult, useSuspenseUser, useUser } from "./useUser.js";

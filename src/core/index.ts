// The framework-agnostic client: `stack-react-kit/core`. No React, no dependencies.
export type { PasswordSignUp } from "./auth/password.js";
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
export type { Project } from "./resources/project.js";
export type { CurrentUser, UserUpdate } from "./resources/user.js";
export type { RequestOptions } from "./session.js";
export {
  createLocalStorageTokenStore,
  createMemoryTokenStore,
  type TokenStore,
  type Tokens,
} from "./token-store.js";

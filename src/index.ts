// "." entry: the React layer and the drop-in components. The framework-agnostic client lives in
// "stack-react-kit/core", the local Stack API in "stack-react-kit/testing".

export * from "./components/index.js";
export type {
  CurrentUser,
  Project,
  StackClient,
  StackClientOptions,
  TokenStore,
  Tokens,
} from "./core/index.js";
export { getMfaAttemptCode, isStackError, StackError } from "./core/index.js";
export * from "./react/index.js";

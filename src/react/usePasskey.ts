import { useSyncExternalStore } from "react";
import { registerPasskey, signInWithPasskey } from "../core/index.js";
import { useStackClient } from "./context.js";
import { type ActionState, useActions } from "./useAction.js";
import type { SignInResult } from "./useMagicLink.js";

export interface UsePasskeyResult extends ActionState {
  /** Signs in with a passkey of this site. Cancelled or failed in the browser: PASSKEY_WEBAUTHN_ERROR. */
  signIn(): Promise<SignInResult | null>;
  /** Adds a passkey to the signed-in user. True when registered. */
  register(): Promise<boolean>;
  /** The browser can use passkeys (false on the server and while hydrating). */
  isSupported: boolean;
}

/** Passkeys (WebAuthn, CLIENT-API §8). */
export function usePasskey(): UsePasskeyResult {
  const client = useStackClient();
  const [run, state] = useActions();
  const isSupported = useSyncExternalStore(noChanges, browserSupportsPasskeys, () => false);
  return {
    ...state,
    isSupported,
    signIn: () => run("signIn", () => signInWithPasskey(client)),
    register: () => run("register", () => registerPasskey(client).then(() => true)).then((r) => r === true),
  };
}

const noChanges = () => () => {};

function browserSupportsPasskeys(): boolean {
  return typeof window !== "undefined" && typeof window.PublicKeyCredential === "function";
}

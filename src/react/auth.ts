import type { PasswordSignUp } from "../core/index.js";
import { signInWithPassword, signUpWithPassword } from "../core/index.js";
import { useStackClient } from "./context.js";
import { type ActionState, useAction } from "./useAction.js";

export interface UseSignInResult extends ActionState {
  /** Resolves to `{ userId }`, or `null` with `error` set (wrong password, network down, …). */
  signIn(input: { email: string; password: string }): Promise<{ userId: string } | null>;
}

export function useSignIn(): UseSignInResult {
  const client = useStackClient();
  const [signIn, state] = useAction((input: { email: string; password: string }) =>
    signInWithPassword(client, input),
  );
  return { signIn, ...state };
}

/** Email, password, and the absolute URL the verification email links to (omitted: no email is sent). */
export type SignUpInput = PasswordSignUp;

export interface UseSignUpResult extends ActionState {
  signUp(input: SignUpInput): Promise<{ userId: string } | null>;
}

export function useSignUp(): UseSignUpResult {
  const client = useStackClient();
  const [signUp, state] = useAction((input: SignUpInput) => signUpWithPassword(client, input));
  return { signUp, ...state };
}

export interface UseSignOutResult extends ActionState {
  /** Ends the session here and in every tab; never fails for the user, even offline. */
  signOut(): Promise<void>;
}

export function useSignOut(): UseSignOutResult {
  const client = useStackClient();
  const [run, state] = useAction(() => client.signOut());
  return { signOut: () => run().then(() => undefined), ...state };
}

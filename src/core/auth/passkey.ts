// Passkeys (CLIENT-API.md §8), with @simplewebauthn/browser for the WebAuthn calls.
import {
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
  startRegistration,
} from "@simplewebauthn/browser";
import type { StackClient } from "../client.js";
import { StackError } from "../errors.js";
import { type SignedIn, signIn } from "./common.js";

const WEBAUTHN_MESSAGES: Record<string, string> = {
  NotAllowedError: "The passkey request was cancelled or timed out.",
  AbortError: "The passkey request was cancelled.",
  InvalidStateError: "This device already has a passkey for this account.",
  SecurityError: "Passkeys cannot be used on this site's address.",
  NotSupportedError: "This device does not support passkeys.",
};

/**
 * Runs a WebAuthn ceremony; its failures (cancel, timeout, no support…) become StackError PASSKEY_WEBAUTHN_ERROR
 * (status 0), `details.name` = the DOMException name (NotAllowedError = cancelled or timed out).
 */
async function webAuthn<T>(ceremony: () => Promise<T>): Promise<T> {
  try {
    return await ceremony();
  } catch (e) {
    // DOMExceptions are not `instanceof Error` everywhere (other realms, test DOMs): read them by shape.
    const { name = "Error", message } = (e ?? {}) as { name?: string; message?: string };
    const text = WEBAUTHN_MESSAGES[name] || message || "The passkey could not be used.";
    throw new StackError("PASSKEY_WEBAUTHN_ERROR", 0, text, { name }, { cause: e });
  }
}

/**
 * Signs in with a passkey of this site. The server's options name a placeholder relying party: it is this page's
 * hostname. PASSKEY_AUTHENTICATION_FAILED (unknown passkey, untrusted origin), MFA as for other sign-ins.
 */
export async function signInWithPasskey(client: StackClient): Promise<SignedIn> {
  const { options_json, code } = await client.request<{
    options_json: PublicKeyCredentialRequestOptionsJSON;
    code: string;
  }>("/auth/passkey/initiate-passkey-authentication", { method: "POST", auth: false });
  const response = await webAuthn(() =>
    startAuthentication({ optionsJSON: { ...options_json, rpId: location.hostname } }),
  );
  return signIn(client, "/auth/passkey/sign-in", { authentication_response: response, code });
}

/** Adds a passkey to the signed-in user (then `passkeyAuthEnabled` is true). PASSKEY_REGISTRATION_FAILED. */
export async function registerPasskey(client: StackClient): Promise<void> {
  const { options_json, code } = await client.request<{
    options_json: PublicKeyCredentialCreationOptionsJSON;
    code: string;
  }>("/auth/passkey/initiate-passkey-registration", { method: "POST" });
  const credential = await webAuthn(() =>
    startRegistration({
      optionsJSON: { ...options_json, rp: { ...options_json.rp, id: location.hostname } },
    }),
  );
  await client.request("/auth/passkey/register", { method: "POST", body: { credential, code } });
}

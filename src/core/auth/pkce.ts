// PKCE (RFC 7636) and random values for the OAuth flow. Web Crypto only: `crypto.subtle` needs a secure
// context (https, or http://localhost), which every OAuth redirect URI is anyway.

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

/** 32 random bytes, base64url: 43 characters, 256 bits (a PKCE verifier needs 43..128 characters). */
export const randomToken = (): string => base64url(crypto.getRandomValues(new Uint8Array(32)));

/** The S256 code challenge: base64url(SHA-256(verifier)). */
export const codeChallenge = async (verifier: string): Promise<string> =>
  base64url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))));

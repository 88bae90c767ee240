// Byte helpers that work in Node 20, browsers and service workers (`btoa`/`atob`, WebCrypto).

function toBinary(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return binary;
}

function fromBinary(binary: string): Uint8Array {
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Standard base64 (with padding). */
export function base64Encode(bytes: Uint8Array): string {
  return btoa(toBinary(bytes));
}

/** Standard base64; throws on invalid input. */
export function base64Decode(text: string): Uint8Array {
  return fromBinary(atob(text));
}

/** Unpadded base64url, as used by WebAuthn and PKCE. */
export function base64UrlEncode(bytes: Uint8Array): string {
  return base64Encode(bytes).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** base64url with or without padding; throws on invalid input. */
export function base64UrlDecode(text: string): Uint8Array {
  const base64 = text.replaceAll("-", "+").replaceAll("_", "/");
  return base64Decode(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), "="));
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
}

/** PKCE code challenge of a verifier (RFC 7636): `S256` = base64url(SHA-256(verifier)), `plain` = verifier. */
export async function pkceChallenge(verifier: string, method: string): Promise<string | null> {
  if (method === "plain") return verifier;
  if (method === "S256") return base64UrlEncode(await sha256(utf8(verifier)));
  return null;
}

// Randomness from `crypto.getRandomValues` only: it exists in Node 20, browsers and service workers,
// even on insecure origins (unlike `crypto.randomUUID`).

const BASE32_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function randomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  return bytes;
}

function randomFrom(alphabet: string, length: number): string {
  // Both alphabets divide 256 evenly or nearly so; the slight bias of 62 is irrelevant for an emulator.
  let out = "";
  for (const byte of randomBytes(length)) out += alphabet[byte % alphabet.length];
  return out;
}

/** RFC 4122 version 4 UUID. */
export function randomUuid(): string {
  const b = randomBytes(16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Lowercase base32 string, the shape of Stack's refresh tokens and 45-char verification codes. */
export function randomBase32(length: number): string {
  return randomFrom(BASE32_ALPHABET, length);
}

/** Letters and digits, used for 12-char JWT key ids. */
export function randomAlphanumeric(length: number): string {
  return randomFrom(ALPHANUMERIC, length);
}

/** `length` random bytes as lowercase hex (`2 × length` characters), e.g. OAuth authorization codes. */
export function randomHex(byteLength: number): string {
  return Array.from(randomBytes(byteLength), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** `byteLength` random bytes as unpadded base64url, e.g. OAuth states and PKCE verifiers (43 chars for 32). */
export function randomBase64Url(byteLength: number): string {
  let binary = "";
  for (const byte of randomBytes(byteLength)) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

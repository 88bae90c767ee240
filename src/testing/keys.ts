import { exportJWK, generateKeyPair } from "jose";
import { randomAlphanumeric } from "./random.js";

/**
 * The emulator's ES256 signing keys, made lazily on first use (key generation costs a few ms).
 * Like the cloud, each audience has its own keys and JWKS shows two per audience: normal users'
 * keys by default, restricted users' keys with `include_restricted`, anonymous users' keys with
 * `include_anonymous` (which implies restricted). The first key of each audience signs.
 */
export type TokenAudience = "normal" | "restricted" | "anonymous";

const AUDIENCES: TokenAudience[] = ["normal", "restricted", "anonymous"];
const KEYS_PER_AUDIENCE = 2;

interface KeyEntry {
  kid: string;
  audience: TokenAudience;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

export interface PublicJwk {
  kty: string;
  crv: string;
  alg: "ES256";
  kid: string;
  x: string;
  y: string;
}

export class KeyRing {
  private entries: Promise<KeyEntry[]> | null = null;

  private all(): Promise<KeyEntry[]> {
    this.entries ??= Promise.all(
      AUDIENCES.flatMap((audience) =>
        Array.from({ length: KEYS_PER_AUDIENCE }, async (): Promise<KeyEntry> => {
          const { privateKey, publicKey } = await generateKeyPair("ES256");
          return { kid: randomAlphanumeric(12), audience, privateKey, publicKey };
        }),
      ),
    );
    return this.entries;
  }

  async signingKey(audience: TokenAudience): Promise<{ kid: string; privateKey: CryptoKey }> {
    const entry = (await this.all()).find((e) => e.audience === audience);
    if (!entry) throw new Error(`no signing key for audience ${audience}`);
    return entry;
  }

  async findByKid(kid: string): Promise<{ audience: TokenAudience; publicKey: CryptoKey } | undefined> {
    return (await this.all()).find((e) => e.kid === kid);
  }

  async jwks(
    options: { includeRestricted?: boolean; includeAnonymous?: boolean } = {},
  ): Promise<PublicJwk[]> {
    const wanted = new Set<TokenAudience>(["normal"]);
    if (options.includeRestricted || options.includeAnonymous) wanted.add("restricted");
    if (options.includeAnonymous) wanted.add("anonymous");
    const entries = (await this.all()).filter((e) => wanted.has(e.audience));
    return Promise.all(
      entries.map(async (e) => {
        const jwk = await exportJWK(e.publicKey);
        return {
          kty: String(jwk.kty),
          crv: String(jwk.crv),
          alg: "ES256",
          kid: e.kid,
          x: String(jwk.x),
          y: String(jwk.y),
        };
      }),
    );
  }
}

// @vitest-environment node
import { readFileSync } from "node:fs";
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, type JSONWebKeySet, jwtVerify } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { createEmulator, type Emulator } from "../../src/testing/index.js";
import { call, signUp } from "../emulator/client.js";

// Access tokens and JWKS compared with golden/jwt-shape.json (decoded tokens of the real backend).

interface Kind {
  header_keys: string[];
  alg: string;
  kid_length: number;
  exp_minus_iat_s: number;
  claims: Record<string, unknown>;
}
interface JwtShape {
  header: { keys: string[]; alg: string };
  claim_names_in_order: string[];
  claim_types: Record<string, string>;
  kinds: Record<string, Kind>;
  jwks: {
    status: number;
    content_type: string;
    key_shape: Record<string, string>;
    key_count_default: number;
    key_count_include_anonymous: number;
    key_count_include_anonymous_and_restricted: number;
  };
}

const shape = JSON.parse(
  readFileSync(new URL("./golden/jwt-shape.json", import.meta.url), "utf8"),
) as JwtShape;
const ORIGIN = "http://localhost:8102";
// The recordings' backend issued 60 s tokens; the emulator's lifetime is an option.
const LIFETIME = 60;

function typeOf(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "array" : typeof value;
}

function normaliseClaims(claims: Record<string, unknown>, emulator: Emulator): Record<string, unknown> {
  const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
  return Object.fromEntries(
    Object.entries(claims).map(([key, value]) => {
      if (key === "iat" || key === "exp" || key === "signed_up_at") return [key, "<seconds>"];
      if (typeof value !== "string") return [key, value];
      return [
        key,
        value
          .replaceAll(ORIGIN, "<api-origin>")
          .replaceAll(emulator.projectId, "<project-id>")
          .replace(uuid, "<uuid>")
          .replace(/^[^@]+@example\.test$/, "user@example.test"),
      ];
    }),
  );
}

const tokens: Record<string, { token: string; emulator: Emulator }> = {};

beforeAll(async () => {
  const emulator = createEmulator({ accessTokenLifetimeSeconds: LIFETIME });
  const signedUp = await signUp(emulator, "user@example.test");
  tokens.password_user_just_signed_up = { token: signedUp.access_token, emulator };
  // Claims are a snapshot: the token from before the rename still says what it said.
  tokens.same_user_after_display_name_change_before_refresh = { token: signedUp.access_token, emulator };

  await call(emulator, "PATCH", "/users/me", {
    accessToken: signedUp.access_token,
    body: { display_name: "Golden Name" },
  });
  const refreshed = await call(emulator, "POST", "/auth/sessions/current/refresh", {
    refreshToken: signedUp.refresh_token,
    body: {},
  });
  tokens.same_user_after_refresh = {
    token: (refreshed.body as { access_token: string }).access_token,
    emulator,
  };

  emulator.addUser({ email: "otp@example.test", primaryEmailVerified: true });
  const otp = await emulator.createSession("otp@example.test", { origin: ORIGIN });
  tokens.otp_user_verified_email = { token: otp.accessToken, emulator };

  const anonymous = await call(emulator, "POST", "/auth/anonymous/sign-up", { body: {} });
  tokens.anonymous_user = { token: (anonymous.body as { access_token: string }).access_token, emulator };

  const strict = createEmulator({ accessTokenLifetimeSeconds: LIFETIME, requireEmailVerification: true });
  tokens.restricted_user_email_not_verified = {
    token: (await signUp(strict, "restricted@example.test")).access_token,
    emulator: strict,
  };
});

describe("access token shape (jwt-shape.json)", () => {
  // Teams (selected_team_id) are not emulated yet.
  const kinds = Object.keys(shape.kinds).filter((k) => k !== "user_with_selected_team_after_refresh");

  it.each(kinds)("%s", (kind) => {
    const expected = shape.kinds[kind] as Kind;
    const { token, emulator } = tokens[kind] ?? { token: "", emulator: createEmulator() };
    const header = decodeProtectedHeader(token);
    expect(Object.keys(header)).toEqual(shape.header.keys);
    expect(header.alg).toBe(expected.alg);
    expect(header.kid).toHaveLength(expected.kid_length);

    const claims = decodeJwt(token) as Record<string, unknown>;
    expect(Object.keys(claims)).toEqual(shape.claim_names_in_order);
    for (const [name, type] of Object.entries(shape.claim_types)) {
      expect(type.split("|"), name).toContain(typeOf(claims[name]));
    }
    expect((claims.exp as number) - (claims.iat as number)).toBe(expected.exp_minus_iat_s);
    expect(normaliseClaims(claims, emulator)).toEqual(expected.claims);
  });

  it("claims are a snapshot: a PATCH does not change the old token, a refresh does", () => {
    const before = decodeJwt(tokens.password_user_just_signed_up?.token ?? "");
    const after = decodeJwt(tokens.same_user_after_refresh?.token ?? "");
    expect(before.name).toBeNull();
    expect(after.name).toBe("Golden Name");
    expect(after.refresh_token_id).toBe(before.refresh_token_id);
  });

  it("anonymous and restricted tokens use their own kids", () => {
    const kid = (k: string) => decodeProtectedHeader(tokens[k]?.token ?? "").kid;
    expect(kid("anonymous_user")).not.toBe(kid("password_user_just_signed_up"));
    expect(kid("same_user_after_refresh")).toBe(kid("password_user_just_signed_up"));
    // Different emulators have different keys; compare restricted against its own project's normal kid.
    expect(kid("restricted_user_email_not_verified")).toHaveLength(12);
  });

  it("the default access token lifetime is the cloud's 10 minutes", async () => {
    const emulator = createEmulator();
    const claims = decodeJwt((await signUp(emulator, "ten@example.test")).access_token);
    expect((claims.exp as number) - (claims.iat as number)).toBe(600);
  });
});

describe("JWKS", () => {
  async function jwks(emulator: Emulator, query = "") {
    const response = await emulator.handle(
      new Request(`${ORIGIN}/api/v1/projects/${emulator.projectId}/.well-known/jwks.json${query}`),
    );
    return { response, body: (await response.json()) as JSONWebKeySet };
  }

  it("serves the keys without any header, shaped like the cloud's", async () => {
    const emulator = tokens.password_user_just_signed_up?.emulator ?? createEmulator();
    const { response, body } = await jwks(emulator);
    expect(response.status).toBe(shape.jwks.status);
    expect(response.headers.get("content-type")).toBe(shape.jwks.content_type);
    expect(body.keys).toHaveLength(shape.jwks.key_count_default);
    for (const key of body.keys) {
      expect(Object.keys(key)).toEqual(Object.keys(shape.jwks.key_shape));
      expect(key).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256" });
      expect(key.kid).toHaveLength(12);
      expect(key.x).toHaveLength(43);
      expect(key.y).toHaveLength(43);
    }
    expect((await jwks(emulator, "?include_anonymous=true")).body.keys).toHaveLength(
      shape.jwks.key_count_include_anonymous,
    );
    expect((await jwks(emulator, "?include_anonymous=true&include_restricted=true")).body.keys).toHaveLength(
      shape.jwks.key_count_include_anonymous_and_restricted,
    );
  });

  it("each token's kid is in the right key set, and the signatures verify", async () => {
    const kidIn = async (kind: string, query: string) => {
      const { token, emulator } = tokens[kind] ?? { token: "", emulator: createEmulator() };
      const set = (await jwks(emulator, query)).body;
      const kid = decodeProtectedHeader(token).kid;
      const found = set.keys.some((k) => k.kid === kid);
      const iat = decodeJwt(token).iat ?? 0;
      if (found) await jwtVerify(token, createLocalJWKSet(set), { currentDate: new Date(iat * 1000) });
      return found;
    };
    expect(await kidIn("password_user_just_signed_up", "")).toBe(true);
    expect(await kidIn("anonymous_user", "")).toBe(false);
    expect(await kidIn("anonymous_user", "?include_anonymous=true")).toBe(true);
    expect(await kidIn("restricted_user_email_not_verified", "")).toBe(false);
    expect(await kidIn("restricted_user_email_not_verified", "?include_restricted=true")).toBe(true);
  });
});

// @vitest-environment node
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CLIENT_VERSION } from "../../src/core/http.js";
import {
  createStackClient,
  resolveConfig,
  type StackClientOptions,
  StackConfigError,
} from "../../src/core/index.js";

const PROJECT_ID = "6f1e5a8e-2c4b-4d7e-9a3f-0b1c2d3e4f50";
const SECRET = "ssk_live_0123456789abcdefDO_NOT_LEAK";

function refusal(options: unknown): StackConfigError {
  try {
    createStackClient(options as StackClientOptions);
  } catch (e) {
    expect(e).toBeInstanceOf(StackConfigError);
    return e as StackConfigError;
  }
  throw new Error("expected the options to be refused");
}

describe("config validation", () => {
  it.each([
    ["a secret server key as the publishable key", { projectId: PROJECT_ID, publishableClientKey: SECRET }],
    ["a secretServerKey option", { projectId: PROJECT_ID, secretServerKey: SECRET }],
    ["a superSecretAdminKey option", { projectId: PROJECT_ID, superSecretAdminKey: "sak_admin_DO_NOT_LEAK" }],
    ["an ssk_ value under any option", { projectId: PROJECT_ID, somethingElse: SECRET }],
  ])("refuses %s, says why, and never echoes the key", (_, options) => {
    const e = refusal(options);
    expect(e.message).toMatch(/secret server key or admin key/);
    expect(e.message).toMatch(/browser/);
    expect(e.message).not.toContain("DO_NOT_LEAK");
    expect(String(e.stack)).not.toContain("DO_NOT_LEAK");
  });

  it.each(["server", "admin"])('refuses accessType "%s"', (accessType) => {
    expect(refusal({ projectId: PROJECT_ID, accessType }).message).toMatch(
      /only supports accessType "client"/,
    );
  });

  it("accepts accessType client", () => {
    expect(() =>
      createStackClient({ projectId: PROJECT_ID, accessType: "client" } as StackClientOptions),
    ).not.toThrow();
  });

  it.each([undefined, "", "   "])("names the env vars to set when the project id is %j", (projectId) => {
    const e = refusal({ projectId });
    expect(e.message).toContain("VITE_STACK_PROJECT_ID");
    expect(e.message).toContain("VITE_STACK_PUBLISHABLE_CLIENT_KEY");
  });

  it("refuses a missing options object with the same hint", () => {
    expect(refusal(undefined).message).toContain("VITE_STACK_PROJECT_ID");
  });

  it("defaults the API to https://api.stack-auth.com/api/v1 and strips trailing slashes of a custom base", () => {
    expect(resolveConfig({ projectId: PROJECT_ID }).apiUrl).toBe("https://api.stack-auth.com/api/v1");
    expect(resolveConfig({ projectId: PROJECT_ID, baseUrl: "http://localhost:8102/" }).apiUrl).toBe(
      "http://localhost:8102/api/v1",
    );
    expect(resolveConfig({ projectId: PROJECT_ID, baseUrl: "" }).apiUrl).toBe("/api/v1");
  });

  it("defaults to 3 attempts with a 1000 ms base delay", () => {
    expect(resolveConfig({ projectId: PROJECT_ID }).retry).toEqual({ attempts: 3, baseDelayMs: 1000 });
    expect(resolveConfig({ projectId: PROJECT_ID, retry: { attempts: 2 } }).retry).toEqual({
      attempts: 2,
      baseDelayMs: 1000,
    });
  });

  it("uses a memory store where there is no localStorage (SSR), and a given store as is", () => {
    const store = resolveConfig({ projectId: PROJECT_ID }).store;
    store.set({ refreshToken: "r", accessToken: null });
    expect(store.get()).toEqual({ refreshToken: "r", accessToken: null });
    const mine = { get: () => null, set: () => {}, subscribe: () => () => {} };
    expect(resolveConfig({ projectId: PROJECT_ID, tokenStore: mine }).store).toBe(mine);
  });

  it("sends a client version that matches package.json", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    expect(CLIENT_VERSION).toBe(`js ${pkg.name}@${pkg.version}`);
  });
});

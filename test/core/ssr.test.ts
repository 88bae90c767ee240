// @vitest-environment node
import { describe, expect, it } from "vitest";

describe("server-side rendering", () => {
  it("imports and builds a client with no window or localStorage, reading as signed out", async () => {
    expect(typeof window).toBe("undefined");
    expect(typeof localStorage).toBe("undefined");
    const core = await import("../../src/core/index.js");
    const store = core.createLocalStorageTokenStore("p");
    expect(store.get()).toBeNull();
    const unsubscribe = store.subscribe(() => {});
    unsubscribe();
    const client = core.createStackClient({ projectId: "p", tokenStore: "local-storage" });
    expect(client.getSessionKey()).toBe("signed-out");
    expect(await client.getUser()).toBeNull();
  });
});

// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createLocalStorageTokenStore,
  createMemoryTokenStore,
  createStackClient,
  type Tokens,
} from "../../src/core/index.js";

const PROJECT_ID = "6f1e5a8e-2c4b-4d7e-9a3f-0b1c2d3e4f50";
const KEY = `stack-react-kit:${PROJECT_ID}`;
const tokens: Tokens = { refreshToken: "rt-1", accessToken: "at-1" };

afterEach(() => localStorage.clear());

/** What the browser fires in this tab when another tab writes to localStorage. */
function otherTabWrites(key: string | null, value: string | null) {
  if (key && value !== null) localStorage.setItem(key, value);
  else if (key) localStorage.removeItem(key);
  window.dispatchEvent(new StorageEvent("storage", { key, newValue: value, storageArea: localStorage }));
}

describe("memory token store", () => {
  it("stores, notifies subscribers, and stops after unsubscribe", () => {
    const store = createMemoryTokenStore();
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    expect(store.get()).toBeNull();
    store.set(tokens);
    expect(store.get()).toEqual(tokens);
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    store.set(null);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(createMemoryTokenStore(tokens).get()).toEqual(tokens);
  });
});

describe("localStorage token store", () => {
  it("writes JSON {refreshToken, accessToken} under stack-react-kit:<projectId> and removes it on sign-out", () => {
    const store = createLocalStorageTokenStore(PROJECT_ID);
    store.set(tokens);
    expect(JSON.parse(localStorage.getItem(KEY) ?? "")).toEqual({
      refreshToken: "rt-1",
      accessToken: "at-1",
    });
    expect(store.get()).toEqual(tokens);
    expect(store.get()).toBe(store.get()); // stable while unchanged
    store.set(null);
    expect(localStorage.getItem(KEY)).toBeNull();
    expect(store.get()).toBeNull();
  });

  it.each([
    ["not JSON", "{nope"],
    ["JSON null", "null"],
    ["a bare string", '"rt-1"'],
    ["no refresh token", '{"accessToken":"at"}'],
    ["a numeric refresh token", '{"refreshToken":1,"accessToken":null}'],
    ["a non-string access token", '{"refreshToken":"rt","accessToken":5}'],
  ])("reads a corrupt value (%s) as signed out", (_, raw) => {
    localStorage.setItem(KEY, raw);
    expect(createLocalStorageTokenStore(PROJECT_ID).get()).toBeNull();
  });

  it("reads a stored session with no access token", () => {
    localStorage.setItem(KEY, '{"refreshToken":"rt","accessToken":null}');
    expect(createLocalStorageTokenStore(PROJECT_ID).get()).toEqual({ refreshToken: "rt", accessToken: null });
  });

  it("passes other tabs' changes (storage events) on to subscribers", () => {
    const store = createLocalStorageTokenStore(PROJECT_ID);
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);

    otherTabWrites(KEY, JSON.stringify(tokens));
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.get()).toEqual(tokens);

    otherTabWrites("some-other-key", "x");
    otherTabWrites("stack-react-kit:another-project", JSON.stringify(tokens));
    expect(listener).toHaveBeenCalledTimes(1);

    otherTabWrites(KEY, null); // signed out in the other tab
    expect(listener).toHaveBeenCalledTimes(2);
    expect(store.get()).toBeNull();

    localStorage.setItem(KEY, JSON.stringify(tokens));
    otherTabWrites(null, null); // localStorage.clear() elsewhere
    expect(listener).toHaveBeenCalledTimes(3);

    unsubscribe();
    otherTabWrites(KEY, JSON.stringify({ ...tokens, accessToken: "at-2" }));
    expect(listener).toHaveBeenCalledTimes(3);
  });

  it("notifies this tab's subscribers of its own writes (storage events only reach other tabs)", () => {
    const store = createLocalStorageTokenStore(PROJECT_ID);
    const listener = vi.fn();
    store.subscribe(listener);
    store.set(tokens);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it("keeps working in memory when localStorage refuses writes", () => {
    const store = createLocalStorageTokenStore(PROJECT_ID);
    const setItem = vi.spyOn(Storage.prototype, "setItem").mockImplementation(() => {
      throw new DOMException("full", "QuotaExceededError");
    });
    try {
      store.set(tokens);
      expect(store.get()).toEqual(tokens);
    } finally {
      setItem.mockRestore();
    }
  });

  it("is the default store where localStorage works", async () => {
    const client = createStackClient({ projectId: PROJECT_ID });
    localStorage.setItem(KEY, JSON.stringify(tokens));
    expect(client.hasSession()).toBe(true);
    expect(client.getSessionKey()).toMatch(/^session-/);
    const memory = createStackClient({ projectId: PROJECT_ID, tokenStore: "memory" });
    expect(memory.hasSession()).toBe(false);
  });
});

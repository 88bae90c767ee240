// Two tabs of one app share localStorage. jsdom has one window, so "the other tab" is simulated the way a
// browser would show it to this one: the storage changes, then a `storage` event arrives.
import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { StackClient } from "../../src/core/index.js";
import { StackProvider, useSignOut, useUser } from "../../src/react/index.js";
import { API_URL, PASSWORD, renderWithStack, settle, setupStackTest, UserProbe } from "./support.js";

const env = setupStackTest();

const storageKey = () => `stack-react-kit:${env.emulator.projectId}`;

/** What the other tab's store writes for a new session of `email`. */
async function sessionValue(email: string) {
  env.emulator.addUser({ email, password: PASSWORD });
  const s = await env.emulator.createSession(email, { origin: API_URL });
  return JSON.stringify({ refreshToken: s.refreshToken, accessToken: s.accessToken });
}

/** The other tab writes (or removes) the tokens; this tab hears about it by a `storage` event. */
function otherTabWrites(newValue: string | null, key: string | null = storageKey()) {
  const oldValue = key === null ? null : localStorage.getItem(key);
  act(() => {
    if (key === null) localStorage.clear();
    else if (newValue === null) localStorage.removeItem(key);
    else localStorage.setItem(key, newValue);
    window.dispatchEvent(new StorageEvent("storage", { key, oldValue, newValue, storageArea: localStorage }));
  });
}

function Tab({ name }: { name: string }) {
  const { user, isLoading, error } = useUser();
  const { signOut } = useSignOut();
  const text = error ? `error ${error.code}` : isLoading ? "loading" : (user?.primaryEmail ?? "nobody");
  return (
    <section>
      <p data-testid={name}>{text}</p>
      <button type="button" onClick={() => signOut()}>
        sign out in {name}
      </button>
    </section>
  );
}

const localClient = () => env.client({ tokenStore: "local-storage" });

describe("across tabs (localStorage tokens)", () => {
  it("sign-out in tab A empties tab B's useUser", async () => {
    localStorage.setItem(storageKey(), await sessionValue("ada@example.test"));
    const tabA: StackClient = localClient();
    const tabB: StackClient = localClient();
    const navigate = () => {};
    render(
      <>
        <StackProvider client={tabA} navigate={navigate}>
          <Tab name="A" />
        </StackProvider>
        <StackProvider client={tabB} navigate={navigate}>
          <Tab name="B" />
        </StackProvider>
      </>,
    );
    await waitFor(() => expect(screen.getByTestId("A")).toHaveTextContent("ada@example.test"));
    await waitFor(() => expect(screen.getByTestId("B")).toHaveTextContent("ada@example.test"));
    const before = localStorage.getItem(storageKey());

    await userEvent.click(screen.getByRole("button", { name: "sign out in A" }));
    await waitFor(() => expect(screen.getByTestId("A")).toHaveTextContent("nobody"));
    expect(localStorage.getItem(storageKey())).toBeNull();

    // What the browser delivers to tab B for A's removal.
    act(() => {
      window.dispatchEvent(
        new StorageEvent("storage", {
          key: storageKey(),
          oldValue: before,
          newValue: null,
          storageArea: localStorage,
        }),
      );
    });
    expect(screen.getByTestId("B")).toHaveTextContent("nobody");
    expect(tabB.getSessionKey()).toBe("signed-out");
    await settle();
    expect(screen.getByTestId("B")).toHaveTextContent("nobody");
    expect(env.count("GET /users/me")).toBe(2); // one per tab at load, none after
  });

  it("a sign-out in another tab reaches this tab, and no render after it shows the user", async () => {
    localStorage.setItem(storageKey(), await sessionValue("ada@example.test"));
    const seen: (string | null)[] = [];
    renderWithStack(<UserProbe emails={seen} />, { client: localClient() });
    await waitFor(() => expect(screen.getByTestId("email")).toHaveTextContent("ada@example.test"));
    const mark = seen.length;
    otherTabWrites(null);
    expect(screen.getByTestId("email")).toHaveTextContent("nobody");
    await settle();
    expect(seen.slice(mark)).not.toContain("ada@example.test");
  });

  it("the other tab clearing all storage signs this tab out too", async () => {
    localStorage.setItem(storageKey(), await sessionValue("ada@example.test"));
    renderWithStack(<Tab name="B" />, { client: localClient() });
    await waitFor(() => expect(screen.getByTestId("B")).toHaveTextContent("ada@example.test"));
    otherTabWrites(null, null);
    expect(screen.getByTestId("B")).toHaveTextContent("nobody");
  });

  it("a sign-in in another tab shows here; a different user's sign-in replaces the old one without a flash", async () => {
    const seen: (string | null)[] = [];
    renderWithStack(<UserProbe emails={seen} />, { client: localClient() });
    expect(screen.getByTestId("email")).toHaveTextContent("nobody");

    otherTabWrites(await sessionValue("ada@example.test"));
    await waitFor(() => expect(screen.getByTestId("email")).toHaveTextContent("ada@example.test"));

    const mark = seen.length;
    otherTabWrites(await sessionValue("grace@example.test"));
    await waitFor(() => expect(screen.getByTestId("email")).toHaveTextContent("grace@example.test"));
    await settle();
    expect(seen.slice(mark)).not.toContain("ada@example.test");
    expect(env.count("GET /users/me")).toBe(2);
  });

  it("storage events for other keys change nothing and send nothing", async () => {
    localStorage.setItem(storageKey(), await sessionValue("ada@example.test"));
    renderWithStack(<Tab name="B" />, { client: localClient() });
    await waitFor(() => expect(screen.getByTestId("B")).toHaveTextContent("ada@example.test"));
    otherTabWrites("dark", "theme");
    await settle();
    expect(screen.getByTestId("B")).toHaveTextContent("ada@example.test");
    expect(env.count("GET /users/me")).toBe(1);
  });
});

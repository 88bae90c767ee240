// Server HTML (always signed out) hydrated in a browser that holds a session: no mismatch, then the user.
import { act, screen, waitFor } from "@testing-library/react";
import { hydrateRoot, type Root } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SignedIn, SignedOut, StackProvider, useUser } from "../../src/react/index.js";
import { ErrorBoundary, setupStackTest, UserProbe } from "./support.js";

const env = setupStackTest();
let root: Root | undefined;
let container: HTMLElement | undefined;

afterEach(() => {
  act(() => root?.unmount());
  container?.remove();
  root = undefined;
});

function App() {
  const { user, isLoading } = useUser();
  return (
    <main>
      <p data-testid="email">{isLoading ? "loading" : (user?.primaryEmail ?? "nobody")}</p>
      <SignedIn>
        <p>welcome back</p>
      </SignedIn>
      <SignedOut>
        <p>please sign in</p>
      </SignedOut>
    </main>
  );
}

describe("hydration", () => {
  it("hydrates the signed-out server HTML without a mismatch, then shows the stored session's user", async () => {
    const store = await env.signedInStore("ada@example.test");
    const client = env.client({ tokenStore: store });
    const navigate = vi.fn();
    const ui = (
      <StackProvider client={client} navigate={navigate}>
        <App />
      </StackProvider>
    );
    const html = renderToString(ui);
    expect(html).toContain("please sign in");
    expect(env.requests).toEqual([]);

    container = document.createElement("div");
    container.innerHTML = html;
    document.body.append(container);
    const recoverable = vi.fn();
    const consoleError = vi.spyOn(console, "error");
    await act(async () => {
      root = hydrateRoot(container as HTMLElement, ui, { onRecoverableError: recoverable });
    });
    await waitFor(() => expect(screen.getByTestId("email")).toHaveTextContent("ada@example.test"));
    expect(screen.getByText("welcome back")).toBeInTheDocument();
    expect(screen.queryByText("please sign in")).toBeNull();
    expect(recoverable).not.toHaveBeenCalled();
    expect(consoleError).not.toHaveBeenCalled();
    expect(env.count("GET /users/me")).toBe(1);
  });
});

describe("hydration with a signed-in visitor on a protected page", () => {
  async function hydrate(or: "redirect" | "throw") {
    const store = await env.signedInStore("ada@example.test");
    const client = env.client({ tokenStore: store });
    const navigate = vi.fn();
    const ui = (
      <StackProvider client={client} navigate={navigate}>
        <ErrorBoundary>
          <UserProbe or={or} />
        </ErrorBoundary>
      </StackProvider>
    );
    const html = renderToString(ui);
    container = document.createElement("div");
    container.innerHTML = html;
    document.body.append(container);
    const recoverable = vi.fn();
    vi.spyOn(console, "error").mockImplementation(() => {});
    await act(async () => {
      root = hydrateRoot(container as HTMLElement, ui, { onRecoverableError: recoverable });
    });
    await waitFor(() => expect(screen.getByTestId("email")).toHaveTextContent("ada@example.test"));
    return { html, navigate, recoverable };
  }

  it('or: "redirect": the server HTML shows loading, and the signed-in user is not sent to sign-in', async () => {
    const { html, navigate, recoverable } = await hydrate("redirect");
    expect(html).toContain("loading");
    expect(navigate).not.toHaveBeenCalled();
    expect(recoverable).not.toHaveBeenCalled();
  });

  it('or: "throw": neither the server nor hydration throws "not signed in" for a user who may be signed in', async () => {
    const { html, recoverable } = await hydrate("throw");
    expect(html).toContain("loading");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(recoverable).not.toHaveBeenCalled();
  });
});

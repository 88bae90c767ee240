// OAuth through the emulator's mock provider: the kit's redirect and popup flows and the callback page.
import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { type ReactNode, StrictMode } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { OAuthCallback } from "../../src/components/index.js";
import {
  type Navigate,
  StackProvider,
  type UseOAuthCallbackResult,
  type UseOAuthResult,
  useOAuth,
  useOAuthCallback,
} from "../../src/react/index.js";
import { totp } from "../../src/testing/index.js";
import { API_URL, HookHost, renderWithStack, settle, setupStackTest, UserProbe } from "./support.js";

const env = setupStackTest();
const urls = { afterSignIn: "/welcome-back", afterSignUp: "/welcome" };

beforeEach(() => {
  env.useEmulator({ oauthProviders: ["github", "google"] });
  window.history.replaceState(null, "", "/handler/sign-in");
  sessionStorage.clear();
});

/**
 * What the browser does at the mock provider: Allow (or Cancel) on its consent page, then Stack's callback,
 * up to the redirect back to the app. Returns the app URL the browser lands on.
 */
async function atProvider(providerUrl: string, action: "allow" | "cancel", email?: string): Promise<string> {
  const url = new URL(providerUrl);
  const form = new URLSearchParams(url.searchParams);
  form.set("action", action);
  if (email) form.set("email", email);
  let response = await env.emulator.handle(
    new Request(url.origin + url.pathname, { method: "POST", body: form }),
  );
  let location = response.headers.get("location") ?? "";
  while (location.startsWith(API_URL)) {
    response = await env.emulator.handle(new Request(location));
    location = response.headers.get("location") ?? "";
  }
  expect(location).toMatch(/^http:\/\/localhost/);
  return location;
}

/** Starts a redirect-mode sign-in from the current page; returns where the kit sent the browser. */
async function startRedirect(provider = "github"): Promise<string> {
  const out: { current?: UseOAuthResult; all: UseOAuthResult[] } = { all: [] };
  const navigateExternal = vi.fn<(url: string) => void>();
  const { unmount } = renderWithStack(<HookHost hook={useOAuth} out={out} />, {
    client: env.client(),
    navigateExternal,
  });
  let result: unknown = "unset";
  await act(async () => {
    result = await out.current?.signIn(provider);
  });
  expect(result).toBeUndefined();
  expect(out.current?.isRedirecting).toBe(true);
  expect(navigateExternal).toHaveBeenCalledTimes(1);
  unmount();
  return navigateExternal.mock.calls[0]?.[0] ?? "";
}

function CallbackProbe({ url, log }: { url?: string; log?: UseOAuthCallbackResult[] }) {
  const result = useOAuthCallback({ url });
  log?.push(result);
  return <p data-testid="callback">{result.error ? `error ${result.error.code}` : result.status}</p>;
}

/** The callback page as the browser opens it, with the session store shared by both "pages". */
async function land(callbackUrl: string, ui = <CallbackProbe />, strict = true) {
  window.history.replaceState(null, "", callbackUrl);
  const navigate = vi.fn<Navigate>();
  const client = env.client({ tokenStore: "local-storage" });
  const page = (content: ReactNode) => (
    <StackProvider client={client} navigate={navigate} urls={urls}>
      {content}
      <UserProbe />
    </StackProvider>
  );
  const rendered = render(strict ? <StrictMode>{page(ui)}</StrictMode> : page(ui));
  return { ...rendered, navigate, rerender: (next: ReactNode) => rendered.rerender(page(next)) };
}

describe("useOAuth (redirect) + useOAuthCallback", () => {
  it("sends an absolute redirect_uri carrying the return path; the callback exchanges once under StrictMode", async () => {
    window.history.replaceState(null, "", "/handler/sign-in?after_auth_return_to=%2Forders%2F7");
    const providerUrl = await startRedirect();
    const redirectUri = new URL(new URL(providerUrl).searchParams.get("redirect_uri") ?? "");
    // The provider is sent Stack's callback; Stack keeps ours: check it through the final redirect.
    const callbackUrl = await atProvider(providerUrl, "allow", "octo@example.test");
    const landed = new URL(callbackUrl);
    expect(landed.pathname).toBe("/handler/oauth-callback");
    expect(landed.searchParams.get("after_auth_return_to")).toBe("/orders/7");
    expect(redirectUri.pathname).toContain("/oauth/callback/github");

    const { navigate } = await land(callbackUrl);
    await waitFor(() => expect(navigate).toHaveBeenCalled());
    expect(navigate).toHaveBeenCalledTimes(1);
    expect(navigate).toHaveBeenCalledWith("/orders/7", { replace: true });
    expect(screen.getByTestId("callback")).toHaveTextContent("signed-in");
    await waitFor(() => expect(screen.getByTestId("email")).toHaveTextContent("octo@example.test"));
    await settle();
    expect(env.count("POST /auth/oauth/token")).toBe(1);
    // The one-time code is out of the address bar; the return path stays.
    expect(window.location.search).toBe("?after_auth_return_to=%2Forders%2F7");
  });

  it("a new user goes to afterSignUp, a returning one to afterSignIn", async () => {
    const first = await land(await atProvider(await startRedirect(), "allow", "new@example.test"));
    await waitFor(() => expect(first.navigate).toHaveBeenCalledWith("/welcome", { replace: true }));
    first.unmount();
    localStorage.clear();

    window.history.replaceState(null, "", "/handler/sign-in");
    const again = await land(await atProvider(await startRedirect(), "allow", "new@example.test"));
    await waitFor(() => expect(again.navigate).toHaveBeenCalledWith("/welcome-back", { replace: true }));
  });

  it("never follows a return path to another origin", async () => {
    window.history.replaceState(
      null,
      "",
      "/handler/sign-in?after_auth_return_to=https%3A%2F%2Fevil.example%2F",
    );
    const { navigate } = await land(await atProvider(await startRedirect(), "allow", "a@example.test"));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/welcome", { replace: true }));
  });

  it("ignores an unrelated ?code= (and a reload after the sign-in): nothing is sent", async () => {
    const log: UseOAuthCallbackResult[] = [];
    const { navigate } = await land(
      "/handler/oauth-callback?code=abc&state=not-ours",
      <CallbackProbe log={log} />,
    );
    await waitFor(() => expect(screen.getByTestId("callback")).toHaveTextContent("none"));
    await settle();
    expect(env.requests.filter((r) => r.path.startsWith("/auth/oauth"))).toEqual([]);
    expect(navigate).not.toHaveBeenCalled();
    expect(log.every((r) => r.error === undefined)).toBe(true);
    // The app's own parameters stay where they are.
    expect(window.location.search).toBe("?code=abc&state=not-ours");
  });

  it("a cancel at the provider is an error with a way back; the next attempt shows no stale error", async () => {
    const cancelled = await atProvider(await startRedirect(), "cancel");
    window.history.replaceState(null, "", "/handler/sign-in");
    const succeeded = await atProvider(await startRedirect(), "allow", "b@example.test");

    const log: UseOAuthCallbackResult[] = [];
    const { rerender, navigate } = await land(cancelled, <CallbackProbe url={cancelled} log={log} />, false);
    await waitFor(() =>
      expect(screen.getByTestId("callback")).toHaveTextContent("error OAUTH_PROVIDER_ACCESS_DENIED"),
    );
    expect(env.count("POST /auth/oauth/token")).toBe(0);

    // The same page now sees the second attempt's URL (a router kept it mounted).
    const mark = log.length;
    window.history.replaceState(null, "", succeeded);
    rerender(<CallbackProbe url={succeeded} log={log} />);
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/welcome", { replace: true }));
    expect(log.slice(mark).every((r) => r.error === undefined)).toBe(true);
  });
});

describe("<OAuthCallback/>", () => {
  it("shows a cancel as such, with a link back to sign-in", async () => {
    const cancelled = await atProvider(await startRedirect(), "cancel");
    await land(cancelled, <OAuthCallback />);
    expect(await screen.findByRole("alert")).toHaveTextContent("Sign-in was cancelled.");
    expect(screen.getByRole("link", { name: "Back to sign in" })).toHaveAttribute(
      "href",
      // Started on the sign-in page itself: nothing to come back to, and no callback query carried along.
      expect.stringMatching(/^\/handler\/sign-in$/),
    );
  });

  it("asks a TOTP user for the second factor, then goes on", async () => {
    const secret = "MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=";
    env.emulator.addUser({ email: "mfa@example.test", primaryEmailVerified: true, totpSecretBase64: secret });
    const { navigate } = await land(
      await atProvider(await startRedirect(), "allow", "mfa@example.test"),
      <OAuthCallback />,
    );
    const input = await screen.findByLabelText("Authentication code");
    await waitFor(() => expect(input).toHaveFocus());
    await userEvent.type(input, totp(secret, env.emulator.clock.now()));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/welcome-back", { replace: true }));
    await waitFor(() => expect(screen.getByTestId("email")).toHaveTextContent("mfa@example.test"));
  });

  it("in the popup, hands the URL to the opener and closes", async () => {
    const postMessage = vi.fn();
    const close = vi.spyOn(window, "close").mockImplementation(() => {});
    Object.defineProperty(window, "opener", { value: { postMessage }, configurable: true });
    window.name = "stack-oauth";
    try {
      await land("/handler/oauth-callback?code=c&state=s", <OAuthCallback />);
      expect(await screen.findByText("Signed in. You can close this window.")).toBeInTheDocument();
      expect(postMessage).toHaveBeenCalledWith(
        {
          type: "stack-oauth-callback",
          url: `${window.location.origin}/handler/oauth-callback?code=c&state=s`,
        },
        window.location.origin,
      );
      expect(close).toHaveBeenCalled();
      expect(env.count("POST /auth/oauth/token")).toBe(0);
    } finally {
      Object.defineProperty(window, "opener", { value: null, configurable: true });
      window.name = "";
    }
  });
});

describe("useOAuth (popup)", () => {
  /** A stand-in for the popup window: the kit points it at the provider. */
  function fakePopup() {
    const popup = {
      location: { href: "" },
      closed: false,
      close() {
        popup.closed = true;
      },
    };
    vi.spyOn(window, "open").mockImplementation(() => popup as unknown as Window);
    return popup;
  }
  const answer = (url: string) =>
    act(() => {
      window.dispatchEvent(
        new MessageEvent("message", {
          origin: window.location.origin,
          data: { type: "stack-oauth-callback", url },
        }),
      );
    });

  it("signs in here without leaving the page; a cancelled attempt's error goes away on the next one", async () => {
    const out: { current?: UseOAuthResult; all: UseOAuthResult[] } = { all: [] };
    const { navigateExternal } = renderWithStack(
      <>
        <HookHost hook={useOAuth} out={out} />
        <UserProbe />
      </>,
      { client: env.client() },
    );
    const popup = fakePopup();
    let first!: Promise<unknown>;
    act(() => {
      first = out.current?.signIn("github", { popup: true }) as Promise<unknown>;
    });
    await waitFor(() => expect(popup.location.href).toMatch(/\/oauth\/github\/authorize/));
    await answer(await atProvider(popup.location.href, "cancel"));
    await act(async () => {
      expect(await first).toBeNull();
    });
    expect(out.current?.error?.code).toBe("OAUTH_PROVIDER_ACCESS_DENIED");

    const second = fakePopup();
    let next!: Promise<unknown>;
    act(() => {
      next = out.current?.signIn("github", { popup: true }) as Promise<unknown>;
    });
    expect(out.current?.error).toBeUndefined();
    await waitFor(() => expect(second.location.href).toMatch(/\/oauth\/github\/authorize/));
    await answer(await atProvider(second.location.href, "allow", "pop@example.test"));
    await act(async () => {
      expect(await next).toMatchObject({ userId: expect.any(String), isNewUser: true });
    });
    expect(out.current?.error).toBeUndefined();
    await waitFor(() => expect(screen.getByTestId("email")).toHaveTextContent("pop@example.test"));
    expect(navigateExternal).not.toHaveBeenCalled();
    expect(env.count("POST /auth/oauth/token")).toBe(1);
  });
});

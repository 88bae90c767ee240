import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { StackError } from "../../src/core/index.js";
import {
  type UseSignInResult,
  type UseSignOutResult,
  type UseSignUpResult,
  useSignIn,
  useSignOut,
  useSignUp,
} from "../../src/react/index.js";
import {
  API_URL,
  HookHost,
  PASSWORD,
  renderWithStack,
  settle,
  setupStackTest,
  UserProbe,
} from "./support.js";

const env = setupStackTest();

/** Renders a hook next to a `useUser` consumer and hands out its latest result. */
function renderHookWithUser<T>(hook: () => T, client: ReturnType<typeof env.client>) {
  const out: { current?: T; all: T[] } = { all: [] };
  renderWithStack(
    <>
      <HookHost hook={hook} out={out} />
      <UserProbe />
    </>,
    { client },
  );
  return { latest: out as { current: T } };
}

function SignInForm() {
  const { signIn, isPending, error } = useSignIn();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        void signIn({ email: String(data.get("email")), password: String(data.get("password")) });
      }}
    >
      <input name="email" aria-label="Email" />
      <input name="password" aria-label="Password" type="password" />
      <button type="submit" disabled={isPending}>
        Sign in
      </button>
      {error && <p role="alert">{error.code}</p>}
    </form>
  );
}

describe("useSignIn", () => {
  it("is pending while in flight, ignores a second call meanwhile, then shows the user", async () => {
    env.emulator.addUser({ email: "ada@example.test", password: PASSWORD });
    env.emulator.faults.inject({ method: "POST", path: "/auth/password/sign-in", delayMs: 80 });
    const { latest } = renderHookWithUser<UseSignInResult>(useSignIn, env.client());
    expect(latest.current.isPending).toBe(false);
    expect(screen.getByTestId("email")).toHaveTextContent("nobody");

    let first!: Promise<{ userId: string } | null>;
    let second!: Promise<{ userId: string } | null>;
    act(() => {
      first = latest.current.signIn({ email: "ada@example.test", password: PASSWORD });
    });
    expect(latest.current.isPending).toBe(true);
    act(() => {
      second = latest.current.signIn({ email: "ada@example.test", password: PASSWORD });
    });
    expect(second).toBe(first);

    let result: { userId: string } | null = null;
    await act(async () => {
      result = await first;
    });
    expect(result).toMatchObject({ userId: expect.any(String) });
    expect(latest.current.isPending).toBe(false);
    expect(latest.current.error).toBeUndefined();
    await waitFor(() => expect(screen.getByTestId("email")).toHaveTextContent("ada@example.test"));
    expect(env.count("POST /auth/password/sign-in")).toBe(1);
  });

  it("wrong password: resolves null with EMAIL_PASSWORD_MISMATCH, stays signed out, reset() clears it", async () => {
    env.emulator.addUser({ email: "ada@example.test", password: PASSWORD });
    const { latest } = renderHookWithUser<UseSignInResult>(useSignIn, env.client());
    let result: unknown = "unset";
    await act(async () => {
      result = await latest.current.signIn({ email: "ada@example.test", password: "Wrong-Passw0rd-16" });
    });
    expect(result).toBeNull();
    expect(latest.current.isPending).toBe(false);
    expect(latest.current.error?.code).toBe("EMAIL_PASSWORD_MISMATCH");
    expect(latest.current.error?.status).toBe(400);
    expect(screen.getByTestId("email")).toHaveTextContent("nobody");
    await settle();
    expect(env.count("GET /users/me")).toBe(0);

    act(() => latest.current.reset());
    expect(latest.current.error).toBeUndefined();

    // A later attempt with the right password works from the same hook.
    await act(async () => {
      result = await latest.current.signIn({ email: "ada@example.test", password: PASSWORD });
    });
    expect(result).toMatchObject({ userId: expect.any(String) });
    await waitFor(() => expect(screen.getByTestId("email")).toHaveTextContent("ada@example.test"));
  });

  it("a network failure becomes an error, not a rejection", async () => {
    env.emulator.faults.inject({ method: "POST", path: "/auth/password/sign-in", network: true });
    const { latest } = renderHookWithUser<UseSignInResult>(useSignIn, env.client());
    let result: unknown = "unset";
    await act(async () => {
      result = await latest.current.signIn({ email: "ada@example.test", password: PASSWORD });
    });
    expect(result).toBeNull();
    expect(latest.current.error?.code).toBe("NETWORK_ERROR");
    expect(screen.getByTestId("email")).toHaveTextContent("nobody");
  });

  it("works from a form submitted by the user", async () => {
    env.emulator.addUser({ email: "grace@example.test", password: PASSWORD });
    renderWithStack(
      <>
        <SignInForm />
        <UserProbe />
      </>,
      { client: env.client() },
    );
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Email"), "grace@example.test");
    await user.type(screen.getByLabelText("Password"), "nope-nope-nope");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("EMAIL_PASSWORD_MISMATCH");

    await user.clear(screen.getByLabelText("Password"));
    await user.type(screen.getByLabelText("Password"), PASSWORD);
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    await waitFor(() => expect(screen.getByTestId("email")).toHaveTextContent("grace@example.test"));
    expect(screen.queryByRole("alert")).toBeNull();
  });
});

describe("useSignUp", () => {
  const signUp = async (latest: { current: UseSignUpResult }, email: string, password: string) => {
    let result: unknown = "unset";
    await act(async () => {
      result = await latest.current.signUp({ email, password });
    });
    return result;
  };

  it("creates the user and signs them in", async () => {
    const { latest } = renderHookWithUser<UseSignUpResult>(useSignUp, env.client());
    expect(await signUp(latest, "new@example.test", PASSWORD)).toMatchObject({ userId: expect.any(String) });
    expect(latest.current.error).toBeUndefined();
    await waitFor(() => expect(screen.getByTestId("email")).toHaveTextContent("new@example.test"));
  });

  it("taken email → USER_EMAIL_ALREADY_EXISTS", async () => {
    env.emulator.addUser({ email: "taken@example.test", password: PASSWORD });
    const { latest } = renderHookWithUser<UseSignUpResult>(useSignUp, env.client());
    expect(await signUp(latest, "taken@example.test", PASSWORD)).toBeNull();
    expect(latest.current.error?.code).toBe("USER_EMAIL_ALREADY_EXISTS");
    expect(screen.getByTestId("email")).toHaveTextContent("nobody");
  });

  it("short password → PASSWORD_TOO_SHORT with details.min_length", async () => {
    const { latest } = renderHookWithUser<UseSignUpResult>(useSignUp, env.client());
    expect(await signUp(latest, "short@example.test", "abc")).toBeNull();
    const error = latest.current.error as StackError;
    expect(error.code).toBe("PASSWORD_TOO_SHORT");
    expect(error.details).toMatchObject({ min_length: expect.any(Number) });
    expect(error.details?.min_length).toBeGreaterThan(3);
    expect(screen.getByTestId("email")).toHaveTextContent("nobody");
  });
});

describe("useSignOut", () => {
  async function signedInWithSignOut() {
    const store = await env.signedInStore("ada@example.test");
    const { latest } = renderHookWithUser<UseSignOutResult>(useSignOut, env.client({ tokenStore: store }));
    await waitFor(() => expect(screen.getByTestId("email")).toHaveTextContent("ada@example.test"));
    return { store, latest };
  }

  it("signs out: user null, store cleared, session ended on the server", async () => {
    const { store, latest } = await signedInWithSignOut();
    const { refreshToken } = store.get() ?? { refreshToken: "" };
    await act(() => latest.current.signOut());
    expect(screen.getByTestId("email")).toHaveTextContent("nobody");
    expect(store.get()).toBeNull();
    expect(latest.current).toMatchObject({ isPending: false, error: undefined });
    // The server is told in the background.
    await waitFor(() => expect(env.count("DELETE /auth/sessions/current")).toBe(1));
    // The old refresh token is dead on the server.
    await waitFor(async () => {
      const answer = await fetch(`${API_URL}/api/v1/auth/oauth/token`, {
        method: "POST",
        body: new URLSearchParams({
          grant_type: "refresh_token",
          refresh_token: refreshToken,
          client_id: env.emulator.projectId,
          client_secret: env.emulator.publishableClientKey,
        }),
      });
      expect(answer.ok).toBe(false);
    });
  });

  it("signs out locally even when the server's DELETE answers 500", async () => {
    const { store, latest } = await signedInWithSignOut();
    env.emulator.faults.inject({ method: "DELETE", path: "/auth/sessions/current", status: 500 });
    await act(() => latest.current.signOut());
    expect(screen.getByTestId("email")).toHaveTextContent("nobody");
    expect(store.get()).toBeNull();
    expect(latest.current.error).toBeUndefined();
    await waitFor(() => expect(env.count("DELETE /auth/sessions/current")).toBeGreaterThan(0));
  });

  it("signs out locally even when the network is down", async () => {
    const { store, latest } = await signedInWithSignOut();
    env.emulator.faults.inject({ method: "DELETE", path: "/auth/sessions/current", network: true });
    await act(() => latest.current.signOut());
    expect(screen.getByTestId("email")).toHaveTextContent("nobody");
    expect(store.get()).toBeNull();
    expect(latest.current.error).toBeUndefined();
  });

  it("is done, signed out, before the server has answered", async () => {
    const { store, latest } = await signedInWithSignOut();
    env.emulator.faults.inject({ method: "DELETE", path: "/auth/sessions/current", delayMs: 60_000 });
    await act(() => latest.current.signOut());
    expect(screen.getByTestId("email")).toHaveTextContent("nobody");
    expect(store.get()).toBeNull();
    expect(latest.current.isPending).toBe(false);
  });
});

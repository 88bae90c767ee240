// useUser({ or: "anonymous" }): an anonymous user only when asked for, and the same user after signing up.
import { act, screen, waitFor } from "@testing-library/react";
import { Suspense } from "react";
import { describe, expect, it } from "vitest";
import {
  type UseSignUpResult,
  type UseUserResult,
  useSignUp,
  useSuspenseUser,
  useUser,
} from "../../src/react/index.js";
import { HookHost, PASSWORD, renderWithStack, settle, setupStackTest, UserProbe } from "./support.js";

const env = setupStackTest();

function AnonymousProbe({ testId = "anon" }: { testId?: string }) {
  const { user, isLoading, error } = useUser({ or: "anonymous" });
  const text = error
    ? `error ${error.code}`
    : isLoading
      ? "loading"
      : user
        ? `${user.isAnonymous ? "anonymous" : user.primaryEmail} ${user.id}`
        : "nobody";
  return <p data-testid={testId}>{text}</p>;
}

function LoggingProbe({ log }: { log: UseUserResult[] }) {
  const result = useUser({ or: "anonymous" });
  log.push(result);
  return (
    <p data-testid="anon">
      {result.error
        ? `error ${result.error.code}`
        : result.isLoading
          ? "loading"
          : result.user
            ? "ok"
            : "nobody"}
    </p>
  );
}

function SuspenseAnonymous() {
  const user = useSuspenseUser({ or: "anonymous" });
  return <p data-testid="anon">{user.isAnonymous ? "anonymous" : "someone"}</p>;
}

describe('useUser({ or: "anonymous" })', () => {
  it("without it, nobody signed in stays nobody: no anonymous user is created", async () => {
    renderWithStack(<UserProbe />, { client: env.client() });
    await settle();
    expect(screen.getByTestId("email")).toHaveTextContent("nobody");
    expect(env.count("POST /auth/anonymous/sign-up")).toBe(0);
  });

  it("creates one anonymous user for many consumers, under StrictMode too; other consumers still see nobody", async () => {
    renderWithStack(
      <>
        <AnonymousProbe testId="a" />
        <AnonymousProbe testId="b" />
        <UserProbe />
      </>,
      { client: env.client(), strict: true },
    );
    expect(screen.getByTestId("a")).toHaveTextContent("loading");
    await waitFor(() => expect(screen.getByTestId("a")).toHaveTextContent(/^anonymous /));
    expect(screen.getByTestId("b").textContent).toBe(screen.getByTestId("a").textContent);
    await settle();
    expect(env.count("POST /auth/anonymous/sign-up")).toBe(1);
    // An anonymous user is nobody to callers that did not ask for one.
    expect(screen.getByTestId("email")).toHaveTextContent("nobody");
  });

  it("signing up while anonymous upgrades the same user id", async () => {
    const out: { current?: UseSignUpResult; all: UseSignUpResult[] } = { all: [] };
    renderWithStack(
      <>
        <AnonymousProbe />
        <HookHost hook={useSignUp} out={out} />
      </>,
      { client: env.client() },
    );
    await waitFor(() => expect(screen.getByTestId("anon")).toHaveTextContent(/^anonymous /));
    const anonymousId = screen.getByTestId("anon").textContent?.split(" ")[1];
    let result: { userId: string } | null = null;
    await act(async () => {
      result = await (out.current as UseSignUpResult).signUp({
        email: "kept@example.test",
        password: PASSWORD,
      });
    });
    expect(result).toEqual({ userId: anonymousId });
    await waitFor(() =>
      expect(screen.getByTestId("anon")).toHaveTextContent(`kept@example.test ${anonymousId}`),
    );
    expect(env.count("POST /auth/anonymous/sign-up")).toBe(1);
  });

  it("keeps an existing anonymous session instead of creating another", async () => {
    const client = env.client();
    renderWithStack(<AnonymousProbe />, { client });
    await waitFor(() => expect(screen.getByTestId("anon")).toHaveTextContent(/^anonymous /));
    const first = screen.getByTestId("anon").textContent;
    renderWithStack(<AnonymousProbe testId="again" />, { client });
    await waitFor(() => expect(screen.getByTestId("again")).toHaveTextContent(first ?? "?"));
    expect(env.count("POST /auth/anonymous/sign-up")).toBe(1);
  });

  it("a failed anonymous sign-up is an error, not a loop", async () => {
    env.emulator.faults.inject({ method: "POST", path: "/auth/anonymous/sign-up", status: 500, times: 1 });
    const log: UseUserResult[] = [];
    renderWithStack(<LoggingProbe log={log} />, { client: env.client() });
    await waitFor(() => expect(screen.getByTestId("anon")).toHaveTextContent("error SERVER_ERROR"));
    await settle();
    expect(env.count("POST /auth/anonymous/sign-up")).toBe(1);
    expect(log.at(-1)?.isLoading).toBe(false);
    // "Try again" retries it.
    act(() => log.at(-1)?.reload());
    await waitFor(() => expect(screen.getByTestId("anon")).toHaveTextContent("ok"));
    expect(env.count("POST /auth/anonymous/sign-up")).toBe(2);
  });

  it("the suspense form suspends until the anonymous user is there", async () => {
    await act(async () => {
      renderWithStack(
        <Suspense fallback={<p>suspended</p>}>
          <SuspenseAnonymous />
        </Suspense>,
        { client: env.client() },
      );
    });
    await waitFor(() => expect(screen.getByTestId("anon")).toHaveTextContent("anonymous"));
    expect(env.count("POST /auth/anonymous/sign-up")).toBe(1);
  });
});

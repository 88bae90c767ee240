// The flow hooks against the emulator: happy paths and the named failures each one must tell apart.
import { act, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { StackError } from "../../src/core/index.js";
import { signUpWithPassword } from "../../src/core/index.js";
import {
  type UseEmailVerificationResult,
  type UseMagicLinkResult,
  type UseMfaResult,
  type UsePasskeyResult,
  type UsePasswordResetResult,
  useEmailVerification,
  useMagicLink,
  useMfa,
  usePasskey,
  usePasswordReset,
  useSignIn,
} from "../../src/react/index.js";
import { totp } from "../../src/testing/index.js";
import { HookHost, PASSWORD, renderWithStack, setupStackTest, UserProbe } from "./support.js";

const env = setupStackTest();
const TOTP_SECRET = "MTIzNDU2Nzg5MDEyMzQ1Njc4OTA="; // 20 bytes, base64

/** Renders `hook` next to a `useUser` consumer; `latest.current` is its newest result. */
function renderHook<T>(hook: () => T, client = env.client()) {
  const out: { current?: T; all: T[] } = { all: [] };
  const rendered = renderWithStack(
    <>
      <HookHost hook={hook} out={out} />
      <UserProbe />
    </>,
    { client },
  );
  return { latest: out as { current: T }, ...rendered };
}

async function call<R>(fn: () => Promise<R>): Promise<R> {
  let result!: R;
  await act(async () => {
    result = await fn();
  });
  return result;
}

describe("useMagicLink", () => {
  it("sends a code to an absolute callback URL carrying the return path, then signs in with the typed code", async () => {
    window.history.replaceState(null, "", "/handler/sign-in?after_auth_return_to=%2Forders");
    const { latest } = renderHook<UseMagicLinkResult>(useMagicLink);
    const sent = await call(() => latest.current.sendCode({ email: "new@example.test" }));
    expect(sent).toEqual({ nonce: expect.any(String) });
    expect(latest.current.email).toBe("new@example.test");
    const mail = env.emulator.mailbox.latest("new@example.test");
    const link = new URL(mail?.link ?? "");
    expect(link.origin).toBe(window.location.origin);
    expect(link.pathname).toBe("/handler/magic-link-callback");
    expect(link.searchParams.get("after_auth_return_to")).toBe("/orders");

    const result = await call(() => latest.current.signInWithCode(mail?.otp?.toLowerCase() ?? ""));
    expect(result).toEqual({ userId: expect.any(String), isNewUser: true });
    await waitFor(() => expect(screen.getByTestId("email")).toHaveTextContent("new@example.test"));
  });

  it("checkCode does not use the link's code up; the link's full code then signs in", async () => {
    env.emulator.addUser({ email: "ada@example.test", primaryEmailVerified: true });
    const { latest } = renderHook<UseMagicLinkResult>(useMagicLink);
    await call(() => latest.current.sendCode({ email: "ada@example.test" }));
    const code = env.emulator.mailbox.latest()?.code ?? "";
    expect(await call(() => latest.current.checkCode(code))).toBe(true);
    expect(await call(() => latest.current.checkCode(code))).toBe(true);
    expect(await call(() => latest.current.signInWithCode(code))).toEqual({
      userId: expect.any(String),
      isNewUser: false,
    });
    expect(await call(() => latest.current.checkCode(code))).toBe(false);
    expect(latest.current.error?.code).toBe("VERIFICATION_CODE_ALREADY_USED");
  });

  it("names each failure: wrong, used, expired, too many attempts", async () => {
    const { latest } = renderHook<UseMagicLinkResult>(useMagicLink);
    await call(() => latest.current.sendCode({ email: "x@example.test" }));
    const otp = env.emulator.mailbox.latest()?.otp ?? "";
    const wrong = otp === "ZZZZZZ" ? "YYYYYY" : "ZZZZZZ";

    expect(await call(() => latest.current.signInWithCode(wrong))).toBeNull();
    expect(latest.current.error?.code).toBe("VERIFICATION_CODE_NOT_FOUND");
    act(() => latest.current.reset());
    expect(latest.current.error).toBeUndefined();

    // Too many wrong guesses on one code: the right one no longer works either.
    let code = "";
    for (let i = 0; i < 30 && code !== "VERIFICATION_CODE_MAX_ATTEMPTS_REACHED"; i++) {
      await call(() =>
        latest.current.signInWithCode(i % 2 ? wrong : otp.replace(/./, (c) => (c === "A" ? "B" : "A"))),
      );
      code = latest.current.error?.code ?? "";
      if (code !== "VERIFICATION_CODE_MAX_ATTEMPTS_REACHED") {
        expect(await call(() => latest.current.signInWithCode(wrong))).toBeNull();
        code = latest.current.error?.code ?? "";
      }
    }
    expect(await call(() => latest.current.signInWithCode(otp))).toBeNull();
    expect(latest.current.error?.code).toBe("VERIFICATION_CODE_MAX_ATTEMPTS_REACHED");

    // A fresh code works once, then is used; another one expires.
    await call(() => latest.current.sendCode({ email: "x@example.test" }));
    const fresh = env.emulator.mailbox.latest()?.otp ?? "";
    expect(await call(() => latest.current.signInWithCode(fresh))).not.toBeNull();
    expect(await call(() => latest.current.signInWithCode(fresh))).toBeNull();
    expect(latest.current.error?.code).toBe("VERIFICATION_CODE_ALREADY_USED");

    await call(() => latest.current.sendCode({ email: "x@example.test" }));
    const late = env.emulator.mailbox.latest()?.otp ?? "";
    env.emulator.clock.advance(8 * 24 * 60 * 60 * 1000);
    expect(await call(() => latest.current.signInWithCode(late))).toBeNull();
    expect(latest.current.error?.code).toBe("VERIFICATION_CODE_EXPIRED");
  });

  it("an MFA user gets MULTI_FACTOR_AUTHENTICATION_REQUIRED with an attempt code", async () => {
    env.emulator.addUser({
      email: "mfa@example.test",
      primaryEmailVerified: true,
      totpSecretBase64: TOTP_SECRET,
    });
    const { latest } = renderHook<UseMagicLinkResult>(useMagicLink);
    await call(() => latest.current.sendCode({ email: "mfa@example.test" }));
    expect(
      await call(() => latest.current.signInWithCode(env.emulator.mailbox.latest()?.otp ?? "")),
    ).toBeNull();
    expect(latest.current.error?.code).toBe("MULTI_FACTOR_AUTHENTICATION_REQUIRED");
    expect(latest.current.error?.details?.attempt_code).toEqual(expect.any(String));
  });
});

function useSignInWithMfa() {
  return { password: useSignIn(), mfa: useMfa() };
}

describe("useMfa", () => {
  it("finishes a password sign-in with the TOTP; a wrong TOTP is INVALID_TOTP_CODE", async () => {
    env.emulator.addUser({ email: "mfa@example.test", password: PASSWORD, totpSecretBase64: TOTP_SECRET });
    const { latest } = renderHook<{ password: ReturnType<typeof useSignIn>; mfa: UseMfaResult }>(
      useSignInWithMfa,
    );
    expect(
      await call(() => latest.current.password.signIn({ email: "mfa@example.test", password: PASSWORD })),
    ).toBeNull();
    const attemptCode = String(latest.current.password.error?.details?.attempt_code);

    const right = totp(TOTP_SECRET, env.emulator.clock.now());
    const wrong = right === "000000" ? "111111" : "000000";
    expect(await call(() => latest.current.mfa.signIn({ attemptCode, totp: wrong }))).toBeNull();
    expect(latest.current.mfa.error?.code).toBe("INVALID_TOTP_CODE");
    expect(screen.getByTestId("email")).toHaveTextContent("nobody");

    expect(await call(() => latest.current.mfa.signIn({ attemptCode, totp: right }))).toEqual({
      userId: expect.any(String),
      isNewUser: false,
    });
    expect(latest.current.mfa.error).toBeUndefined();
    await waitFor(() => expect(screen.getByTestId("email")).toHaveTextContent("mfa@example.test"));
  });
});

describe("usePasswordReset", () => {
  it("answers the same for unknown emails; mails known ones a link to the reset page", async () => {
    env.emulator.addUser({ email: "ada@example.test", password: PASSWORD });
    const { latest } = renderHook<UsePasswordResetResult>(usePasswordReset);
    expect(await call(() => latest.current.sendEmail({ email: "nobody@example.test" }))).toBe(true);
    expect(env.emulator.mailbox.list()).toHaveLength(0);
    expect(await call(() => latest.current.sendEmail({ email: "ada@example.test" }))).toBe(true);
    const link = new URL(env.emulator.mailbox.latest("ada@example.test")?.link ?? "");
    expect(link.origin + link.pathname).toBe(`${window.location.origin}/handler/password-reset`);
  });

  it("checks without using the code, refuses a short password without burning it, resets once", async () => {
    env.emulator.addUser({ email: "ada@example.test", password: PASSWORD });
    const { latest } = renderHook<UsePasswordResetResult>(usePasswordReset);
    await call(() => latest.current.sendEmail({ email: "ada@example.test" }));
    const code = env.emulator.mailbox.latest()?.code ?? "";

    expect(await call(() => latest.current.checkCode(code))).toBe(true);
    expect(await call(() => latest.current.resetPassword({ code, password: "short" }))).toBe(false);
    expect(latest.current.error?.code).toBe("PASSWORD_TOO_SHORT");
    expect(env.count("POST /auth/password/reset")).toBe(0);
    expect(await call(() => latest.current.resetPassword({ code, password: "A-new-passw0rd" }))).toBe(true);
    expect(await call(() => latest.current.checkCode(code))).toBe(false);
    expect(latest.current.error?.code).toBe("VERIFICATION_CODE_ALREADY_USED");
    expect(await call(() => latest.current.checkCode("x".repeat(45)))).toBe(false);
    expect(latest.current.error?.code).toBe("VERIFICATION_CODE_NOT_FOUND");
  });
});

describe("useEmailVerification", () => {
  it("verifies a sign-up's link code once; the second time is VERIFICATION_CODE_ALREADY_USED", async () => {
    const client = env.client();
    await signUpWithPassword(client, {
      email: "new@example.test",
      password: PASSWORD,
      verificationCallbackUrl: `${window.location.origin}/handler/email-verification`,
    });
    const { latest } = renderHook<UseEmailVerificationResult>(useEmailVerification, env.client());
    const code = env.emulator.mailbox.latest("new@example.test")?.code ?? "";
    expect(await call(() => latest.current.verify(code))).toBe(true);
    expect(await call(() => latest.current.verify(code))).toBe(false);
    expect(latest.current.error?.code).toBe("VERIFICATION_CODE_ALREADY_USED");
  });

  it("resend mails the signed-in user a new link; a verified user gets EMAIL_ALREADY_VERIFIED", async () => {
    const store = await env.signedInStore("ada@example.test");
    const { latest } = renderHook<UseEmailVerificationResult>(
      useEmailVerification,
      env.client({ tokenStore: store }),
    );
    expect(await call(() => latest.current.resend())).toBe(true);
    const mail = env.emulator.mailbox.latest("ada@example.test");
    expect(new URL(mail?.link ?? "").pathname).toBe("/handler/email-verification");
    expect(await call(() => latest.current.verify(mail?.code ?? ""))).toBe(true);
    expect(await call(() => latest.current.resend())).toBe(false);
    expect((latest.current.error as StackError).code).toBe("EMAIL_ALREADY_VERIFIED");
  });
});

describe("usePasskey", () => {
  it("a project without passkeys says so", async () => {
    const { latest } = renderHook<UsePasskeyResult>(usePasskey, env.client());
    expect(await call(() => latest.current.signIn())).toBeNull();
    expect(latest.current.error?.code).toBe("PASSKEY_AUTHENTICATION_NOT_ENABLED");
  });

  it("is not supported without WebAuthn (jsdom); a sign-in attempt fails as PASSKEY_WEBAUTHN_ERROR", async () => {
    env.useEmulator({ passkeyEnabled: true });
    const { latest } = renderHook<UsePasskeyResult>(usePasskey, env.client());
    expect(latest.current.isSupported).toBe(false);
    expect(await call(() => latest.current.signIn())).toBeNull();
    expect(latest.current.error?.code).toBe("PASSKEY_WEBAUTHN_ERROR");
  });
});

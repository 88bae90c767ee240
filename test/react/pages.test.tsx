// The pages emails and redirects land on, and <StackHandler/> serving them all under one route.
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { beforeEach, describe, expect, it } from "vitest";
import {
  EmailVerification,
  ErrorPage,
  ForgotPassword,
  MagicLinkCallback,
  PasswordReset,
  SignOutPage,
  StackHandler,
} from "../../src/components/index.js";
import {
  sendPasswordResetEmail,
  sendSignInCode,
  signInWithPassword,
  signUpWithPassword,
} from "../../src/core/index.js";
import { PASSWORD, renderWithStack, settle, setupStackTest, UserProbe } from "./support.js";

const env = setupStackTest();
const origin = () => window.location.origin;

beforeEach(() => {
  window.history.replaceState(null, "", "/");
});

/** Opens `path` and renders `ui` there (StrictMode: effects run twice, as in development). */
function open(path: string, ui: ReactNode, client = env.client()) {
  window.history.replaceState(null, "", path);
  return renderWithStack(
    <>
      {ui}
      <UserProbe />
    </>,
    { client, strict: true, urls: { afterSignIn: "/home", afterSignUp: "/welcome", afterSignOut: "/bye" } },
  );
}

async function resetCode(email: string) {
  await sendPasswordResetEmail(env.client(), { email, callbackUrl: `${origin()}/handler/password-reset` });
  return env.emulator.mailbox.latest(email)?.code ?? "";
}

describe("<ForgotPassword/>", () => {
  it("gives the same answer whether or not the account exists; only a real account gets mail", async () => {
    env.emulator.addUser({ email: "ada@example.test", password: PASSWORD });
    for (const email of ["nobody@example.test", "ada@example.test"]) {
      const { unmount } = open("/handler/forgot-password", <ForgotPassword />);
      await userEvent.type(screen.getByLabelText("Email"), email);
      await userEvent.click(screen.getByRole("button", { name: "Send reset link" }));
      expect(await screen.findByRole("status")).toHaveTextContent(
        `If an account exists for ${email}, we sent it a link to reset the password. Check your email.`,
      );
      expect(screen.getByRole("link", { name: "Back to sign in" })).toBeInTheDocument();
      unmount();
    }
    expect(env.emulator.mailbox.list().map((m) => m.to)).toEqual(["ada@example.test"]);
  });

  it("asks for the email first, on the field", async () => {
    open("/handler/forgot-password", <ForgotPassword />);
    await userEvent.click(screen.getByRole("button", { name: "Send reset link" }));
    expect(screen.getByLabelText("Email")).toHaveAccessibleDescription("Enter your email address.");
    expect(env.requests).toEqual([]);
  });
});

describe("<PasswordReset/>", () => {
  it("checks the code once on load, then sets the new password; the policy and a typo are caught first", async () => {
    env.emulator.addUser({ email: "ada@example.test", password: PASSWORD });
    const code = await resetCode("ada@example.test");
    env.requests.length = 0;
    open(`/handler/password-reset?code=${code}`, <PasswordReset />);
    expect(screen.getByRole("status")).toHaveTextContent("Checking your link…");
    const password = await screen.findByLabelText("New password");
    expect(env.count("POST /auth/password/reset/check-code")).toBe(1);

    await userEvent.type(password, "short");
    await userEvent.type(screen.getByLabelText("Repeat new password"), "short");
    await userEvent.click(screen.getByRole("button", { name: "Set new password" }));
    expect(await screen.findByText("Use at least 8 characters.")).toBeInTheDocument();
    expect(password).toHaveAttribute("aria-invalid", "true");
    expect(env.count("POST /auth/password/reset")).toBe(0);

    await userEvent.clear(password);
    await userEvent.type(password, "A-new-passw0rd");
    await userEvent.clear(screen.getByLabelText("Repeat new password"));
    await userEvent.type(screen.getByLabelText("Repeat new password"), "A-new-passw0rd!");
    await userEvent.click(screen.getByRole("button", { name: "Set new password" }));
    expect(screen.getByLabelText("Repeat new password")).toHaveAccessibleDescription(
      "The passwords don't match.",
    );
    expect(env.count("POST /auth/password/reset")).toBe(0);

    await userEvent.type(screen.getByLabelText("Repeat new password"), "{Backspace}");
    await userEvent.click(screen.getByRole("button", { name: "Set new password" }));
    expect(await screen.findByRole("status")).toHaveTextContent(
      "Your password has been changed. Sign in with the new one.",
    );
    expect(screen.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/handler/sign-in");
    expect(env.count("POST /auth/password/reset")).toBe(1);
    // The new password works.
    await expect(
      signInWithPassword(env.client(), { email: "ada@example.test", password: "A-new-passw0rd" }),
    ).resolves.toMatchObject({ userId: expect.any(String) });
  });

  it.each([
    ["an unknown code", () => Promise.resolve("x".repeat(45)), "This link isn't valid."],
    [
      "a used code",
      async () => {
        const code = await resetCode("ada@example.test");
        await env.client().request("/auth/password/reset", {
          method: "POST",
          body: { code, password: "Another-passw0rd" },
          auth: false,
        });
        return code;
      },
      "This link was already used.",
    ],
    [
      "an expired code",
      async () => {
        const code = await resetCode("ada@example.test");
        env.emulator.clock.advance(8 * 24 * 3600 * 1000);
        return code;
      },
      "This link has expired.",
    ],
  ])("%s: says so and offers a new link", async (_, makeCode, message) => {
    env.emulator.addUser({ email: "ada@example.test", password: PASSWORD });
    open(`/handler/password-reset?code=${await makeCode()}`, <PasswordReset />);
    expect(await screen.findByRole("alert")).toHaveTextContent(message);
    expect(screen.getByRole("link", { name: "Send a new reset link" })).toHaveAttribute(
      "href",
      expect.stringMatching(/^\/handler\/forgot-password/),
    );
    expect(screen.queryByLabelText("New password")).toBeNull();
  });

  it("a link without a code says it is incomplete, and sends nothing", async () => {
    open("/handler/password-reset", <PasswordReset />);
    expect(await screen.findByRole("alert")).toHaveTextContent("This link is incomplete.");
    await settle();
    expect(env.requests).toEqual([]);
  });
});

describe("<EmailVerification/>", () => {
  async function verificationCode() {
    await signUpWithPassword(env.client(), {
      email: "new@example.test",
      password: PASSWORD,
      verificationCallbackUrl: `${origin()}/handler/email-verification`,
    });
    return env.emulator.mailbox.latest("new@example.test")?.code ?? "";
  }

  it("verifies once (StrictMode too) and says so", async () => {
    const code = await verificationCode();
    env.requests.length = 0;
    const { navigate } = open(`/handler/email-verification?code=${code}`, <EmailVerification />);
    expect(await screen.findByText("Your email is verified.")).toBeInTheDocument();
    await settle();
    expect(env.count("POST /contact-channels/verify")).toBe(1);
    await userEvent.click(screen.getByRole("button", { name: "Continue" }));
    expect(navigate).toHaveBeenCalledWith("/home", { replace: true });
  });

  it("a used link and an invalid one each get their message", async () => {
    const code = await verificationCode();
    await env.client().request("/contact-channels/verify", { method: "POST", body: { code }, auth: false });
    const { unmount } = open(`/handler/email-verification?code=${code}`, <EmailVerification />);
    expect(
      await screen.findByText("This link was already used. Your email may be verified already."),
    ).toHaveAttribute("role", "status");
    unmount();
    open(`/handler/email-verification?code=${"y".repeat(45)}`, <EmailVerification />);
    expect(await screen.findByRole("alert")).toHaveTextContent("This link isn't valid.");
  });

  it("a signed-in user with a dead link can have a new one sent", async () => {
    const store = await env.signedInStore("ada@example.test");
    open(
      `/handler/email-verification?code=${"y".repeat(45)}`,
      <EmailVerification />,
      env.client({ tokenStore: store }),
    );
    await userEvent.click(await screen.findByRole("button", { name: "Send a new verification link" }));
    expect(await screen.findByRole("status")).toHaveTextContent("We sent a new link. Check your email.");
    expect(env.emulator.mailbox.latest("ada@example.test")?.subject).toMatch(/^Verify your email/);
  });
});

describe("<MagicLinkCallback/>", () => {
  async function linkCode(email: string) {
    await sendSignInCode(env.client(), { email, callbackUrl: `${origin()}/handler/magic-link-callback` });
    return env.emulator.mailbox.latest(email)?.code ?? "";
  }

  it("checks the code without using it, then signs in on one click only", async () => {
    const code = await linkCode("new@example.test");
    env.requests.length = 0;
    const { navigate } = open(`/handler/magic-link-callback?code=${code}`, <MagicLinkCallback />);
    const button = await screen.findByRole("button", { name: "Sign in" });
    expect(screen.getByText("Select the button to finish signing in.")).toBeInTheDocument();
    await settle();
    // What a mail scanner running the page would cause: one check, no sign-in.
    expect(env.count("POST /auth/otp/sign-in/check-code")).toBe(1);
    expect(env.count("POST /auth/otp/sign-in")).toBe(0);
    expect(screen.getByTestId("email")).toHaveTextContent("nobody");

    await userEvent.click(button);
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/welcome", { replace: true }));
    await waitFor(() => expect(screen.getByTestId("email")).toHaveTextContent("new@example.test"));
    expect(env.count("POST /auth/otp/sign-in")).toBe(1);
  });

  it("a used link says so, with a way to get a new one", async () => {
    const code = await linkCode("ada@example.test");
    await env.client().request("/auth/otp/sign-in", { method: "POST", body: { code }, auth: false });
    open(`/handler/magic-link-callback?code=${code}`, <MagicLinkCallback />);
    expect(await screen.findByRole("alert")).toHaveTextContent("This link was already used.");
    expect(screen.getByRole("link", { name: "Get a new sign-in link" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Sign in" })).toBeNull();
  });

  it("an expired link says so", async () => {
    const code = await linkCode("ada@example.test");
    env.emulator.clock.advance(8 * 24 * 3600 * 1000);
    open(`/handler/magic-link-callback?code=${code}`, <MagicLinkCallback />);
    expect(await screen.findByRole("alert")).toHaveTextContent("This link has expired.");
  });
});

describe("<SignOutPage/>", () => {
  it("signs out once (StrictMode too) and goes to afterSignOut", async () => {
    const store = await env.signedInStore("ada@example.test");
    const { navigate } = open("/handler/sign-out", <SignOutPage />, env.client({ tokenStore: store }));
    expect(screen.getByRole("status")).toHaveTextContent("Signing out…");
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/bye", { replace: true }));
    expect(navigate).toHaveBeenCalledTimes(1);
    expect(store.get()).toBeNull();
    await waitFor(() => expect(env.count("DELETE /auth/sessions/current")).toBe(1));
    await settle();
    expect(env.count("DELETE /auth/sessions/current")).toBe(1);
  });
});

describe("<ErrorPage/>", () => {
  it("puts a known error in the kit's words, with a way home", async () => {
    open("/handler/error?errorCode=OAUTH_PROVIDER_ACCESS_DENIED&message=denied", <ErrorPage />);
    expect(screen.getByRole("alert")).toHaveTextContent("Sign-in was cancelled.");
    expect(screen.getByRole("link", { name: "Go to the home page" })).toHaveAttribute("href", "/");
  });
});

describe("<StackHandler/>", () => {
  const headingAt = async (path: string, props: Parameters<typeof StackHandler>[0] = {}) => {
    const { unmount } = open(path, <StackHandler {...props} />);
    const heading = (await screen.findAllByRole("heading"))[0]?.textContent;
    unmount();
    return heading;
  };

  it("serves every page under /handler", async () => {
    const pages: Record<string, string> = {
      "sign-in": "Sign in",
      "sign-up": "Create an account",
      "sign-out": "Sign out",
      "oauth-callback": "Signing you in",
      "magic-link-callback": "Sign in",
      "email-verification": "Verify your email",
      "password-reset": "Choose a new password",
      "forgot-password": "Reset your password",
      error: "Something went wrong",
    };
    for (const [page, heading] of Object.entries(pages)) {
      expect([page, await headingAt(`/handler/${page}`)]).toEqual([page, heading]);
    }
    expect(await headingAt("/handler/nope")).toBe("Page not found");
    expect(await headingAt("/handler/sign-in/")).toBe("Sign in");
  });

  it("follows the provider's urls and another prefix; the router's location wins", async () => {
    window.history.replaceState(null, "", "/somewhere-else");
    renderWithStack(<StackHandler prefix="/auth" location="/auth/login" />, {
      client: env.client(),
      urls: { signIn: "/auth/login" },
    });
    expect(await screen.findByLabelText("Password")).toBeInTheDocument();
    expect(screen.getByRole("heading")).toHaveTextContent("Sign in");
  });
});

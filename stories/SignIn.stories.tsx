import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { SignIn } from "../src/index.js";
import {
  currentTotp,
  DarkTheme,
  demoUser,
  mfaUser,
  navigate,
  navigateExternal,
  StackDecorator,
  stack,
  storyEmulator,
  withStackEmulator,
  wrongTotp,
} from "./emulator.js";

/** Signs in with emailed codes only (no password); a verified address, as after an earlier code sign-in. */
const codeUser = { email: "lin@example.com", primaryEmailVerified: true };

const meta = {
  title: "Components/SignIn",
  component: SignIn,
  decorators: [StackDecorator],
  beforeEach: withStackEmulator,
  parameters: stack({ project: { seedUsers: [demoUser, codeUser] } }),
} satisfies Meta<typeof SignIn>;
export default meta;
type Story = StoryObj<typeof meta>;

const SIGN_IN = "/api/v1/auth/password/sign-in";

async function fillAndSubmit(canvasElement: HTMLElement, password = demoUser.password) {
  const canvas = within(canvasElement);
  await userEvent.type(await canvas.findByLabelText("Email"), demoUser.email);
  await userEvent.type(canvas.getByLabelText("Password"), password);
  await userEvent.click(canvas.getByRole("button", { name: "Sign in" }));
  return canvas;
}

export const Idle: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByLabelText("Email")).toBeVisible();
    await expect(canvas.getByRole("link", { name: "Sign up" })).toBeVisible();
    // Only what the project enables: no OAuth providers, passkeys off.
    await expect(canvas.queryByRole("button", { name: /^Continue with/ })).toBeNull();
    await expect(canvas.queryByRole("button", { name: "Sign in with a passkey" })).toBeNull();
  },
};

export const Loading: Story = {
  parameters: stack({ setup: (e) => e.faults.inject({ path: "/api/v1/projects/current", delayMs: 60_000 }) }),
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole("status")).toHaveTextContent("Loading…");
  },
};

export const Submitting: Story = {
  parameters: stack({ setup: (e) => e.faults.inject({ path: SIGN_IN, delayMs: 60_000 }) }),
  play: async ({ canvasElement }) => {
    const canvas = await fillAndSubmit(canvasElement);
    const button = await canvas.findByRole("button", { name: "Signing in…" });
    await expect(button).toHaveAttribute("aria-disabled", "true");
    await expect(canvas.getByLabelText("Email")).toHaveValue(demoUser.email);
  },
};

export const EmptyEmail: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole("button", { name: "Sign in" }));
    await expect(await canvas.findByText("Enter your email address.")).toBeVisible();
    await expect(canvas.getByLabelText("Email")).toHaveAttribute("aria-invalid", "true");
    await waitFor(() => expect(canvas.getByLabelText("Email")).toHaveFocus());
  },
};

export const WrongPassword: Story = {
  play: async ({ canvasElement }) => {
    const canvas = await fillAndSubmit(canvasElement, "not-the-password");
    await expect(await canvas.findByRole("alert")).toHaveTextContent("Wrong email or password.");
    await expect(canvas.getByLabelText("Password")).toHaveValue("not-the-password");
    await expect(canvas.queryByRole("button", { name: "Try again" })).toBeNull();
  },
};

export const NetworkDown: Story = {
  parameters: stack({ setup: (e) => e.faults.inject({ path: SIGN_IN, network: true, times: 1 }) }),
  play: async ({ canvasElement }) => {
    const canvas = await fillAndSubmit(canvasElement);
    await expect(await canvas.findByRole("alert")).toHaveTextContent("Can't reach the server");
    await expect(canvas.getByLabelText("Password")).toHaveValue(demoUser.password);
    // The retry resends what was typed; the network is back.
    await userEvent.click(canvas.getByRole("button", { name: "Try again" }));
    await expect(await canvas.findByText("Signed in. Taking you back…")).toBeVisible();
  },
};

export const RateLimited: Story = {
  parameters: stack({ setup: (e) => e.faults.inject({ path: SIGN_IN, status: 429 }) }),
  play: async ({ canvasElement }) => {
    const canvas = await fillAndSubmit(canvasElement);
    await expect(await canvas.findByRole("alert")).toHaveTextContent("Too many attempts");
    await expect(canvas.getByRole("button", { name: "Try again" })).toBeVisible();
  },
};

export const ServerError: Story = {
  parameters: stack({ setup: (e) => e.faults.inject({ path: SIGN_IN, status: 500 }) }),
  play: async ({ canvasElement }) => {
    const canvas = await fillAndSubmit(canvasElement);
    await expect(await canvas.findByRole("alert")).toHaveTextContent("Something went wrong on the server");
    await expect(canvas.getByLabelText("Email")).toHaveValue(demoUser.email);
  },
};

export const Success: Story = {
  play: async ({ canvasElement }) => {
    const canvas = await fillAndSubmit(canvasElement);
    await expect(await canvas.findByRole("status")).toHaveTextContent("Signed in. Taking you back…");
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/", { replace: true }));
  },
};

export const PasswordSignInDisabled: Story = {
  parameters: stack({ project: { credentialEnabled: false } }),
  play: async ({ canvasElement }) => {
    // Magic link is still on: the email-code form is the way in.
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("button", { name: "Email me a code" })).toBeVisible();
    await expect(canvas.getByLabelText("Email")).toBeVisible();
    await expect(canvas.queryByLabelText("Password")).toBeNull();
    await expect(canvas.queryByRole("button", { name: "Use a password instead" })).toBeNull();
  },
};

export const NoSignInMethods: Story = {
  parameters: stack({ project: { credentialEnabled: false, magicLinkEnabled: false } }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText("No sign-in method is enabled for this project.")).toBeVisible();
    await expect(canvas.queryByLabelText("Email")).toBeNull();
    await expect(canvas.queryByRole("button")).toBeNull();
  },
};

export const AlreadySignedIn: Story = {
  parameters: stack({ signedInAs: demoUser }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText(`You are signed in as ${demoUser.email}.`)).toBeVisible();
    await userEvent.click(canvas.getByRole("button", { name: "Sign out" }));
    await expect(await canvas.findByLabelText("Email")).toBeVisible();
  },
};

export const Dark: Story = {
  decorators: [DarkTheme],
  play: WrongPassword.play,
};

// One-click methods

export const OAuthProviders: Story = {
  parameters: stack({ project: { oauthProviders: ["github", "google"] } }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByLabelText("Email");
    // The most used provider first, whatever order the project lists them in; then "or" and the form.
    const buttons = canvas.getAllByRole("button", { name: /^Continue with/ });
    await expect(buttons.map((b) => b.textContent)).toEqual(["Continue with Google", "Continue with GitHub"]);
    await expect(canvas.getByText("or")).toBeVisible();
    await expect(canvas.getByLabelText("Password")).toBeVisible();
  },
};

export const OAuthRedirecting: Story = {
  parameters: stack({ project: { oauthProviders: ["github", "google"] } }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole("button", { name: "Continue with GitHub" }));
    await expect(await canvas.findByRole("button", { name: "Taking you to GitHub…" })).toHaveAttribute(
      "aria-disabled",
      "true",
    );
    await expect(canvas.getByRole("button", { name: "Continue with Google" })).toHaveAttribute(
      "aria-disabled",
      "true",
    );
    await expect(canvas.getByRole("button", { name: "Sign in" })).toHaveAttribute("aria-disabled", "true");
    // Off to the provider's consent page (the emulator's mock provider).
    await waitFor(() =>
      expect(navigateExternal).toHaveBeenCalledWith(
        expect.stringContaining("/__stack-emulator/oauth/github/authorize?client_id=github"),
      ),
    );
  },
};

export const Passkey: Story = {
  parameters: stack({ project: { passkeyEnabled: true } }),
  play: async ({ canvasElement }) => {
    // Chromium supports WebAuthn, so the button shows (it is hidden where the browser cannot use passkeys).
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("button", { name: "Sign in with a passkey" })).not.toHaveAttribute(
      "aria-disabled",
    );
    await expect(canvas.getByText("or")).toBeVisible();
    await expect(canvas.getByLabelText("Password")).toBeVisible();
  },
};

// Email code (magic link / OTP)

/** Switches to the email code, asks for one for `email`, and lands on "Check your email". */
async function requestCode(canvasElement: HTMLElement, email = codeUser.email) {
  const canvas = within(canvasElement);
  await userEvent.click(await canvas.findByRole("button", { name: "Email me a sign-in code instead" }));
  const field = canvas.getByLabelText("Email");
  await waitFor(() => expect(field).toHaveFocus());
  await userEvent.type(field, email);
  await userEvent.click(canvas.getByRole("button", { name: "Email me a code" }));
  await expect(await canvas.findByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(
    canvas.getByText(`We sent a code to ${email}. Enter it below, or open the link in the email.`),
  ).toBeVisible();
  const code = canvas.getByLabelText("Code");
  await waitFor(() => expect(code).toHaveFocus());
  return { canvas, code };
}

const mailedOtp = (email = codeUser.email) => {
  const otp = storyEmulator().mailbox.latest(email)?.otp;
  if (!otp) throw new Error(`no sign-in code was mailed to ${email}`);
  return otp;
};

export const EmailCode: Story = {
  play: async ({ canvasElement }) => {
    const { canvas, code } = await requestCode(canvasElement);
    // Signs in on the last character: no button to press.
    await userEvent.type(code, mailedOtp().toLowerCase());
    await expect(code).toHaveValue(mailedOtp());
    await expect(await canvas.findByRole("status")).toHaveTextContent("Signed in. Taking you back…");
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/", { replace: true }));
  },
};

export const EmailCodeNewAccount: Story = {
  play: async ({ canvasElement }) => {
    // An address without an account gets one: the code signs up.
    const { canvas, code } = await requestCode(canvasElement, "newcomer@example.com");
    await userEvent.type(code, mailedOtp("newcomer@example.com"));
    await expect(await canvas.findByRole("status")).toHaveTextContent("Account created. Taking you back…");
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/", { replace: true }));
  },
};

export const EmailCodeWrong: Story = {
  play: async ({ canvasElement }) => {
    const { canvas, code } = await requestCode(canvasElement);
    const wrong = mailedOtp() === "AAAAAA" ? "BBBBBB" : "AAAAAA";
    await userEvent.type(code, wrong);
    await expect(await canvas.findByRole("alert")).toHaveTextContent(
      "That code isn't right. Check it and try again.",
    );
    await expect(code).toHaveAttribute("aria-invalid", "true");
    await expect(code).toHaveAccessibleDescription("That code isn't right. Check it and try again.");
    await expect(code).toHaveValue(wrong);
    // A second try with the right code still works.
    await userEvent.clear(code);
    await userEvent.type(code, mailedOtp());
    await expect(await canvas.findByText("Signed in. Taking you back…")).toBeVisible();
  },
};

export const EmailCodeResend: Story = {
  play: async ({ canvasElement }) => {
    const { canvas, code } = await requestCode(canvasElement);
    const first = storyEmulator().mailbox.latest(codeUser.email);
    await userEvent.click(canvas.getByRole("button", { name: "Send a new code" }));
    await expect(await canvas.findByRole("status")).toHaveTextContent("We sent a new code.");
    await expect(storyEmulator().mailbox.list()).toHaveLength(2);
    await expect(storyEmulator().mailbox.latest(codeUser.email)?.id).not.toBe(first?.id);
    await userEvent.type(code, mailedOtp());
    await expect(await canvas.findByText("Signed in. Taking you back…")).toBeVisible();
  },
};

export const EmailCodeDark: Story = {
  decorators: [DarkTheme],
  play: async ({ canvasElement }) => {
    const { canvas, code } = await requestCode(canvasElement);
    await userEvent.type(code, mailedOtp() === "AAAAAA" ? "BBBBBB" : "AAAAAA");
    await expect(await canvas.findByRole("alert")).toHaveTextContent("That code isn't right.");
  },
};

// Second factor

/** Signs in `mfaUser` with the password and lands on the authenticator step. */
async function reachMfaStep(canvasElement: HTMLElement) {
  const canvas = within(canvasElement);
  await userEvent.type(await canvas.findByLabelText("Email"), mfaUser.email);
  await userEvent.type(canvas.getByLabelText("Password"), mfaUser.password);
  await userEvent.click(canvas.getByRole("button", { name: "Sign in" }));
  await expect(await canvas.findByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
  await expect(canvas.getByText("Enter the 6-digit code from your authenticator app.")).toBeVisible();
  const code = canvas.getByLabelText("Authentication code");
  await waitFor(() => expect(code).toHaveFocus());
  return { canvas, code };
}

const withMfaUser = stack({ project: { seedUsers: [mfaUser] } });

export const Mfa: Story = {
  parameters: withMfaUser,
  play: async ({ canvasElement }) => {
    const { code } = await reachMfaStep(canvasElement);
    await expect(code).toHaveAttribute("inputmode", "numeric");
    await expect(code).toHaveAttribute("autocomplete", "one-time-code");
    await expect(navigate).not.toHaveBeenCalled();
  },
};

export const MfaWrongCode: Story = {
  parameters: withMfaUser,
  play: async ({ canvasElement }) => {
    const { canvas, code } = await reachMfaStep(canvasElement);
    await userEvent.type(code, wrongTotp());
    await expect(await canvas.findByRole("alert")).toHaveTextContent(
      "That code isn't right. Enter the current code from your app.",
    );
    await expect(code).toHaveAttribute("aria-invalid", "true");
    await expect(navigate).not.toHaveBeenCalled();
  },
};

export const MfaSuccess: Story = {
  parameters: withMfaUser,
  play: async ({ canvasElement }) => {
    const { canvas, code } = await reachMfaStep(canvasElement);
    await userEvent.type(code, wrongTotp());
    await canvas.findByRole("alert");
    await userEvent.clear(code);
    await userEvent.type(code, currentTotp());
    await expect(await canvas.findByRole("status")).toHaveTextContent("Signed in. Taking you back…");
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/", { replace: true }));
  },
};

export const MfaBack: Story = {
  parameters: withMfaUser,
  play: async ({ canvasElement }) => {
    const { canvas } = await reachMfaStep(canvasElement);
    await userEvent.click(canvas.getByRole("button", { name: "Back" }));
    await expect(await canvas.findByLabelText("Email")).toHaveValue(mfaUser.email);
  },
};

export const MfaDark: Story = {
  parameters: withMfaUser,
  decorators: [DarkTheme],
  play: MfaWrongCode.play,
};

import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { SignUp } from "../src/index.js";
import {
  DarkTheme,
  demoUser,
  navigate,
  navigateExternal,
  StackDecorator,
  stack,
  storyEmulator,
  withStackEmulator,
} from "./emulator.js";

const meta = {
  title: "Components/SignUp",
  component: SignUp,
  decorators: [StackDecorator],
  beforeEach: withStackEmulator,
} satisfies Meta<typeof SignUp>;
export default meta;
type Story = StoryObj<typeof meta>;

const SIGN_UP = "/api/v1/auth/password/sign-up";

async function fillAndSubmit(
  canvasElement: HTMLElement,
  email = demoUser.email,
  password = demoUser.password,
) {
  const canvas = within(canvasElement);
  await userEvent.type(await canvas.findByLabelText("Email"), email);
  await userEvent.type(canvas.getByLabelText("Password"), password);
  await userEvent.click(canvas.getByRole("button", { name: "Create account" }));
  return canvas;
}

export const Idle: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByLabelText("Email")).toBeVisible();
    await expect(canvas.getByText("At least 8 characters.")).toBeVisible();
  },
};

export const Loading: Story = {
  parameters: stack({ setup: (e) => e.faults.inject({ path: "/api/v1/projects/current", delayMs: 60_000 }) }),
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole("status")).toHaveTextContent("Loading…");
  },
};

export const Submitting: Story = {
  parameters: stack({ setup: (e) => e.faults.inject({ path: SIGN_UP, delayMs: 60_000 }) }),
  play: async ({ canvasElement }) => {
    const canvas = await fillAndSubmit(canvasElement);
    await expect(await canvas.findByRole("button", { name: "Creating account…" })).toHaveAttribute(
      "aria-disabled",
      "true",
    );
  },
};

export const PasswordTooShort: Story = {
  play: async ({ canvasElement }) => {
    const canvas = await fillAndSubmit(canvasElement, demoUser.email, "short");
    await expect(await canvas.findByText("Use at least 8 characters.")).toBeVisible();
    await expect(canvas.getByLabelText("Password")).toHaveAttribute("aria-invalid", "true");
    await waitFor(() => expect(canvas.getByLabelText("Password")).toHaveFocus());
    await expect(canvas.getByLabelText("Email")).toHaveValue(demoUser.email);
  },
};

export const EmailTaken: Story = {
  parameters: stack({ project: { seedUsers: [demoUser] } }),
  play: async ({ canvasElement }) => {
    const canvas = await fillAndSubmit(canvasElement);
    const email = canvas.getByLabelText("Email");
    await expect(await canvas.findByRole("link", { name: "Sign in instead" })).toHaveAttribute(
      "href",
      expect.stringMatching(/^\/handler\/sign-in\?/),
    );
    await expect(email).toHaveAccessibleDescription(
      "An account with this email already exists. Sign in instead",
    );
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(canvas.getByLabelText("Password")).toHaveValue(demoUser.password);
  },
};

export const InvalidEmail: Story = {
  play: async ({ canvasElement }) => {
    const canvas = await fillAndSubmit(canvasElement, "not-an-email");
    await expect(await canvas.findByText("Enter a valid email address.")).toBeVisible();
    await expect(canvas.getByLabelText("Email")).toHaveAttribute("aria-invalid", "true");
  },
};

export const NetworkDown: Story = {
  parameters: stack({ setup: (e) => e.faults.inject({ path: SIGN_UP, network: true, times: 1 }) }),
  play: async ({ canvasElement }) => {
    const canvas = await fillAndSubmit(canvasElement);
    await expect(await canvas.findByRole("alert")).toHaveTextContent("Can't reach the server");
    await userEvent.click(canvas.getByRole("button", { name: "Try again" }));
    await expect(await canvas.findByText("Account created. Taking you back…")).toBeVisible();
  },
};

export const ServerError: Story = {
  parameters: stack({ setup: (e) => e.faults.inject({ path: SIGN_UP, status: 503 }) }),
  play: async ({ canvasElement }) => {
    const canvas = await fillAndSubmit(canvasElement);
    await expect(await canvas.findByRole("alert")).toHaveTextContent("Something went wrong on the server");
    await expect(canvas.getByLabelText("Password")).toHaveValue(demoUser.password);
  },
};

export const Success: Story = {
  play: async ({ canvasElement }) => {
    await fillAndSubmit(canvasElement);
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/", { replace: true }));
    // The cloud would send this verification email; the emulator's mailbox has it.
    const mail = storyEmulator().mailbox.latest(demoUser.email);
    await expect(mail?.subject).toBe("Verify your email at Storybook");
  },
};

export const SignUpDisabled: Story = {
  parameters: stack({ project: { signUpEnabled: false } }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText("New accounts can't be created for this project.")).toBeVisible();
    await expect(canvas.queryByLabelText("Email")).toBeNull();
  },
};

export const Dark: Story = {
  decorators: [DarkTheme],
  play: PasswordTooShort.play,
};

export const OAuthAndPassword: Story = {
  parameters: stack({ project: { oauthProviders: ["github", "google"], passkeyEnabled: true } }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByLabelText("Password")).toBeVisible();
    const buttons = canvas.getAllByRole("button", { name: /^Continue with/ });
    await expect(buttons.map((b) => b.textContent)).toEqual(["Continue with Google", "Continue with GitHub"]);
    // Passkeys sign in; they never create an account.
    await expect(canvas.queryByRole("button", { name: "Sign in with a passkey" })).toBeNull();
    await userEvent.click(canvas.getByRole("button", { name: "Continue with GitHub" }));
    await expect(await canvas.findByRole("button", { name: "Taking you to GitHub…" })).toHaveAttribute(
      "aria-disabled",
      "true",
    );
    await expect(canvas.getByRole("button", { name: "Create account" })).toHaveAttribute(
      "aria-disabled",
      "true",
    );
    await waitFor(() =>
      expect(navigateExternal).toHaveBeenCalledWith(
        expect.stringContaining("/__stack-emulator/oauth/github/"),
      ),
    );
  },
};

export const OAuthDark: Story = { ...OAuthAndPassword, decorators: [DarkTheme] };

import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { SignIn } from "../src/index.js";
import { demoUser, navigate, StackDecorator, stack, withStackEmulator } from "./emulator.js";

const meta = {
  title: "Components/SignIn",
  component: SignIn,
  decorators: [StackDecorator],
  beforeEach: withStackEmulator,
  parameters: stack({ project: { seedUsers: [demoUser] } }),
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
    await expect(button).toBeDisabled();
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
    const canvas = within(canvasElement);
    await expect(await canvas.findByText("Password sign-in is not enabled for this project.")).toBeVisible();
    await expect(canvas.queryByLabelText("Password")).toBeNull();
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
  decorators: [
    (Story) => (
      <div data-stack-theme="dark" style={{ background: "#020617", padding: 24 }}>
        <Story />
      </div>
    ),
  ],
  play: WrongPassword.play,
};

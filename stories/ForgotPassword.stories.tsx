import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { ForgotPassword } from "../src/index.js";
import { DarkTheme, demoUser, StackDecorator, stack, storyEmulator, withStackEmulator } from "./emulator.js";

const meta = {
  title: "Components/ForgotPassword",
  component: ForgotPassword,
  decorators: [StackDecorator],
  beforeEach: withStackEmulator,
  parameters: stack({ project: { seedUsers: [demoUser] } }),
} satisfies Meta<typeof ForgotPassword>;
export default meta;
type Story = StoryObj<typeof meta>;

async function send(canvasElement: HTMLElement, email: string) {
  const canvas = within(canvasElement);
  await userEvent.type(await canvas.findByLabelText("Email"), email);
  await userEvent.click(canvas.getByRole("button", { name: "Send reset link" }));
  return canvas;
}

const sentMessage = (email: string) =>
  `If an account exists for ${email}, we sent it a link to reset the password. Check your email.`;

export const Idle: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole("heading", { name: "Reset your password" })).toBeVisible();
    await expect(canvas.getByLabelText("Email")).toBeVisible();
    await expect(canvas.getByRole("link", { name: "Back to sign in" })).toHaveAttribute(
      "href",
      expect.stringMatching(/^\/handler\/sign-in\?after_auth_return_to=/),
    );
  },
};

export const EmptyEmail: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole("button", { name: "Send reset link" }));
    await expect(await canvas.findByText("Enter your email address.")).toBeVisible();
    await waitFor(() => expect(canvas.getByLabelText("Email")).toHaveFocus());
  },
};

export const Sent: Story = {
  play: async ({ canvasElement }) => {
    const canvas = await send(canvasElement, demoUser.email);
    await expect(await canvas.findByRole("heading", { name: "Check your email" })).toBeVisible();
    const status = canvas.getByRole("status");
    await expect(status).toHaveTextContent(sentMessage(demoUser.email));
    await waitFor(() => expect(status).toHaveFocus());
    await expect(storyEmulator().mailbox.latest(demoUser.email)?.subject).toBe(
      "Reset your password at Storybook",
    );
  },
};

export const UnknownEmail: Story = {
  play: async ({ canvasElement }) => {
    // The same words as for an account that exists: the page never tells who has one.
    const canvas = await send(canvasElement, "nobody@example.com");
    await expect(await canvas.findByRole("status")).toHaveTextContent(sentMessage("nobody@example.com"));
    await expect(storyEmulator().mailbox.list()).toHaveLength(0);
  },
};

export const NetworkDown: Story = {
  parameters: stack({
    setup: (e) => {
      e.faults.inject({ path: "/auth/password/send-reset-code", network: true });
    },
  }),
  play: async ({ canvasElement }) => {
    const canvas = await send(canvasElement, demoUser.email);
    await expect(await canvas.findByRole("alert")).toHaveTextContent("Can't reach the server");
    await userEvent.click(canvas.getByRole("button", { name: "Try again" }));
    await expect(await canvas.findByRole("status")).toHaveTextContent(sentMessage(demoUser.email));
  },
};

export const Dark: Story = {
  decorators: [DarkTheme],
  play: Sent.play,
};

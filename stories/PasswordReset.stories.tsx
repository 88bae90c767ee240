import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { resetPassword, sendPasswordResetEmail, signInWithPassword } from "../src/core/index.js";
import { PasswordReset } from "../src/index.js";
import {
  DarkTheme,
  demoUser,
  mailLink,
  newClient,
  pageUrl,
  StackDecorator,
  stack,
  withStackEmulator,
} from "./emulator.js";

const meta = {
  title: "Components/PasswordReset",
  component: PasswordReset,
  decorators: [StackDecorator],
  beforeEach: withStackEmulator,
  // The page opens from the link of a real reset mail (the code is read from the URL).
  parameters: stack({
    project: { seedUsers: [demoUser] },
    setup: (_, client) =>
      sendPasswordResetEmail(client, {
        email: demoUser.email,
        callbackUrl: pageUrl("/handler/password-reset"),
      }),
    url: mailLink(demoUser.email),
  }),
} satisfies Meta<typeof PasswordReset>;
export default meta;
type Story = StoryObj<typeof meta>;

const newPassword = "a-brand-new-password";

async function choose(canvasElement: HTMLElement, password: string, repeat = password) {
  const canvas = within(canvasElement);
  await userEvent.type(await canvas.findByLabelText("New password"), password);
  await userEvent.type(canvas.getByLabelText("Repeat new password"), repeat);
  await userEvent.click(canvas.getByRole("button", { name: "Set new password" }));
  return canvas;
}

export const Form: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    // "Checking your link…" first (the code is checked, not used), then the form.
    const password = await canvas.findByLabelText("New password");
    await expect(canvas.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
    await waitFor(() => expect(password).toHaveFocus());
    await expect(password).toHaveAccessibleDescription("At least 8 characters.");
    await expect(canvas.getByRole("link", { name: "Send a new reset link" })).toBeVisible();
  },
};

export const TooShort: Story = {
  play: async ({ canvasElement }) => {
    const canvas = await choose(canvasElement, "short");
    const password = canvas.getByLabelText("New password");
    await expect(await canvas.findByText("Use at least 8 characters.")).toBeVisible();
    await expect(password).toHaveAttribute("aria-invalid", "true");
    await waitFor(() => expect(password).toHaveFocus());
    // Refused before asking the server: the link still works.
    await userEvent.clear(password);
    await userEvent.type(password, newPassword);
    await userEvent.clear(canvas.getByLabelText("Repeat new password"));
    await userEvent.type(canvas.getByLabelText("Repeat new password"), newPassword);
    await userEvent.click(canvas.getByRole("button", { name: "Set new password" }));
    await expect(await canvas.findByRole("status")).toHaveTextContent("Your password has been changed.");
  },
};

export const Mismatch: Story = {
  play: async ({ canvasElement }) => {
    const canvas = await choose(canvasElement, newPassword, "a-brand-new-pasword");
    await expect(await canvas.findByText("The passwords don't match.")).toBeVisible();
    await waitFor(() => expect(canvas.getByLabelText("Repeat new password")).toHaveFocus());
  },
};

export const Success: Story = {
  play: async ({ canvasElement }) => {
    const canvas = await choose(canvasElement, newPassword);
    await expect(await canvas.findByRole("status")).toHaveTextContent(
      "Your password has been changed. Sign in with the new one.",
    );
    await expect(canvas.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/handler/sign-in");
    // The new password is the one that works now.
    await expect(
      signInWithPassword(newClient(), { email: demoUser.email, password: newPassword }),
    ).resolves.toBeTruthy();
  },
};

export const InvalidCode: Story = {
  args: { code: "x".repeat(45) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("alert")).toHaveTextContent(
      "This link isn't valid. Open the whole link from the most recent email.",
    );
    await expect(canvas.getByRole("link", { name: "Send a new reset link" })).toBeVisible();
    await expect(canvas.queryByLabelText("New password")).toBeNull();
  },
};

export const UsedCode: Story = {
  parameters: stack({
    setup: async (emulator, client) => {
      await sendPasswordResetEmail(client, {
        email: demoUser.email,
        callbackUrl: pageUrl("/handler/password-reset"),
      });
      const code = emulator.mailbox.latest(demoUser.email)?.code ?? "";
      await resetPassword(client, { code, password: newPassword });
    },
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("alert")).toHaveTextContent("This link was already used.");
    await expect(canvas.getByRole("link", { name: "Send a new reset link" })).toBeVisible();
  },
};

export const MissingCode: Story = {
  parameters: stack({ url: "/handler/password-reset" }),
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole("alert")).toHaveTextContent(
      "This link is incomplete. Open the whole link from the email.",
    );
  },
};

export const Dark: Story = {
  decorators: [DarkTheme],
  play: Mismatch.play,
};

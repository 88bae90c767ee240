import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { sendSignInCode, signInWithCode } from "../src/core/index.js";
import { MagicLinkCallback } from "../src/index.js";
import {
  currentTotp,
  DarkTheme,
  mailLink,
  mfaUser,
  navigate,
  newClient,
  pageUrl,
  StackDecorator,
  stack,
  storyEmulator,
  withStackEmulator,
} from "./emulator.js";

const email = "lin@example.com";
const callbackUrl = pageUrl("/handler/magic-link-callback");
const WEEK = 7 * 24 * 60 * 60 * 1000;

const meta = {
  title: "Components/MagicLinkCallback",
  component: MagicLinkCallback,
  decorators: [StackDecorator],
  beforeEach: withStackEmulator,
  // The page opens from the link of a real sign-in mail (the code is read from the URL).
  parameters: stack({
    project: { seedUsers: [{ email, primaryEmailVerified: true }] },
    setup: (_, client) => sendSignInCode(client, { email, callbackUrl }),
    url: mailLink(email),
  }),
} satisfies Meta<typeof MagicLinkCallback>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Ready: Story = {
  play: async ({ canvasElement }) => {
    // Opening the link (as a mail scanner would) signs no one in: it waits for one click.
    const canvas = within(canvasElement);
    await expect(await canvas.findByText("Select the button to finish signing in.")).toBeVisible();
    await expect(canvas.getByRole("button", { name: "Sign in" })).not.toHaveAttribute("aria-disabled");
    await expect(navigate).not.toHaveBeenCalled();
  },
};

export const SignedIn: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole("button", { name: "Sign in" }));
    await expect(await canvas.findByRole("status")).toHaveTextContent("Signed in. Taking you back…");
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/", { replace: true }));
  },
};

export const AlreadyUsed: Story = {
  parameters: stack({
    setup: async (emulator) => {
      // Used already, e.g. in another browser.
      const other = newClient();
      await sendSignInCode(other, { email, callbackUrl });
      await signInWithCode(other, emulator.mailbox.latest(email)?.code ?? "");
    },
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("alert")).toHaveTextContent("This link was already used.");
    await expect(canvas.getByRole("link", { name: "Get a new sign-in link" })).toBeVisible();
    await expect(canvas.queryByRole("button", { name: "Sign in" })).toBeNull();
  },
};

export const Expired: Story = {
  parameters: stack({
    setup: async (emulator, client) => {
      await sendSignInCode(client, { email, callbackUrl });
      emulator.clock.advance(WEEK + 60_000);
    },
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("alert")).toHaveTextContent("This link has expired.");
    await expect(canvas.getByRole("link", { name: "Get a new sign-in link" })).toBeVisible();
  },
};

export const SecondFactor: Story = {
  parameters: stack({
    project: { seedUsers: [{ ...mfaUser, primaryEmailVerified: true }] },
    setup: (_, client) => sendSignInCode(client, { email: mfaUser.email, callbackUrl }),
    url: mailLink(mfaUser.email),
  }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole("button", { name: "Sign in" }));
    const code = await canvas.findByLabelText("Authentication code");
    await userEvent.type(code, currentTotp());
    await expect(await canvas.findByRole("status")).toHaveTextContent("Signed in. Taking you back…");
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/", { replace: true }));
    await expect(storyEmulator().mailbox.list()).toHaveLength(1);
  },
};

export const Dark: Story = {
  decorators: [DarkTheme],
  play: Ready.play,
};

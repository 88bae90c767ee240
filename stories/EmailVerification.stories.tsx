import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { sendVerificationEmail, verifyEmail } from "../src/core/index.js";
import { EmailVerification } from "../src/index.js";
import {
  DarkTheme,
  demoUser,
  mailLink,
  navigate,
  pageUrl,
  StackDecorator,
  stack,
  storyEmulator,
  withStackEmulator,
} from "./emulator.js";

const callbackUrl = pageUrl("/handler/email-verification");

const meta = {
  title: "Components/EmailVerification",
  component: EmailVerification,
  decorators: [StackDecorator],
  beforeEach: withStackEmulator,
} satisfies Meta<typeof EmailVerification>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A signed-in user opens the link of a real verification mail (the page reads the code from the URL). */
const fromMail = stack({
  signedInAs: demoUser,
  setup: (_, client) => sendVerificationEmail(client, { callbackUrl }),
  url: mailLink(demoUser.email),
});

export const Verified: Story = {
  parameters: fromMail,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText("Your email is verified.")).toBeVisible();
    await userEvent.click(canvas.getByRole("button", { name: "Continue" }));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/", { replace: true }));
  },
};

export const AlreadyUsed: Story = {
  parameters: stack({
    ...fromMail.stack,
    setup: async (emulator, client) => {
      await sendVerificationEmail(client, { callbackUrl });
      await verifyEmail(client, emulator.mailbox.latest(demoUser.email)?.code ?? "");
    },
  }),
  play: async ({ canvasElement }) => {
    // Not an error for the user: the address is verified all the same.
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByText("This link was already used. Your email may be verified already."),
    ).toHaveRole("status");
    await expect(canvas.getByRole("button", { name: "Continue" })).toBeVisible();
  },
};

export const InvalidLink: Story = {
  parameters: stack({ signedInAs: demoUser, url: `/handler/email-verification?code=${"x".repeat(45)}` }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("alert")).toHaveTextContent(
      "This link isn't valid. Open the whole link from the most recent email.",
    );
    // The signed-in user, still unverified, can ask for a new link right here.
    await userEvent.click(await canvas.findByRole("button", { name: "Send a new verification link" }));
    await expect(await canvas.findByRole("status")).toHaveTextContent(
      "We sent a new link. Check your email.",
    );
    await expect(storyEmulator().mailbox.latest(demoUser.email)?.subject).toBe(
      "Verify your email at Storybook",
    );
  },
};

export const InvalidLinkSignedOut: Story = {
  args: { code: "x".repeat(45) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("alert")).toHaveTextContent("This link isn't valid.");
    await expect(canvas.queryByRole("button")).toBeNull();
  },
};

export const Dark: Story = { ...InvalidLink, decorators: [DarkTheme] };

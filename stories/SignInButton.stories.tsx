import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { SignInButton } from "../src/index.js";
import { DarkTheme, demoUser, navigate, StackDecorator, stack, withStackEmulator } from "./emulator.js";

const meta = {
  title: "Components/SignInButton",
  component: SignInButton,
  decorators: [StackDecorator],
  beforeEach: withStackEmulator,
  parameters: stack({ project: { seedUsers: [demoUser] } }),
} satisfies Meta<typeof SignInButton>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Opens the dialog (rendered in a portal at the end of <body>, outside the canvas). */
async function openDialog(canvasElement: HTMLElement) {
  const trigger = within(canvasElement).getByRole("button", { name: "Sign in" });
  await userEvent.click(trigger);
  const dialog = await within(document.body).findByRole("dialog", { name: "Sign in" });
  return { trigger, dialog, inDialog: within(dialog) };
}

export const Redirect: Story = {
  play: async ({ canvasElement }) => {
    const link = within(canvasElement).getByRole("link", { name: "Sign in" });
    await expect(link).toHaveAttribute(
      "href",
      expect.stringMatching(/^\/handler\/sign-in\?after_auth_return_to=/),
    );
    // A plain click goes through the app's router.
    await userEvent.click(link);
    await expect(navigate).toHaveBeenCalledWith(link.getAttribute("href"));
  },
};

export const Modal: Story = {
  args: { mode: "modal" },
  play: async ({ canvasElement }) => {
    const { dialog, inDialog } = await openDialog(canvasElement);
    // Focus lands on the form's first field, inside the dialog; the form's title is its one heading.
    await waitFor(() => expect(inDialog.getByLabelText("Email")).toHaveFocus());
    await expect(dialog).toContainElement(document.activeElement as HTMLElement);
    await expect(inDialog.getByRole("heading", { level: 2, name: "Sign in" })).toBeVisible();
    await expect(inDialog.getByRole("button", { name: "Close" })).toBeVisible();
  },
};

export const ModalEscape: Story = {
  args: { mode: "modal" },
  play: async ({ canvasElement }) => {
    const { trigger, inDialog } = await openDialog(canvasElement);
    await waitFor(() => expect(inDialog.getByLabelText("Email")).toHaveFocus());
    await userEvent.keyboard("{Escape}");
    await waitFor(() => expect(within(document.body).queryByRole("dialog")).toBeNull());
    await expect(trigger).toHaveFocus();
  },
};

export const ModalSignIn: Story = {
  args: { mode: "modal" },
  play: async ({ canvasElement }) => {
    const { trigger, inDialog } = await openDialog(canvasElement);
    await userEvent.type(await inDialog.findByLabelText("Email"), demoUser.email);
    await userEvent.type(inDialog.getByLabelText("Password"), demoUser.password);
    await userEvent.click(inDialog.getByRole("button", { name: "Sign in" }));
    // Signed in, the dialog closes itself and the page stays.
    await waitFor(() => expect(within(document.body).queryByRole("dialog")).toBeNull());
    await expect(navigate).not.toHaveBeenCalled();
    await expect(trigger).toHaveFocus();
  },
};

export const ModalDark: Story = {
  args: { mode: "modal" },
  decorators: [DarkTheme],
  play: async ({ canvasElement }) => {
    const { dialog, inDialog } = await openDialog(canvasElement);
    // The portal is outside the themed wrapper: the dialog carries the theme over.
    await expect(dialog).toHaveAttribute("data-stack-theme", "dark");
    await expect(getComputedStyle(dialog).getPropertyValue("--stack-bg").trim()).toBe("#0f172a");
    await expect(getComputedStyle(dialog).backgroundColor).toBe("rgb(15, 23, 42)");
    await inDialog.findByLabelText("Email");
    await userEvent.click(inDialog.getByRole("button", { name: "Sign in" }));
    await expect(await inDialog.findByText("Enter your email address.")).toBeVisible();
  },
};

import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, within } from "storybook/test";
import { StackHandler } from "../src/index.js";
import { DarkTheme, StackDecorator, stack, withStackEmulator } from "./emulator.js";

const meta = {
  title: "Components/StackHandler",
  component: StackHandler,
  decorators: [StackDecorator],
  beforeEach: withStackEmulator,
} satisfies Meta<typeof StackHandler>;
export default meta;
type Story = StoryObj<typeof meta>;

export const SignInPage: Story = {
  parameters: stack({ url: "/handler/sign-in" }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByLabelText("Email")).toBeVisible();
    await expect(canvas.getByRole("heading", { name: "Sign in" })).toBeVisible();
  },
};

export const ForgotPasswordPage: Story = {
  // Trailing slash and capitals: the same page.
  parameters: stack({ url: "/Handler/Forgot-Password/" }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole("heading", { name: "Reset your password" })).toBeVisible();
    await expect(canvas.getByRole("button", { name: "Send reset link" })).toBeVisible();
  },
};

export const FromTheRouter: Story = {
  // The app's router gives the path, under its own prefix.
  args: { prefix: "/auth", location: "/auth/sign-up" },
  play: async ({ canvasElement }) => {
    await expect(
      await within(canvasElement).findByRole("heading", { name: "Create an account" }),
    ).toBeVisible();
  },
};

export const NotFound: Story = {
  parameters: stack({ url: "/handler/no-such-page" }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(canvas.getByRole("alert")).toHaveTextContent("There is no page here.");
    await expect(canvas.getByRole("link", { name: "Go to the home page" })).toHaveAttribute("href", "/");
  },
};

export const Dark: Story = { ...NotFound, decorators: [DarkTheme] };

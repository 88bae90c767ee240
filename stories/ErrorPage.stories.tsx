import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, within } from "storybook/test";
import { ErrorPage } from "../src/index.js";
import { DarkTheme, StackDecorator, stack, withStackEmulator } from "./emulator.js";

const meta = {
  title: "Components/ErrorPage",
  component: ErrorPage,
  decorators: [StackDecorator],
  beforeEach: withStackEmulator,
} satisfies Meta<typeof ErrorPage>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Stack's error redirect: `?errorCode=&message=` on the error page. */
const errorUrl = (errorCode: string, message: string) =>
  `/handler/error?${new URLSearchParams({ errorCode, message, details: "{}" })}`;

export const KnownError: Story = {
  parameters: stack({
    url: errorUrl(
      "OAUTH_CONNECTION_ALREADY_CONNECTED_TO_ANOTHER_USER",
      "The OAuth connection is already connected to another user.",
    ),
  }),
  play: async ({ canvasElement }) => {
    // In the kit's words.
    const canvas = within(canvasElement);
    await expect(canvas.getByRole("heading", { name: "Something went wrong" })).toBeVisible();
    await expect(canvas.getByRole("alert")).toHaveTextContent(
      "This account is already linked to another user.",
    );
    await expect(canvas.getByRole("link", { name: "Go to the home page" })).toHaveAttribute("href", "/");
  },
};

export const UnknownError: Story = {
  parameters: stack({ url: errorUrl("SOME_NEW_ERROR", "Call +1-555-0100 to unlock your account.") }),
  play: async ({ canvasElement }) => {
    // Text from the URL is never shown (anyone can craft the link): the kit's own words instead.
    const alert = within(canvasElement).getByRole("alert");
    await expect(alert).toHaveTextContent("Something went wrong. Try again.");
    await expect(alert).not.toHaveTextContent("555");
  },
};

export const NoDetails: Story = {
  parameters: stack({ url: "/handler/error" }),
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole("alert")).toHaveTextContent(
      "Something went wrong. Try again.",
    );
  },
};

export const Dark: Story = { ...KnownError, decorators: [DarkTheme] };

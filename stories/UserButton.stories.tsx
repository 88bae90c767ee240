import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { UserButton } from "../src/index.js";
import { demoUser, navigate, StackDecorator, stack, withStackEmulator } from "./emulator.js";

const meta = {
  title: "Components/UserButton",
  component: UserButton,
  decorators: [StackDecorator],
  beforeEach: withStackEmulator,
} satisfies Meta<typeof UserButton>;
export default meta;
type Story = StoryObj<typeof meta>;

const menuButton = (canvasElement: HTMLElement) =>
  within(canvasElement).findByRole("button", { name: `Account menu for ${demoUser.displayName}` });

export const SignedIn: Story = {
  parameters: stack({ signedInAs: demoUser }),
  play: async ({ canvasElement }) => {
    const button = await menuButton(canvasElement);
    await expect(button).toHaveTextContent("AL");
    await expect(button).toHaveAttribute("aria-expanded", "false");
  },
};

export const EmailOnly: Story = {
  parameters: stack({ signedInAs: { email: "jane.doe@example.com", password: demoUser.password } }),
  play: async ({ canvasElement }) => {
    const button = await within(canvasElement).findByRole("button", {
      name: "Account menu for jane.doe@example.com",
    });
    await expect(button).toHaveTextContent("JD");
  },
};

export const MenuOpen: Story = {
  parameters: stack({ signedInAs: demoUser }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await menuButton(canvasElement));
    await expect(canvas.getByRole("menu")).toBeVisible();
    await expect(canvas.getByText(demoUser.email)).toBeVisible();
    await expect(canvas.getByText(demoUser.displayName)).toBeVisible();
    await expect(canvas.getByRole("menuitem", { name: "Sign out" })).toHaveFocus();
  },
};

export const KeyboardOnly: Story = {
  parameters: stack({ signedInAs: demoUser }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const button = await menuButton(canvasElement);
    button.focus();
    await userEvent.keyboard("{Enter}");
    await expect(canvas.getByRole("menuitem", { name: "Sign out" })).toHaveFocus();
    await userEvent.keyboard("{Escape}");
    await expect(canvas.queryByRole("menu")).toBeNull();
    await expect(button).toHaveFocus();
    await userEvent.keyboard("{ArrowDown}");
    await expect(canvas.getByRole("menu")).toBeVisible();
  },
};

export const SignOutOffline: Story = {
  parameters: stack({
    signedInAs: demoUser,
    setup: (e) =>
      e.faults.inject({ method: "DELETE", path: "/auth/sessions/current", network: true, times: 10 }),
  }),
  play: async ({ canvasElement }) => {
    // The server cannot be told, but the user asked to leave: the session ends here all the same.
    const canvas = within(canvasElement);
    await userEvent.click(await menuButton(canvasElement));
    await userEvent.click(canvas.getByRole("menuitem", { name: "Sign out" }));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/", { replace: true }));
    await expect(canvas.queryByRole("button")).toBeNull();
  },
};

export const SignOut: Story = {
  parameters: stack({ signedInAs: demoUser }),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await menuButton(canvasElement));
    await userEvent.click(canvas.getByRole("menuitem", { name: "Sign out" }));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/", { replace: true }));
    await expect(canvas.queryByRole("button")).toBeNull();
  },
};

export const Loading: Story = {
  parameters: stack({
    signedInAs: demoUser,
    setup: (e) => e.faults.inject({ path: "/api/v1/users/me", delayMs: 60_000 }),
  }),
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole("img", { name: "Loading…" })).toBeVisible();
  },
};

export const SignedOut: Story = {
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).queryByRole("button")).toBeNull();
  },
};

export const Dark: Story = {
  parameters: stack({ signedInAs: demoUser }),
  decorators: [
    (Story) => (
      <div data-stack-theme="dark" style={{ background: "#020617", padding: 24, minHeight: 200 }}>
        <Story />
      </div>
    ),
  ],
  play: MenuOpen.play,
};

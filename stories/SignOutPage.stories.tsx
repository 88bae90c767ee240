import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, waitFor, within } from "storybook/test";
import { SignOutPage } from "../src/index.js";
import { demoUser, navigate, StackDecorator, stack, withStackEmulator } from "./emulator.js";

const meta = {
  title: "Components/SignOutPage",
  component: SignOutPage,
  decorators: [StackDecorator],
  beforeEach: withStackEmulator,
  parameters: stack({ signedInAs: demoUser }),
} satisfies Meta<typeof SignOutPage>;
export default meta;
type Story = StoryObj<typeof meta>;

export const SignsOut: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("status")).toHaveTextContent("Signing out…");
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/", { replace: true }));
    await expect(navigate).toHaveBeenCalledTimes(1);
  },
};

export const Offline: Story = {
  parameters: stack({
    setup: (e) =>
      void e.faults.inject({ method: "DELETE", path: "/auth/sessions/current", network: true, times: 10 }),
  }),
  play: async () => {
    // The server cannot be told, but the user asked to leave: on to the next page all the same.
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/", { replace: true }));
  },
};

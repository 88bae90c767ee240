import type { Meta, StoryObj } from "@storybook/react-vite";
import { useState } from "react";
import { expect, fn, userEvent, within } from "storybook/test";
import { CodeInput } from "../src/index.js";
import { DarkTheme } from "./emulator.js";

const meta = {
  title: "Components/CodeInput",
  component: CodeInput,
  args: { label: "Code", value: "", onChange: fn(), onComplete: fn() },
  // Controlled, as in the kit's forms.
  render: function Controlled(args) {
    const [value, setValue] = useState(args.value);
    return (
      <div className="stack-card">
        <CodeInput
          {...args}
          value={value}
          onChange={(next) => {
            setValue(next);
            args.onChange(next);
          }}
        />
      </div>
    );
  },
} satisfies Meta<typeof CodeInput>;
export default meta;
type Story = StoryObj<typeof meta>;

export const PasteCompletes: Story = {
  play: async ({ canvasElement, args }) => {
    const input = within(canvasElement).getByLabelText("Code");
    await expect(input).toHaveAttribute("autocomplete", "one-time-code");
    await userEvent.click(input);
    // As the email shows it, with a space: cleaned up, upper case, and submitted at once.
    await userEvent.paste("abc 123");
    await expect(input).toHaveValue("ABC123");
    await expect(args.onComplete).toHaveBeenCalledTimes(1);
    await expect(args.onComplete).toHaveBeenCalledWith("ABC123");
  },
};

export const TypedNumeric: Story = {
  args: { label: "Authentication code", numeric: true },
  play: async ({ canvasElement, args }) => {
    const input = within(canvasElement).getByLabelText("Authentication code");
    await expect(input).toHaveAttribute("inputmode", "numeric");
    await userEvent.type(input, "12-34a5");
    await expect(input).toHaveValue("12345");
    await expect(args.onComplete).not.toHaveBeenCalled();
    await userEvent.type(input, "67");
    await expect(input).toHaveValue("123456");
    await expect(args.onComplete).toHaveBeenCalledTimes(1);
    await expect(args.onComplete).toHaveBeenCalledWith("123456");
  },
};

export const WithError: Story = {
  args: { value: "ABC123", error: "That code isn't right. Check it and try again." },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const input = canvas.getByLabelText("Code");
    await expect(input).toHaveAttribute("aria-invalid", "true");
    await expect(input).toHaveAccessibleDescription("That code isn't right. Check it and try again.");
    await expect(canvas.getByRole("alert")).toBeVisible();
  },
};

export const Dark: Story = { ...WithError, decorators: [DarkTheme] };

// axe (WCAG 2 A/AA rules jsdom can check; contrast is checked in Storybook) on the states of the new
// components: the full sign-in card, the code and second-factor steps, the pages, and the dialog.
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import { describe, expect, it } from "vitest";
import {
  ForgotPassword,
  MagicLinkCallback,
  PasswordReset,
  SignIn,
  SignInButton,
  StackHandler,
} from "../../src/components/index.js";
import { PASSWORD, renderWithStack, setupStackTest } from "./support.js";

const env = setupStackTest();

async function violations() {
  const { violations } = await axe.run(document.body, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    rules: { "color-contrast": { enabled: false } },
  });
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(" | ")}`);
}

describe("axe", () => {
  it("sign-in with every method, then its code step with an error", async () => {
    Object.defineProperty(window, "PublicKeyCredential", { value: () => {}, configurable: true });
    env.useEmulator({ oauthProviders: ["github", "google"], passkeyEnabled: true });
    renderWithStack(<SignIn />, { client: env.client() });
    await screen.findByLabelText("Password");
    expect(await violations()).toEqual([]);

    await userEvent.click(screen.getByRole("button", { name: "Email me a sign-in code instead" }));
    await userEvent.type(screen.getByLabelText("Email"), "a@example.test");
    await userEvent.click(screen.getByRole("button", { name: "Email me a code" }));
    const otp = env.emulator.mailbox.latest()?.otp;
    await userEvent.type(await screen.findByLabelText("Code"), otp === "ZZZZZZ" ? "YYYYYY" : "ZZZZZZ");
    await screen.findByRole("alert");
    expect(await violations()).toEqual([]);
    Reflect.deleteProperty(window, "PublicKeyCredential");
  });

  it("the second-factor step", async () => {
    env.useEmulator({ magicLinkEnabled: false });
    env.emulator.addUser({
      email: "m@example.test",
      password: PASSWORD,
      totpSecretBase64: "MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=",
    });
    renderWithStack(<SignIn />, { client: env.client() });
    await userEvent.type(await screen.findByLabelText("Email"), "m@example.test");
    await userEvent.type(screen.getByLabelText("Password"), PASSWORD);
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    await screen.findByLabelText("Authentication code");
    expect(await violations()).toEqual([]);
  });

  it("the pages", async () => {
    for (const ui of [
      <ForgotPassword key="f" />,
      <PasswordReset key="p" code={"x".repeat(45)} />,
      <MagicLinkCallback key="m" code={null} />,
      <StackHandler key="s" location="/handler/nope" />,
    ]) {
      const { unmount } = renderWithStack(ui, { client: env.client() });
      await waitFor(() => expect(screen.queryByRole("status")).toBeNull());
      expect(await violations()).toEqual([]);
      unmount();
    }
  });

  it("the sign-in dialog", async () => {
    renderWithStack(<SignInButton mode="modal" />, { client: env.client() });
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    await screen.findByRole("dialog");
    await screen.findByLabelText("Password");
    expect(await violations()).toEqual([]);
  });
});

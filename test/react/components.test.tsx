// <SignIn/>, <SignUp/>, <CodeInput/> and <SignInButton/> on the emulator: what each project config shows,
// the email-code and second-factor steps, and the sign-in dialog.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CodeInput, SignIn, SignInButton, SignUp } from "../../src/components/index.js";
import { createStackClient, signInWithCode } from "../../src/core/index.js";
import type { EmulatorOptions } from "../../src/testing/index.js";
import { totp } from "../../src/testing/index.js";
import { PASSWORD, renderWithStack, settle, setupStackTest, UserProbe } from "./support.js";

const env = setupStackTest();
const TOTP_SECRET = "MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=";

beforeEach(() => {
  window.history.replaceState(null, "", "/handler/sign-in");
});
afterEach(() => {
  // Some tests give jsdom WebAuthn.
  Reflect.deleteProperty(window, "PublicKeyCredential");
});

const { useEmulator: configureProject } = env;

function renderSignIn(project: EmulatorOptions = {}, ui = <SignIn />) {
  configureProject(project);
  return renderWithStack(
    <>
      {ui}
      <UserProbe />
    </>,
    { client: env.client() },
  );
}

/** What a user sees of the sign-in methods: button names, field labels, links. */
async function methods() {
  await screen.findByRole("heading");
  const buttons = screen.queryAllByRole("button").map((b) => b.textContent);
  const fields = screen.queryAllByRole("textbox").map((f) => f.getAttribute("name"));
  if (document.querySelector('input[type="password"]')) fields.push("password");
  const links = screen.queryAllByRole("link").map((l) => l.textContent);
  return { buttons, fields, links, divider: !!document.querySelector(".stack-divider") };
}

describe("<SignIn/> shows exactly the enabled methods", () => {
  it("password + email code (the default project): one form at a time, a switch, no divider", async () => {
    renderSignIn();
    expect(await methods()).toEqual({
      buttons: ["Show password", "Sign in", "Email me a sign-in code instead"],
      fields: ["email", "password"],
      links: ["Forgot password?", "Sign up"],
      divider: false,
    });
    await userEvent.type(screen.getByLabelText("Email"), "ada@example.test");
    await userEvent.click(screen.getByRole("button", { name: "Email me a sign-in code instead" }));
    expect(await methods()).toEqual({
      buttons: ["Email me a code", "Use a password instead"],
      fields: ["email"],
      links: ["Sign up"],
      divider: false,
    });
    // The email typed stays, and focus lands on it.
    expect(screen.getByLabelText("Email")).toHaveValue("ada@example.test");
    expect(screen.getByLabelText("Email")).toHaveFocus();
  });

  it("OAuth + password: one button per provider, best-known first, then the divider", async () => {
    renderSignIn({ oauthProviders: ["spotify", "github", "google"], magicLinkEnabled: false });
    expect(await methods()).toEqual({
      buttons: [
        "Continue with Google",
        "Continue with GitHub",
        "Continue with Spotify",
        "Show password",
        "Sign in",
      ],
      fields: ["email", "password"],
      links: ["Forgot password?", "Sign up"],
      divider: true,
    });
    expect(screen.getByRole("button", { name: "Continue with GitHub" })).toBeEnabled();
  });

  it("email code + passkey (where the browser has WebAuthn), sign-up off: no password, no sign-up link", async () => {
    Object.defineProperty(window, "PublicKeyCredential", { value: () => {}, configurable: true });
    renderSignIn({ credentialEnabled: false, passkeyEnabled: true, signUpEnabled: false });
    expect(await methods()).toEqual({
      buttons: ["Sign in with a passkey", "Email me a code"],
      fields: ["email"],
      links: [],
      divider: true,
    });
  });

  it("no passkey button where the browser cannot use one", async () => {
    renderSignIn({ passkeyEnabled: true, magicLinkEnabled: false });
    expect((await methods()).buttons).toEqual(["Show password", "Sign in"]);
  });

  it("OAuth only: just the buttons", async () => {
    renderSignIn({ oauthProviders: ["github"], credentialEnabled: false, magicLinkEnabled: false });
    expect(await methods()).toEqual({
      buttons: ["Continue with GitHub"],
      fields: [],
      links: ["Sign up"],
      divider: false,
    });
  });

  it("nothing enabled: says so, with no dead buttons", async () => {
    renderSignIn({ credentialEnabled: false, magicLinkEnabled: false });
    expect(await screen.findByText("No sign-in method is enabled for this project.")).toBeInTheDocument();
    expect(screen.queryAllByRole("button")).toEqual([]);
  });

  it("<SignUp/> never offers passkeys, and says so when sign-up is off", async () => {
    Object.defineProperty(window, "PublicKeyCredential", { value: () => {}, configurable: true });
    const { unmount } = renderSignIn({ passkeyEnabled: true, oauthProviders: ["github"] }, <SignUp />);
    expect(await methods()).toEqual({
      buttons: ["Continue with GitHub", "Show password", "Create account", "Email me a sign-in code instead"],
      fields: ["email", "password"],
      links: ["Sign in"],
      divider: true,
    });
    unmount();
    renderSignIn({ signUpEnabled: false, oauthProviders: ["github"] }, <SignUp />);
    expect(await screen.findByText("New accounts can't be created for this project.")).toBeInTheDocument();
    expect(screen.queryAllByRole("button")).toEqual([]);
  });

  it("OAuth: the button leaves for the provider and every method waits meanwhile", async () => {
    env.useEmulator({ oauthProviders: ["github"] });
    const { navigateExternal } = renderWithStack(<SignIn />, { client: env.client() });
    await userEvent.click(await screen.findByRole("button", { name: "Continue with GitHub" }));
    await waitFor(() => expect(navigateExternal).toHaveBeenCalledTimes(1));
    expect(vi.mocked(navigateExternal).mock.calls[0]?.[0]).toMatch(
      /\/__stack-emulator\/oauth\/github\/authorize\?/,
    );
    expect(screen.getByRole("button", { name: "Taking you to GitHub…" })).toHaveAttribute(
      "aria-disabled",
      "true",
    );
    expect(screen.getByRole("button", { name: "Sign in" })).toHaveAttribute("aria-disabled", "true");
  });
});

describe("<SignIn/> with an emailed code", () => {
  async function toCodeStep(email: string) {
    const rendered = renderSignIn({ credentialEnabled: false });
    await userEvent.type(await screen.findByLabelText("Email"), email);
    await userEvent.click(screen.getByRole("button", { name: "Email me a code" }));
    expect(await screen.findByRole("heading", { name: "Check your email" })).toBeInTheDocument();
    expect(
      screen.getByText(`We sent a code to ${email}. Enter it below, or open the link in the email.`),
    ).toBeVisible();
    const input = screen.getByLabelText("Code");
    await waitFor(() => expect(input).toHaveFocus());
    return { ...rendered, input, otp: env.emulator.mailbox.latest(email)?.otp ?? "" };
  }
  const paste = (input: HTMLElement, text: string) => fireEvent.change(input, { target: { value: text } });

  it("a wrong code gets its message on the field and keeps it; the right code, pasted, signs in by itself", async () => {
    const { input, otp, navigate } = await toCodeStep("new@example.test");
    const wrong = otp === "ZZZZZZ" ? "YYYYYY" : "ZZZZZZ";
    await userEvent.type(input, wrong.toLowerCase());
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "That code isn't right. Check it and try again.",
    );
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveAccessibleDescription("That code isn't right. Check it and try again.");
    expect(input).toHaveValue(wrong);
    expect(env.count("POST /auth/otp/sign-in")).toBe(1);

    paste(input, `${otp.slice(0, 3)} ${otp.slice(3)}`);
    expect(input).toHaveValue(otp);
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/", { replace: true }));
    // A code for a new address creates the account: the status says so.
    expect(screen.getByRole("status")).toHaveTextContent("Account created. Taking you back…");
    await waitFor(() => expect(screen.getByTestId("email")).toHaveTextContent("new@example.test"));
    expect(env.count("POST /auth/otp/sign-in")).toBe(2);
  });

  it("an expired code and a used code each say so; a new code can be sent", async () => {
    const { input, otp } = await toCodeStep("ada@example.test");
    // Used meanwhile, e.g. through the link on another device.
    const code = env.emulator.mailbox.latest()?.code ?? "";
    await signInWithCode(env.client(), code);
    paste(input, otp);
    expect(await screen.findByRole("alert")).toHaveTextContent("That code was already used. Send a new one.");

    await userEvent.click(screen.getByRole("button", { name: "Send a new code" }));
    expect(await screen.findByRole("status")).toHaveTextContent("We sent a new code.");
    const next = env.emulator.mailbox.latest()?.otp ?? "";
    env.emulator.clock.advance(8 * 24 * 3600 * 1000);
    paste(input, next);
    await waitFor(() =>
      expect(screen.getByRole("alert")).toHaveTextContent("That code has expired. Send a new one."),
    );
  });

  it("too many wrong codes: says so", async () => {
    const { input, otp } = await toCodeStep("ada@example.test");
    const wrongs = ["ZZZZZZ", "YYYYYY"].filter((w) => w !== otp);
    // Wrong guesses count against the code: after enough of them, even the right one is refused.
    for (let i = 0; i < 20; i++) {
      paste(input, "");
      paste(input, wrongs[i % 2] ?? "XXXXXX");
      await waitFor(() =>
        expect(screen.getByRole("button", { name: "Sign in" })).not.toHaveAttribute("aria-disabled"),
      );
    }
    paste(input, otp);
    await waitFor(() =>
      expect(screen.getByRole("alert")).toHaveTextContent("Too many wrong attempts. Send a new code."),
    );
  });

  it("'Use a different email' goes back with the address kept", async () => {
    await toCodeStep("ada@example.test");
    await userEvent.click(screen.getByRole("button", { name: "Use a different email" }));
    expect(await screen.findByLabelText("Email")).toHaveValue("ada@example.test");
    await waitFor(() => expect(screen.getByLabelText("Email")).toHaveFocus());
  });
});

describe("<SignIn/> second factor", () => {
  it("a TOTP user moves to the code step; a wrong code shows on the field; the right one signs in", async () => {
    env.useEmulator({ magicLinkEnabled: false });
    env.emulator.addUser({ email: "mfa@example.test", password: PASSWORD, totpSecretBase64: TOTP_SECRET });
    const { navigate } = renderWithStack(
      <>
        <SignIn />
        <UserProbe />
      </>,
      { client: env.client() },
    );
    await userEvent.type(await screen.findByLabelText("Email"), "mfa@example.test");
    await userEvent.type(screen.getByLabelText("Password"), PASSWORD);
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByRole("heading", { name: "Two-factor authentication" })).toBeInTheDocument();
    const input = screen.getByLabelText("Authentication code");
    expect(input).toHaveAttribute("autocomplete", "one-time-code");
    expect(input).toHaveAttribute("inputmode", "numeric");
    await waitFor(() => expect(input).toHaveFocus());
    const right = totp(TOTP_SECRET, env.emulator.clock.now());
    await userEvent.type(input, right === "000000" ? "111111" : "000000");
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "That code isn't right. Enter the current code from your app.",
    );
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByTestId("email")).toHaveTextContent("nobody");

    await userEvent.clear(input);
    await userEvent.type(input, right);
    await waitFor(() => expect(navigate).toHaveBeenCalledWith("/", { replace: true }));
    await waitFor(() => expect(screen.getByTestId("email")).toHaveTextContent("mfa@example.test"));
    expect(env.count("POST /auth/mfa/sign-in")).toBe(2);
  });

  it("Back returns to the sign-in form", async () => {
    env.useEmulator({ magicLinkEnabled: false });
    env.emulator.addUser({ email: "mfa@example.test", password: PASSWORD, totpSecretBase64: TOTP_SECRET });
    renderWithStack(<SignIn />, { client: env.client() });
    await userEvent.type(await screen.findByLabelText("Email"), "mfa@example.test");
    await userEvent.type(screen.getByLabelText("Password"), PASSWORD);
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    await userEvent.click(await screen.findByRole("button", { name: "Back" }));
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(screen.getByLabelText("Email")).toHaveValue("mfa@example.test");
  });
});

function Harness({ onComplete, numeric }: { onComplete(v: string): void; numeric?: boolean }) {
  const [value, setValue] = useState("");
  return (
    <CodeInput label="Code" value={value} onChange={setValue} onComplete={onComplete} numeric={numeric} />
  );
}

describe("<CodeInput/>", () => {
  it("is one labelled input for one-time codes", () => {
    render(<Harness onComplete={() => {}} />);
    const input = screen.getByLabelText("Code");
    expect(input).toHaveAttribute("autocomplete", "one-time-code");
    expect(input).toHaveAttribute("inputmode", "text");
    expect(screen.getAllByRole("textbox")).toHaveLength(1);
  });

  it("a pasted code is cleaned up (spaces, dashes, case) and completes once", async () => {
    const onComplete = vi.fn();
    render(<Harness onComplete={onComplete} />);
    const input = screen.getByLabelText("Code");
    input.focus();
    await userEvent.paste("ab3-d 5f9");
    expect(input).toHaveValue("AB3D5F");
    expect(onComplete).toHaveBeenCalledTimes(1);
    expect(onComplete).toHaveBeenCalledWith("AB3D5F");
  });

  it("typed, it completes on the last character only; an edit completes again", async () => {
    const onComplete = vi.fn();
    render(<Harness onComplete={onComplete} numeric />);
    const input = screen.getByLabelText("Code");
    await userEvent.type(input, "12a345");
    expect(onComplete).not.toHaveBeenCalled();
    await userEvent.type(input, "6");
    expect(input).toHaveValue("123456");
    expect(onComplete).toHaveBeenCalledTimes(1);
    await userEvent.type(input, "7"); // full already: nothing changes
    expect(onComplete).toHaveBeenCalledTimes(1);
    await userEvent.type(input, "{Backspace}9");
    expect(onComplete).toHaveBeenLastCalledWith("123459");
    expect(onComplete).toHaveBeenCalledTimes(2);
  });
});

describe("<SignInButton/>", () => {
  it("redirect: a link to sign-in that comes back here, through the app's router", async () => {
    window.history.replaceState(null, "", "/pricing?plan=pro");
    const { navigate } = renderWithStack(<SignInButton />, { client: env.client() });
    const link = screen.getByRole("link", { name: "Sign in" });
    expect(link).toHaveAttribute("href", "/handler/sign-in?after_auth_return_to=%2Fpricing%3Fplan%3Dpro");
    await userEvent.click(link);
    expect(navigate).toHaveBeenCalledWith("/handler/sign-in?after_auth_return_to=%2Fpricing%3Fplan%3Dpro");
  });

  it("modal: opens <SignIn/> in a dialog that traps focus and gives it back to the button", async () => {
    env.useEmulator({ oauthProviders: ["github"], magicLinkEnabled: false });
    renderWithStack(<SignInButton mode="modal" />, { client: env.client() });
    const trigger = screen.getByRole("button", { name: "Sign in" });
    await userEvent.click(trigger);
    const dialog = await screen.findByRole("dialog", { name: "Sign in" });
    const first = await within(dialog).findByRole("button", { name: "Continue with GitHub" });
    await waitFor(() => expect(first).toHaveFocus());
    // Around the dialog and back, never out of it.
    const user = userEvent.setup();
    await user.tab({ shift: true });
    expect(within(dialog).getByRole("button", { name: "Close" })).toHaveFocus();
    for (let i = 0; i < 8; i++) {
      await user.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
    await user.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(trigger).toHaveFocus();
  });

  it("modal: closes once signed in, without navigating", async () => {
    env.useEmulator({ magicLinkEnabled: false });
    env.emulator.addUser({ email: "ada@example.test", password: PASSWORD });
    const { navigate } = renderWithStack(
      <>
        <SignInButton mode="modal" />
        <UserProbe />
      </>,
      { client: env.client() },
    );
    const trigger = screen.getByRole("button", { name: "Sign in" });
    await userEvent.click(trigger);
    const dialog = await screen.findByRole("dialog");
    await userEvent.type(await within(dialog).findByLabelText("Email"), "ada@example.test");
    await userEvent.type(within(dialog).getByLabelText("Password"), PASSWORD);
    await userEvent.click(within(dialog).getByRole("button", { name: "Sign in" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    await waitFor(() => expect(screen.getByTestId("email")).toHaveTextContent("ada@example.test"));
    expect(trigger).toHaveFocus();
    await settle();
    expect(navigate).not.toHaveBeenCalled();
  });

  it("modal: the portal gets the theme and --stack-* values of where the button is", async () => {
    renderWithStack(
      <div data-stack-theme="dark">
        <SignInButton mode="modal" className="themed" />
      </div>,
      { client: env.client() },
    );
    const trigger = screen.getByRole("button", { name: "Sign in" });
    trigger.style.setProperty("--stack-primary", "#ff00aa");
    await userEvent.click(trigger);
    const dialog = await screen.findByRole("dialog");
    // Rendered at the end of <body>, outside the themed wrapper…
    expect(dialog.closest("[data-stack-theme]")).toBe(dialog);
    // …with the theme and the variables copied over.
    expect(dialog).toHaveAttribute("data-stack-theme", "dark");
    expect(dialog.style.getPropertyValue("--stack-primary")).toBe("#ff00aa");
    const overlay = document.querySelector(".stack-dialog-overlay") as HTMLElement;
    expect(overlay).toHaveAttribute("data-stack-theme", "dark");
    await userEvent.keyboard("{Escape}");
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });
});

describe("no double submit", () => {
  it("a code step sends one sign-in however often the user presses Enter", async () => {
    env.useEmulator({ credentialEnabled: false });
    env.emulator.faults.inject({ method: "POST", path: "/auth/otp/sign-in", delayMs: 100 });
    renderWithStack(<SignIn />, { client: createStackClientFor() });
    await userEvent.type(await screen.findByLabelText("Email"), "x@example.test");
    await userEvent.click(screen.getByRole("button", { name: "Email me a code" }));
    const input = await screen.findByLabelText("Code");
    fireEvent.change(input, { target: { value: env.emulator.mailbox.latest()?.otp } });
    const button = screen.getByRole("button", { name: "Signing in…" });
    expect(button).toHaveAttribute("aria-disabled", "true");
    fireEvent.submit(button.closest("form") as HTMLFormElement);
    fireEvent.submit(button.closest("form") as HTMLFormElement);
    await waitFor(() =>
      expect(screen.getByRole("status")).toHaveTextContent("Account created. Taking you back…"),
    );
    expect(env.count("POST /auth/otp/sign-in")).toBe(1);
  });
});

function createStackClientFor() {
  return createStackClient({
    projectId: env.emulator.projectId,
    baseUrl: "https://api.emulator.test",
    tokenStore: "memory",
    retry: { attempts: 1, baseDelayMs: 1 },
  });
}

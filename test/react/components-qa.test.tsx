// What a fresh-user QA pass of the drop-in components asked for: focus kept on a busy button, the page's
// heading level, hints and errors tied to what is on the page, <SignUp/> for someone signed in, the words after a
// sign-up and for server failures, checks before sending, the password toggle, and a menu that fits the screen.
import { readFileSync } from "node:fs";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import axe from "axe-core";
import { beforeEach, describe, expect, it } from "vitest";
import {
  ForgotPassword,
  MagicLinkCallback,
  SignIn,
  SignInButton,
  SignUp,
  StackHandler,
  UserButton,
} from "../../src/components/index.js";
import { useUser } from "../../src/react/index.js";
import type { FaultSpec } from "../../src/testing/index.js";
import { PASSWORD, renderWithStack, settle, setupStackTest } from "./support.js";

const env = setupStackTest();
const css = readFileSync("src/components/styles.css", "utf8"); // from the package root, where vitest runs;

beforeEach(() => {
  window.history.replaceState(null, "", "/handler/sign-in");
});

async function fillSignIn(email: string, password: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText("Email"), email);
  await user.type(screen.getByLabelText("Password"), password);
  return user;
}

/**
 * A fetch that holds the requests to paths ending in `path` (after the first `skip` of them) until `open()`:
 * a busy state that lasts as long as the test needs it.
 */
function heldFetch(path: string, skip = 0) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  let seen = 0;
  const held: typeof fetch = async (input, init) => {
    if (String(input instanceof Request ? input.url : input).endsWith(path) && seen++ >= skip) await opened;
    return globalThis.fetch(input, init);
  };
  return { fetch: held, open };
}

/**
 * The value the kit's stylesheet declares for `property` on `element` (jsdom computes no cascade for these):
 * the last matching rule wins, as in the stylesheet's order.
 */
function declared(element: Element, property: string): string | undefined {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  let value: string | undefined;
  for (const rule of Array.from(sheet.cssRules)) {
    if (!(rule instanceof CSSStyleRule) || !element.matches(rule.selectorText)) continue;
    value = rule.style.getPropertyValue(property) || value;
  }
  return value;
}

/** Every id an input's aria-describedby names, and whether it is on the page. */
function describedBy(input: HTMLElement) {
  const ids = input.getAttribute("aria-describedby")?.split(" ") ?? [];
  return ids.map((id) => [id, document.getElementById(id) !== null]);
}

describe("a pressed button keeps the focus while busy and after a failure", () => {
  it.each<[string, Partial<FaultSpec>, string, string]>([
    ["a wrong password", {}, "not-the-password", "Wrong email or password."],
    ["a 500", { status: 500 }, PASSWORD, "Something went wrong on the server. Try again in a moment."],
    ["a 429", { status: 429 }, PASSWORD, "Too many attempts. Wait a moment, then try again."],
    ["no network", { network: true }, PASSWORD, "Can't reach the server."],
  ])("%s", async (_, fault, password, message) => {
    env.useEmulator({ magicLinkEnabled: false });
    env.emulator.addUser({ email: "ada@example.test", password: PASSWORD });
    if (Object.keys(fault).length)
      env.emulator.faults.inject({ method: "POST", path: "/auth/password/sign-in", ...fault });
    const gate = heldFetch("/auth/password/sign-in");
    renderWithStack(<SignIn />, { client: env.client({ fetch: gate.fetch }) });
    const user = await fillSignIn("ada@example.test", password);
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    const busy = screen.getByRole("button", { name: "Signing in…" });
    expect(busy).toHaveAttribute("aria-disabled", "true");
    expect(busy).not.toBeDisabled();
    expect(busy).toHaveFocus();
    // Pressed again, by mouse and keys: nothing more is sent.
    await user.click(busy);
    await user.keyboard("{Enter}");
    await user.keyboard(" ");
    expect(busy).toHaveFocus();

    gate.open();
    expect(await screen.findByRole("alert")).toHaveTextContent(message);
    expect(screen.getByRole("button", { name: "Sign in" })).toHaveFocus();
    expect(screen.getByRole("button", { name: "Sign in" })).not.toHaveAttribute("aria-disabled");
    expect(env.count("POST /auth/password/sign-in")).toBe(1);
  });

  it("the other forms' buttons too: the reset link", async () => {
    env.emulator.faults.inject({ method: "POST", path: "/auth/password/send-reset-code", status: 500 });
    const gate = heldFetch("/auth/password/send-reset-code");
    renderWithStack(<ForgotPassword />, { client: env.client({ fetch: gate.fetch }) });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Email"), "ada@example.test");
    await user.click(screen.getByRole("button", { name: "Send reset link" }));
    expect(screen.getByRole("button", { name: "Sending…" })).toHaveAttribute("aria-disabled", "true");
    expect(screen.getByRole("button", { name: "Sending…" })).toHaveFocus();
    gate.open();
    expect(await screen.findByRole("alert")).toHaveTextContent("Something went wrong on the server");
    expect(screen.getByRole("button", { name: "Send reset link" })).toHaveFocus();
  });

  it("the other forms' buttons too: a new code", async () => {
    env.useEmulator({ credentialEnabled: false });
    // The first code goes out at once; the second waits.
    const held = heldFetch("/auth/otp/send-sign-in-code", 1);
    renderWithStack(<SignIn />, { client: env.client({ fetch: held.fetch }) });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText("Email"), "ada@example.test");
    await user.click(screen.getByRole("button", { name: "Email me a code" }));
    await screen.findByLabelText("Code");
    env.emulator.faults.inject({ method: "POST", path: "/auth/otp/send-sign-in-code", status: 429 });
    await user.click(screen.getByRole("button", { name: "Send a new code" }));
    expect(screen.getByRole("button", { name: "Sending…" })).toHaveAttribute("aria-disabled", "true");
    expect(screen.getByRole("button", { name: "Sending…" })).toHaveFocus();
    held.open();
    expect(await screen.findByRole("alert")).toHaveTextContent("Too many attempts");
    expect(screen.getByRole("button", { name: "Send a new code" })).toHaveFocus();
  });

  it("looks unavailable while busy", async () => {
    env.useEmulator({ magicLinkEnabled: false });
    const gate = heldFetch("/auth/password/sign-in");
    renderWithStack(<SignIn />, { client: env.client({ fetch: gate.fetch }) });
    const user = await fillSignIn("ada@example.test", PASSWORD);
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    const busy = screen.getByRole("button", { name: "Signing in…" });
    expect(busy).not.toBeDisabled();
    expect(declared(busy, "opacity")).toBe("0.7");
    expect(declared(busy, "cursor")).toBe("progress");
    gate.open();
    await screen.findByRole("alert");
  });
});

describe("heading level", () => {
  async function pageHasHeadingOne() {
    const { violations } = await axe.run(document.body, { runOnly: ["page-has-heading-one"] });
    return violations.map((v) => v.id);
  }

  it("the pages' titles are the page's h1 by default, or the level asked for", async () => {
    const { unmount } = renderWithStack(<SignIn />, { client: env.client() });
    await screen.findByLabelText("Password");
    expect(screen.getByRole("heading", { level: 1, name: "Sign in" })).toBeInTheDocument();
    expect(await pageHasHeadingOne()).toEqual([]);
    unmount();

    const again = renderWithStack(<SignUp headingLevel={2} />, { client: env.client() });
    await screen.findByLabelText("Password");
    expect(screen.getByRole("heading", { level: 2, name: "Create an account" })).toBeInTheDocument();
    again.unmount();

    for (const [path, title] of [
      ["/handler/sign-up", "Create an account"],
      ["/handler/forgot-password", "Reset your password"],
      ["/handler/error", "Something went wrong"],
      ["/handler/password-reset", "Choose a new password"],
      ["/handler/nope", "Page not found"],
    ]) {
      window.history.replaceState(null, "", path);
      const page = renderWithStack(<StackHandler />, { client: env.client() });
      await waitFor(() => expect(screen.getByRole("heading", { level: 1, name: title })).toBeInTheDocument());
      page.unmount();
      const nested = renderWithStack(<StackHandler headingLevel={3} />, { client: env.client() });
      await waitFor(() => expect(screen.getByRole("heading", { level: 3, name: title })).toBeInTheDocument());
      nested.unmount();
    }
  });

  it("the steps keep the level: the emailed code", async () => {
    env.useEmulator({ credentialEnabled: false });
    renderWithStack(<SignIn headingLevel={3} />, { client: env.client() });
    await userEvent.type(await screen.findByLabelText("Email"), "ada@example.test");
    await userEvent.click(screen.getByRole("button", { name: "Email me a code" }));
    expect(await screen.findByRole("heading", { level: 3, name: "Check your email" })).toBeInTheDocument();
  });

  it("the sign-in dialog: named by its title, one heading inside, at level 2", async () => {
    renderWithStack(<SignInButton mode="modal" />, { client: env.client() });
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    const dialog = await screen.findByRole("dialog", { name: "Sign in" });
    await within(dialog).findByLabelText("Password");
    const headings = within(dialog).getAllByRole("heading");
    expect(headings.map((h) => [h.tagName, h.textContent])).toEqual([["H2", "Sign in"]]);
  });
});

describe("aria-describedby names only what is on the page", () => {
  it("a password error replaces the hint, and the input points at the error alone", async () => {
    env.useEmulator({ magicLinkEnabled: false });
    renderWithStack(<SignUp />, { client: env.client() });
    const password = await screen.findByLabelText("Password");
    expect(password).toHaveAccessibleDescription("At least 8 characters.");
    const user = await fillSignIn("ada@example.test", "short");
    await user.click(screen.getByRole("button", { name: "Create account" }));
    expect(await screen.findByText("Use at least 8 characters.")).toBeInTheDocument();
    expect(screen.queryByText("At least 8 characters.")).toBeNull();
    expect(describedBy(password)).toEqual([[expect.any(String), true]]);
    expect(password).toHaveAccessibleDescription("Use at least 8 characters.");
  });
});

/** The anonymous user `useUser({ or: "anonymous" })` creates, or who they became. */
function AnonymousId() {
  const { user } = useUser({ or: "anonymous" });
  return (
    <p data-testid="who">{user ? `${user.isAnonymous ? "anonymous" : user.primaryEmail} ${user.id}` : ""}</p>
  );
}

describe("<SignUp/> for someone signed in", () => {
  it("asks first, as <SignIn/> does: continue, or sign out (then the form)", async () => {
    const store = await env.signedInStore("ada@example.test");
    renderWithStack(<SignUp />, { client: env.client({ tokenStore: store }) });
    expect(await screen.findByText("You are signed in as ada@example.test.")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Create an account" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Continue" })).toBeInTheDocument();
    expect(screen.queryByLabelText("Email")).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Sign out" }));
    expect(await screen.findByLabelText("Email")).toBeInTheDocument();
    expect(env.count("POST /auth/password/sign-up")).toBe(0);
  });

  it("an anonymous user gets the form and keeps their id; the status says the account was created", async () => {
    env.useEmulator({ magicLinkEnabled: false });
    const { navigate } = renderWithStack(
      <>
        <AnonymousId />
        <SignUp />
      </>,
      { client: env.client() },
    );
    await waitFor(() => expect(screen.getByTestId("who")).toHaveTextContent(/^anonymous /));
    const id = screen.getByTestId("who").textContent?.split(" ")[1];
    const user = await fillSignIn("kept@example.test", PASSWORD);
    await user.click(screen.getByRole("button", { name: "Create account" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Account created. Taking you back…");
    await waitFor(() => expect(navigate).toHaveBeenCalled());
    await waitFor(() => expect(screen.getByTestId("who")).toHaveTextContent(`kept@example.test ${id}`));
  });
});

describe("what the forms say", () => {
  it("an email that has an account links to sign-in, keeping the return path", async () => {
    window.history.replaceState(null, "", "/handler/sign-up?after_auth_return_to=%2Forders");
    env.useEmulator({ magicLinkEnabled: false });
    env.emulator.addUser({ email: "ada@example.test", password: PASSWORD });
    renderWithStack(<SignUp />, { client: env.client() });
    const user = await fillSignIn("ada@example.test", PASSWORD);
    await user.click(screen.getByRole("button", { name: "Create account" }));
    const link = await screen.findByRole("link", { name: "Sign in instead" });
    expect(link).toHaveAttribute("href", "/handler/sign-in?after_auth_return_to=%2Forders");
    const email = screen.getByLabelText("Email");
    expect(email).toHaveAccessibleDescription("An account with this email already exists. Sign in instead");
    await waitFor(() => expect(email).toHaveFocus());
  });

  it("a 500 with an unknown code shows the server-error sentence and a retry, never the server's text", async () => {
    env.useEmulator({ magicLinkEnabled: false });
    env.emulator.faults.inject({
      method: "POST",
      path: "/auth/password/sign-in",
      status: 500,
      body: { code: "SOMETHING_NEW", error: "boom" },
    });
    renderWithStack(<SignIn />, { client: env.client() });
    const user = await fillSignIn("ada@example.test", PASSWORD);
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Something went wrong on the server. Try again in a moment.");
    expect(alert).not.toHaveTextContent("boom");
    expect(within(alert).getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });

  it.each([
    ["sign-in", <SignIn key="in" />, "Sign in", "POST /auth/password/sign-in"],
    ["sign-up", <SignUp key="up" />, "Create account", "POST /auth/password/sign-up"],
  ])("%s: an email without an @ is caught before any request", async (_, ui, submit, route) => {
    env.useEmulator({ magicLinkEnabled: false });
    renderWithStack(ui, { client: env.client() });
    const user = await fillSignIn("ada.example.test", PASSWORD);
    await user.click(screen.getByRole("button", { name: submit }));
    const email = screen.getByLabelText("Email");
    expect(email).toHaveAccessibleDescription("Enter a valid email address.");
    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(email).toHaveFocus();
    await settle();
    expect(env.count(route)).toBe(0);
  });

  it("empty fields: every missing one at once, focus on the first", async () => {
    env.useEmulator({ magicLinkEnabled: false });
    renderWithStack(<SignIn />, { client: env.client() });
    await userEvent.click(await screen.findByRole("button", { name: "Sign in" }));
    expect(screen.getByLabelText("Email")).toHaveAccessibleDescription("Enter your email address.");
    expect(screen.getByLabelText("Password")).toHaveAccessibleDescription("Enter your password.");
    expect(screen.getByLabelText("Email")).toHaveFocus();
    // Typing a password clears only its own message.
    await userEvent.type(screen.getByLabelText("Password"), "x");
    expect(screen.getByLabelText("Password")).not.toHaveAttribute("aria-invalid");
    expect(screen.getByLabelText("Email")).toHaveAttribute("aria-invalid", "true");
    // Sent again with the same problem: focus goes back to it.
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(screen.getByLabelText("Email")).toHaveFocus();
    expect(env.requests.filter((r) => r.method === "POST")).toEqual([]);
  });
});

describe("show password", () => {
  it("a pressed toggle shows the characters; it never submits", async () => {
    env.useEmulator({ magicLinkEnabled: false });
    renderWithStack(<SignIn />, { client: env.client() });
    const password = await screen.findByLabelText("Password");
    await userEvent.type(password, "secret");
    const toggle = screen.getByRole("button", { name: "Show password" });
    expect(toggle).toHaveAttribute("type", "button");
    expect(toggle).toHaveAttribute("aria-pressed", "false");
    expect(password).toHaveAttribute("type", "password");
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute("aria-pressed", "true");
    expect(password).toHaveAttribute("type", "text");
    expect(password).toHaveValue("secret");
    expect(password).toHaveAttribute("spellcheck", "false");
    await userEvent.click(toggle);
    expect(password).toHaveAttribute("type", "password");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByLabelText("Email")).not.toHaveAttribute("aria-invalid");
  });
});

describe("<UserButton/> on a narrow screen", () => {
  it("the menu is no wider than the viewport and a long email wraps", async () => {
    const email = `a-very-long-address-${"x".repeat(60)}@example.test`;
    const store = await env.signedInStore(email);
    renderWithStack(<UserButton />, { client: env.client({ tokenStore: store }) });
    await userEvent.click(await screen.findByRole("button", { name: `Account menu for ${email}` }));
    const shown = screen.getByText(email);
    const menu = shown.closest(".stack-menu") as HTMLElement;
    expect(declared(menu, "max-width")).toBe("calc(100vw - 16px)");
    expect(declared(shown, "overflow-wrap")).toBe("anywhere");
  });
});

describe("typing after an empty submit", () => {
  it("stays in the field being typed in (focus never jumps to the other field's message)", async () => {
    const user = userEvent.setup();
    renderWithStack(<SignIn />, { client: env.client() });
    await user.click(await screen.findByRole("button", { name: "Sign in" }));
    expect(await screen.findByText("Enter your password.")).toBeInTheDocument();
    await user.click(screen.getByLabelText("Password"));
    await user.keyboard("Secret-pass-99");
    expect(screen.getByLabelText("Password")).toHaveValue("Secret-pass-99");
    expect(screen.getByLabelText("Email")).toHaveValue("");
    await user.click(screen.getByLabelText("Email"));
    await user.keyboard("ada@example.com");
    expect(screen.getByLabelText("Email")).toHaveValue("ada@example.com");
    expect(screen.getByLabelText("Password")).toHaveValue("Secret-pass-99");
  });
});

describe("an email code for an account with an unverified address", () => {
  it("says how to get in instead of only 'already exists'", async () => {
    const user = userEvent.setup();
    env.emulator.addUser({ email: "unverified@example.test", password: PASSWORD });
    renderWithStack(<SignIn />, { client: env.client() });
    await user.click(await screen.findByRole("button", { name: "Email me a sign-in code instead" }));
    await user.type(screen.getByLabelText("Email"), "unverified@example.test");
    await user.click(screen.getByRole("button", { name: "Email me a code" }));
    expect(
      await screen.findByText(
        "This account can't get sign-in codes until its email is verified. Sign in another way, then verify your email.",
      ),
    ).toBeInTheDocument();
  });
});

describe("a magic link opened while signed in", () => {
  it("says which account is signed in before the click can switch it", async () => {
    const store = await env.signedInStore("alice@example.test");
    const { sendSignInCode } = await import("../../src/core/index.js");
    await sendSignInCode(env.client(), {
      email: "mallory@example.test",
      callbackUrl: `${window.location.origin}/handler/magic-link-callback`,
    });
    const code = env.emulator.mailbox.latest("mallory@example.test")?.code ?? "";
    renderWithStack(<MagicLinkCallback code={code} />, { client: env.client({ tokenStore: store }) });
    expect(
      await screen.findByText(
        "You are signed in as alice@example.test. This link signs in the account it was sent to, which may be another one.",
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Sign in" })).toBeInTheDocument();
  });
});

import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mfaDemoUser } from "../../demo/emulator-config.js";
import { totp } from "../../src/testing/totp.js";
import { axeViolations, hidden, isFocused, launchChromium, settle, startDemo, visible } from "./harness.js";

// Every sign-in method of issue 3, walked in Chromium against the demo as `npm run dev` serves it
// (StrictMode on, the emulator's mock OAuth provider, its mailbox read over HTTP).
let demo: { url: string; close(): Promise<void> };
let browser: Browser;
let context: BrowserContext;
let page: Page;
let n = 0;
const freshEmail = (label: string) => `${label}.${Date.now()}.${++n}@example.com`;
const PASSWORD = "correct-horse-battery";

beforeAll(async () => {
  demo = await startDemo();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
});
beforeEach(async () => {
  context = await browser.newContext();
  page = await context.newPage();
});
afterEach(async () => {
  await context?.close();
});

interface Mail {
  to: string;
  subject: string;
  link?: string;
  code?: string;
  otp?: string;
}
async function latestMail(to: string): Promise<Mail> {
  let mail: Mail | undefined;
  await expect
    .poll(async () => {
      const list: Mail[] = await (
        await fetch(`${demo.url}/__stack-emulator/mailbox?to=${encodeURIComponent(to)}`)
      ).json();
      mail = list.at(-1);
      return mail;
    })
    .toBeTruthy();
  return mail as Mail;
}
const otpOf = (mail: Mail) => (mail.otp ?? /Your code is (\w{6})/.exec(mail.subject)?.[1]) as string;

/** API calls the page makes, as "METHOD /path". */
function record(p: Page) {
  const seen: string[] = [];
  p.on("request", (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith("/api/v1")) seen.push(`${r.method()} ${url.pathname}`);
  });
  return seen;
}

async function signUp(email: string, origin = demo.url) {
  await page.goto(`${origin}/handler/sign-up`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await visible(page.getByText(`Signed in as ${email}.`));
}

async function signOutFromMenu() {
  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await visible(page.getByText("You are signed out."));
}

describe("magic link and one-time code", () => {
  it("signs in with a pasted code, which submits itself on the last character", async () => {
    const email = freshEmail("otp");
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: demo.url });
    await page.goto(`${demo.url}/handler/sign-in`);
    await page.getByRole("button", { name: "Email me a sign-in code instead" }).click();
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a code" }).click();
    await visible(page.getByRole("heading", { name: "Check your email" }));
    expect(await axeViolations(page)).toEqual([]);
    const otp = otpOf(await latestMail(email));
    await page.evaluate((text) => navigator.clipboard.writeText(text), otp);
    await page.getByLabel("Code").focus();
    await page.keyboard.press("ControlOrMeta+V");
    await visible(page.getByText(`Signed in as ${email}.`));
  });

  it("says a wrong code is wrong, then accepts the right one", async () => {
    const email = freshEmail("otp-wrong");
    await page.goto(`${demo.url}/handler/sign-in`);
    await page.getByRole("button", { name: "Email me a sign-in code instead" }).click();
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a code" }).click();
    const otp = otpOf(await latestMail(email));
    const wrong = otp === "AAAAAA" ? "BBBBBB" : "AAAAAA";
    await page.getByLabel("Code").fill(wrong);
    await visible(page.getByText("That code isn't right. Check it and try again."));
    await page.getByLabel("Code").fill(otp);
    await visible(page.getByText(`Signed in as ${email}.`));
  });

  it("asks for one click before signing in from the emailed link, survives a reload, and refuses a used link", async () => {
    const email = freshEmail("link");
    await page.goto(`${demo.url}/handler/sign-in`);
    await page.getByRole("button", { name: "Email me a sign-in code instead" }).click();
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a code" }).click();
    const { link } = await latestMail(email);
    const requests = record(page);
    await page.goto(link as string);
    await visible(page.getByText("Select the button to finish signing in."));
    await page.reload(); // a mail scanner or a reload must not use the code up
    await visible(page.getByText("Select the button to finish signing in."));
    expect(requests.filter((r) => r === "POST /api/v1/auth/otp/sign-in")).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Sign in" }).click();
    await visible(page.getByText(`Signed in as ${email}.`));
    await page.goto(link as string);
    await visible(page.getByText("This link was already used."));
  });
});

describe("OAuth with PKCE through the emulator's mock provider", () => {
  it("signs in with one exchange under StrictMode, and leaves no code in the address bar", async () => {
    const requests = record(page);
    await page.goto(`${demo.url}/handler/sign-in`);
    await page.getByRole("button", { name: "Continue with GitHub" }).click();
    await visible(page.getByRole("button", { name: "Allow" }));
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel("Email").fill(freshEmail("gh"));
    await page.getByRole("button", { name: "Allow" }).click();
    await visible(page.getByText(/Signed in as gh\./));
    await settle(page);
    expect(requests.filter((r) => r === "POST /api/v1/auth/oauth/token")).toHaveLength(1);
    expect(page.url()).not.toMatch(/[?&](code|state)=/);
  });

  it("shows the cancel, then a successful second attempt with no stale error", async () => {
    await page.goto(`${demo.url}/handler/sign-in`);
    await page.getByRole("button", { name: "Continue with Google" }).click();
    await page.getByRole("button", { name: "Cancel" }).click();
    await visible(page.getByRole("alert"));
    await page.goto(`${demo.url}/handler/sign-in`);
    await page.getByRole("button", { name: "Continue with Google" }).click();
    await page.getByLabel("Email").fill(freshEmail("google"));
    await page.getByRole("button", { name: "Allow" }).click();
    await visible(page.getByText(/Signed in as google\./));
    expect(await page.getByRole("alert").count()).toBe(0);
  });

  it("ignores an unrelated ?code= and a reloaded callback page", async () => {
    const requests = record(page);
    await page.goto(`${demo.url}/?code=not-ours&state=nope`);
    await visible(page.getByText("You are signed out."));
    await page.goto(`${demo.url}/handler/oauth-callback?code=stale&state=unknown-state`);
    await visible(page.getByText(/no sign-in to finish/i));
    await settle(page);
    expect(requests.filter((r) => r.includes("/auth/oauth/token"))).toEqual([]);
  });

  it("falls back to a redirect when the popup is blocked", async () => {
    await page.addInitScript(() => {
      window.open = () => null;
    });
    await page.goto(demo.url);
    await page.getByRole("button", { name: "Sign in without leaving this page" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Continue with GitHub" }).click();
    await page.getByLabel("Email").fill(freshEmail("blocked"));
    await page.getByRole("button", { name: "Allow" }).click();
    await visible(page.getByText(/Signed in as blocked\./));
  });
});

describe("forgot and reset password", () => {
  it("answers the same for an unknown email, resets with the policy enforced, and refuses the used link", async () => {
    const email = freshEmail("reset");
    await signUp(email);
    await signOutFromMenu();
    await page.goto(`${demo.url}/handler/forgot-password`);
    await page.getByLabel("Email").fill(freshEmail("nobody"));
    await page.getByRole("button", { name: "Send reset link" }).click();
    const unknown = await page.getByRole("status").textContent();
    await page.goto(`${demo.url}/handler/forgot-password`);
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await visible(page.getByText(/If an account exists for/));
    expect(unknown).toMatch(/If an account exists for/);
    const { link } = await latestMail(email);
    await page.goto(link as string);
    await page.getByLabel("New password", { exact: true }).fill("short");
    await page.getByLabel("Repeat new password").fill("short");
    await page.getByRole("button", { name: "Set new password" }).click();
    await visible(page.getByText("Use at least 8 characters."));
    await page.getByLabel("New password", { exact: true }).fill("a-brand-new-password");
    await page.getByLabel("Repeat new password").fill("a-brand-new-password");
    await page.getByRole("button", { name: "Set new password" }).click();
    await visible(page.getByText("Your password has been changed. Sign in with the new one."));
    await page.goto(link as string);
    await visible(page.getByText("This link was already used."));
    await page.goto(`${demo.url}/handler/sign-in`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill("a-brand-new-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await visible(page.getByText(`Signed in as ${email}.`));
  });
});

describe("email verification", () => {
  it("shows unverified users a banner, verifies the emailed link, and the banner goes", async () => {
    const email = freshEmail("verify");
    await signUp(email);
    await visible(page.getByRole("complementary", { name: "Email verification" }));
    await page.getByRole("button", { name: "Send the link again" }).click();
    await visible(page.getByText("We sent a new link."));
    const { link } = await latestMail(email);
    await page.goto(link as string);
    await visible(page.getByText("Your email is verified."));
    await page.goto(demo.url);
    await visible(page.getByText(`Signed in as ${email}.`));
    await hidden(page.getByRole("complementary", { name: "Email verification" }));
  });
});

describe("two-factor sign-in", () => {
  it("moves to a 6-digit step, refuses a wrong code and accepts the current one", async () => {
    await page.goto(`${demo.url}/handler/sign-in`);
    await page.getByLabel("Email").fill(mfaDemoUser.email);
    await page.getByLabel("Password", { exact: true }).fill(mfaDemoUser.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await visible(page.getByRole("heading", { name: "Two-factor authentication" }));
    const code = totp(mfaDemoUser.totpSecretBase64, Date.now());
    await page.getByLabel("Authentication code").fill(code === "000000" ? "111111" : "000000");
    await visible(page.getByText("That code isn't right. Enter the current code from your app."));
    await page.getByLabel("Authentication code").fill(totp(mfaDemoUser.totpSecretBase64, Date.now()));
    await visible(page.getByText(`Signed in as ${mfaDemoUser.email}.`));
  });
});

describe("passkeys", () => {
  it("registers a passkey on a virtual authenticator, then signs in with it", async () => {
    const cdp = await context.newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: {
        protocol: "ctap2",
        transport: "internal",
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    // WebAuthn refuses IP addresses as relying-party ids: passkeys need a host name such as localhost.
    const origin = demo.url.replace("127.0.0.1", "localhost");
    const email = freshEmail("passkey");
    await signUp(email, origin);
    await page.getByRole("button", { name: "Add a passkey" }).click();
    await visible(page.getByText(/Passkey added/));
    await signOutFromMenu();
    await page.goto(`${origin}/handler/sign-in`);
    await page.getByRole("button", { name: "Sign in with a passkey" }).click();
    await visible(page.getByText(`Signed in as ${email}.`));
  });
});

describe("anonymous users", () => {
  it("are created only when a page asks, and keep their id when they sign up", async () => {
    const requests = record(page);
    await page.goto(demo.url);
    await visible(page.getByText("You are signed out."));
    await settle(page);
    expect(requests).toEqual([]);
    await page.getByRole("link", { name: "Guest page" }).click();
    await visible(page.getByText(/You are browsing as a guest/));
    const guestId = await page.getByTestId("user-id").textContent();
    await page.getByRole("link", { name: "Create an account" }).click();
    const email = freshEmail("upgraded");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await visible(page.getByText(`Signed in as ${email}`));
    expect(await page.getByTestId("user-id").textContent()).toBe(guestId);
  });
});

describe("modal sign-in", () => {
  it("traps focus in the dialog, returns it on close, and closes itself after signing in", async () => {
    await page.goto(demo.url);
    const trigger = page.getByRole("button", { name: "Sign in without leaving this page" });
    await trigger.click();
    const dialog = page.getByRole("dialog");
    await visible(dialog);
    expect(await axeViolations(page)).toEqual([]);
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press("Tab");
      expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    await page.keyboard.press("Escape");
    await hidden(dialog);
    await expect.poll(() => isFocused(trigger)).toBe(true);

    await trigger.click();
    await dialog.getByLabel("Email").fill(mfaDemoUser.email);
    await dialog.getByLabel("Password", { exact: true }).fill("wrong-password-here");
    await dialog.getByRole("button", { name: "Sign in", exact: true }).click();
    await visible(dialog.getByText("Wrong email or password."));
  });
});

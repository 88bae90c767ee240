import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  axeViolations,
  hidden,
  isFocused,
  launchChromium,
  recordApiRequests,
  settle,
  startDemo,
  visible,
} from "./harness.js";

// The user story of the foundation issue, walked in Chromium against the demo as `npm run dev` serves it.
let demo: { url: string; close(): Promise<void> };
let browser: Browser;
let context: BrowserContext;
let page: Page;
const email = `ada.lovelace.${Date.now()}@example.com`;
const password = "correct-horse-battery";

beforeAll(async () => {
  demo = await startDemo();
  browser = await launchChromium();
  context = await browser.newContext();
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

describe("the demo, signed out", () => {
  it("loads the home page with no API request at all", async () => {
    const requests = recordApiRequests(page);
    await page.goto(demo.url);
    await visible(page.getByText("You are signed out."));
    await settle(page);
    expect(requests).toEqual([]);
  });

  it("sends a visitor of the protected page to sign-in, remembering where they were going", async () => {
    await page.goto(`${demo.url}/protected`);
    await page.waitForURL(/\/handler\/sign-in\?after_auth_return_to=%2Fprotected$/);
    await visible(page.getByRole("heading", { name: "Sign in" }));
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe("sign up", () => {
  it("keeps the return path on the way to sign-up", async () => {
    await page.getByRole("link", { name: "Sign up" }).last().click();
    await page.waitForURL(/\/handler\/sign-up\?after_auth_return_to=%2Fprotected$/);
    await visible(page.getByRole("heading", { name: "Create an account" }));
    expect(await axeViolations(page)).toEqual([]);
  });

  it("shows a too-short password next to the password field with the minimum, keeping what was typed", async () => {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await visible(page.getByText("Use at least 8 characters."));
    await expect.poll(() => page.getByLabel("Password").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Email").inputValue()).toBe(email);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("signs up and lands back on the protected page, signed in", async () => {
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(`${demo.url}/protected`);
    await visible(page.getByRole("heading", { name: "Protected page" }));
    await visible(page.getByText(`Hello, ${email}.`));
  });

  it("refuses the same email again, on the email field", async () => {
    const other = await context.browser()?.newContext();
    if (!other) throw new Error("no browser");
    const tab = await other.newPage();
    await tab.goto(`${demo.url}/handler/sign-up`);
    await tab.getByLabel("Email").fill(email);
    await tab.getByLabel("Password").fill(password);
    await tab.getByRole("button", { name: "Create account" }).click();
    await visible(tab.getByText("An account with this email already exists."));
    await visible(tab.getByRole("link", { name: "Sign in instead" }));
    await expect.poll(() => tab.getByLabel("Email").getAttribute("aria-invalid")).toBe("true");
    expect(await tab.getByLabel("Password").inputValue()).toBe(password);
    await other.close();
  });
});

describe("the user button", () => {
  it("shows the initials, opens a menu with the email, and passes axe", async () => {
    const button = page.getByRole("button", { name: `Account menu for ${email}` });
    expect(await button.locator(".stack-avatar").textContent()).toBe("AL");
    await button.click();
    await visible(page.getByRole("menu"));
    await visible(page.getByText(email, { exact: true }));
    await expect.poll(() => isFocused(page.getByRole("menuitem", { name: "Sign out" }))).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("closes on Escape and gives focus back to the button", async () => {
    await page.keyboard.press("Escape");
    await hidden(page.getByRole("menu"));
    await expect
      .poll(() => isFocused(page.getByRole("button", { name: `Account menu for ${email}` })))
      .toBe(true);
  });

  it("signs out from the keyboard and clears the session", async () => {
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => isFocused(page.getByRole("menuitem", { name: "Sign out" }))).toBe(true);
    await page.keyboard.press("Enter");
    await page.waitForURL(`${demo.url}/`);
    await visible(page.getByText("You are signed out."));
    const stored = await page.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.startsWith("stack-react-kit")),
    );
    expect(stored).toEqual([]);
  });
});

describe("sign in", () => {
  it("says the email or password is wrong without losing either", async () => {
    await page.getByRole("link", { name: "Sign in", exact: true }).click();
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("not-my-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toBe("Wrong email or password.");
    expect(await page.getByLabel("Email").inputValue()).toBe(email);
    expect(await page.getByLabel("Password").inputValue()).toBe("not-my-password");
  });

  it("offers a retry that keeps everything typed when the network is down", async () => {
    await page.getByLabel("Password").fill(password);
    await page.route("**/api/v1/auth/password/sign-in", (route) => route.abort("internetdisconnected"));
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Can't reach the server");
    expect(await page.getByLabel("Password").inputValue()).toBe(password);
    await page.unroute("**/api/v1/auth/password/sign-in");
    await page.getByRole("button", { name: "Try again" }).click();
    await page.waitForURL(`${demo.url}/`);
    await visible(page.getByText(`Signed in as ${email}.`));
  });

  it("stays signed in across a reload, with exactly one API request", async () => {
    const requests = recordApiRequests(page);
    await page.reload();
    await visible(page.getByText(`Signed in as ${email}.`));
    await settle(page);
    expect(requests).toEqual(["GET /api/v1/users/me"]);
  });
});

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createEmulator } from "../../src/testing/index.js";
import { type EmulatorServer, startEmulatorServer } from "../../src/testing/node.js";
import { launchChromium, settle, startDemo, visible } from "./harness.js";

// The demo on one origin, the API on another (as with the real cloud): what crosses the wire, counted
// at the API server, where CORS preflights are visible.
const LIFETIME_S = 25; // the client refreshes 20 s before `exp`, so this token is usable for ~5 s
let api: EmulatorServer;
let demo: { url: string; close(): Promise<void> };
let browser: Browser;
let page: Page;
const seen: string[] = [];
const count = (line: string) => seen.filter((s) => s === line).length;

beforeAll(async () => {
  const emulator = createEmulator({ accessTokenLifetimeSeconds: LIFETIME_S });
  api = await startEmulatorServer({
    emulator: {
      ...emulator,
      handle(request) {
        seen.push(`${request.method} ${new URL(request.url).pathname}`);
        return emulator.handle(request);
      },
    },
  });
  process.env.VITE_STACK_API_URL = api.url;
  try {
    demo = await startDemo();
  } finally {
    delete process.env.VITE_STACK_API_URL;
  }
  browser = await launchChromium();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await api?.close();
});

it("signs up across origins", async () => {
  await page.goto(`${demo.url}/handler/sign-up`);
  await page.getByLabel("Email").fill("grace@example.com");
  await page.getByLabel("Password").fill("cobol-is-fine-1959");
  await page.getByRole("button", { name: "Create account" }).click();
  await visible(page.getByText("Signed in as grace@example.com."));
  expect(count("POST /api/v1/auth/password/sign-up")).toBe(1);
});

it("pays one CORS preflight per endpoint: a second call is served from the preflight cache", async () => {
  await page.reload();
  await visible(page.getByText("Signed in as grace@example.com."));
  await page.reload();
  await visible(page.getByText("Signed in as grace@example.com."));
  await settle(page);
  expect(count("GET /api/v1/users/me")).toBe(3);
  expect(count("OPTIONS /api/v1/users/me")).toBe(1);
});

it("refreshes an expiring access token once, with a CORS-simple request (no preflight)", async () => {
  await page.waitForTimeout((LIFETIME_S - 20) * 1000 + 500);
  await page.reload();
  await visible(page.getByText("Signed in as grace@example.com."));
  await settle(page);
  expect(count("POST /api/v1/auth/oauth/token")).toBe(1);
  expect(count("OPTIONS /api/v1/auth/oauth/token")).toBe(0);
  expect(count("OPTIONS /api/v1/users/me")).toBe(1);
});

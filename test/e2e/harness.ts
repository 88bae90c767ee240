import { createRequire } from "node:module";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { createServer, type InlineConfig, type ViteDevServer } from "vite";
import { chromiumArgs, chromiumPath } from "../../scripts/chromium.mjs";

/** Waits until the element is visible (playwright-core has no expect of its own). */
export function visible(locator: Locator): Promise<void> {
  return locator.first().waitFor({ state: "visible" });
}

export function hidden(locator: Locator): Promise<void> {
  return locator.first().waitFor({ state: "hidden" });
}

/** Whether the element has keyboard focus. */
export function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/** The demo exactly as `npm run dev` serves it, on a free port. */
export async function startDemo(
  overrides: InlineConfig = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const server: ViteDevServer = await createServer({
    configFile: "vite.config.ts",
    logLevel: "error",
    ...overrides,
    server: { port: 0, strictPort: false, host: "127.0.0.1", ...overrides.server },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === "string") throw new Error("the demo server has no port");
  return { url: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}

/** Every request the page sends to a Stack API path, for request-count assertions. */
export function recordApiRequests(target: Page | BrowserContext): string[] {
  const seen: string[] = [];
  target.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith("/api/v1")) seen.push(`${request.method()} ${url.pathname}`);
  });
  return seen;
}

const axeSource: string = createRequire(import.meta.url)("axe-core").source;

/** axe-core's WCAG 2 A/AA rules on the current page; returns the violations (expected: none). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected as a global.
    const axe = (window as any).axe;
    const { violations } = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return violations.map(
      (v: { id: string; help: string; nodes: { target: string[] }[] }) =>
        `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
    );
  });
  return result;
}

/** Lets in-flight requests land before a count is read. */
export async function settle(page: Page) {
  await page.waitForLoadState("networkidle");
}

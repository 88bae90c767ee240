// `npm run bench`: request counts and latency of the demo in Chromium, as numbers (a benchmark, not a
// test: it asserts nothing). Runs the demo exactly as `npm run dev` serves it (development build,
// StrictMode, the emulator on the same origin), so absolute times include Vite's dev transforms.
import { chromium } from "playwright-core";
import { createServer } from "vite";
import { chromiumArgs, chromiumPath } from "./chromium.mjs";

const RUNS = 7;
const server = await createServer({ configFile: "vite.config.ts", logLevel: "error", server: { port: 0 } });
await server.listen();
const url = `http://127.0.0.1:${server.httpServer.address().port}`;
const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  const page = await browser.newPage();
  const api = [];
  page.on("request", (r) => {
    const { pathname } = new URL(r.url());
    if (pathname.startsWith("/api/v1")) api.push(`${r.method()} ${pathname}`);
  });
  const count = async (action) => {
    api.length = 0;
    await action();
    await page.waitForLoadState("networkidle");
    return [...api];
  };

  const signedOut = await count(() => page.goto(url));
  await page.goto(`${url}/handler/sign-up`);
  const email = `bench.${Date.now()}@example.com`;
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("correct-horse-battery");
  const signUp = await count(async () => {
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByText(`Signed in as ${email}.`).waitFor();
  });
  const signedInReload = await count(async () => {
    await page.reload();
    await page.getByText(`Signed in as ${email}.`).waitFor();
  });

  // Reload → the user's email on screen (the kit's GET /users/me included), signed in.
  const reloadMs = [];
  for (let i = 0; i < RUNS; i++) {
    const start = Date.now();
    await page.reload();
    await page.getByText(`Signed in as ${email}.`).waitFor();
    reloadMs.push(Date.now() - start);
  }

  // Click "Sign in" → signed-in home page (POST sign-in, GET users/me, render).
  const signInMs = [];
  for (let i = 0; i < RUNS; i++) {
    await page.evaluate(() => localStorage.clear());
    await page.goto(`${url}/handler/sign-in`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill("correct-horse-battery");
    const start = Date.now();
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByText(`Signed in as ${email}.`).waitFor();
    signInMs.push(Date.now() - start);
  }

  console.log("API requests (demo, Chromium):");
  console.log(`  signed-out first load of the home page   ${signedOut.length}  ${JSON.stringify(signedOut)}`);
  console.log(`  sign-up until the home page shows        ${signUp.length}  ${JSON.stringify(signUp)}`);
  console.log(
    `  signed-in reload, valid access token     ${signedInReload.length}  ${JSON.stringify(signedInReload)}`,
  );
  console.log(`Latency, median of ${RUNS} (dev server on loopback):`);
  console.log(
    `  reload → signed-in page rendered         ${median(reloadMs)} ms  (runs: ${reloadMs.join(", ")})`,
  );
  console.log(
    `  click "Sign in" → signed-in home page    ${median(signInMs)} ms  (runs: ${signInMs.join(", ")})`,
  );
} finally {
  await browser.close();
  await server.close();
}

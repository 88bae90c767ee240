// @vitest-environment node
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, preview } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stackEmulator } from "../../src/testing/node.js";

// The Vite host: the demo and its Stack API on one origin, for `vite` and `vite preview`.

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "stack-emulator-vite-"));
  writeFileSync(join(root, "index.html"), "<!doctype html><title>app</title>");
  mkdirSync(join(root, "dist"));
  writeFileSync(join(root, "dist", "index.html"), "<!doctype html><title>built app</title>");
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const clientHeaders = (projectId: string) => ({
  "x-stack-access-type": "client",
  "x-stack-project-id": projectId,
});

describe("stackEmulator() Vite plugin", () => {
  it("mounts /api/v1 and /__stack-emulator on the dev server and leaves the rest to Vite", async () => {
    const plugin = stackEmulator({ displayName: "Vite demo" });
    const server = await createServer({
      root,
      configFile: false,
      logLevel: "silent",
      plugins: [plugin],
      server: { port: 0, host: "127.0.0.1", hmr: false, watch: null },
    });
    await server.listen();
    try {
      const { port } = (server.httpServer?.address() ?? {}) as AddressInfo;
      const base = `http://127.0.0.1:${port}`;
      const projectId = plugin.api.emulator.projectId;
      const project = await fetch(`${base}/api/v1/projects/current`, { headers: clientHeaders(projectId) });
      expect(await project.json()).toMatchObject({ id: projectId, display_name: "Vite demo" });

      const signUp = await fetch(`${base}/api/v1/auth/password/sign-up`, {
        method: "POST",
        headers: { ...clientHeaders(projectId), "content-type": "application/json" },
        body: JSON.stringify({
          email: "vite@example.test",
          password: "Golden-Passw0rd-16",
          verification_callback_url: `${base}/handler/email-verification`,
        }),
      });
      const { access_token } = (await signUp.json()) as { access_token: string };
      const claims = JSON.parse(Buffer.from(access_token.split(".")[1] ?? "", "base64url").toString()) as {
        iss: string;
      };
      expect(claims.iss).toBe(`${base}/api/v1/projects/${projectId}`);

      const mailbox = await fetch(`${base}/__stack-emulator/mailbox`);
      expect(((await mailbox.json()) as unknown[]).length).toBe(1);

      const page = await fetch(`${base}/`);
      expect(await page.text()).toContain("<title>app</title>");
    } finally {
      await server.close();
    }
  });

  it("mounts the same emulator on the preview server", async () => {
    const plugin = stackEmulator();
    const server = await preview({
      root,
      configFile: false,
      logLevel: "silent",
      plugins: [plugin],
      preview: { port: 0, host: "127.0.0.1" },
    });
    try {
      const { port } = server.httpServer.address() as AddressInfo;
      const base = `http://127.0.0.1:${port}`;
      const response = await fetch(`${base}/api/v1`, {
        headers: clientHeaders(plugin.api.emulator.projectId),
      });
      expect(await response.text()).toContain("Authentication: Client");
      expect(await (await fetch(`${base}/`)).text()).toContain("built app");
    } finally {
      await server.close();
    }
  });
});

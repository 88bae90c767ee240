// @vitest-environment node
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

// `npm run emulator`: runs the TypeScript source through Vite, prints what it serves.

const script = fileURLToPath(new URL("../../scripts/emulator.mjs", import.meta.url));
let child: ChildProcess | undefined;

afterEach(() => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  child = undefined;
});

function start(args: string[]): Promise<string> {
  const proc = spawn(process.execPath, [script, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  child = proc;
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    proc.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("Mailbox")) resolve(out);
    });
    proc.stderr?.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    proc.on("exit", (code) => reject(new Error(`emulator exited with ${code}: ${err}${out}`)));
  });
}

describe("scripts/emulator.mjs", () => {
  it("starts on the requested port with the given project id and key, and stops on SIGTERM", async () => {
    const projectId = "5f0c2c4e-8b7a-4d6e-9f10-2a3b4c5d6e7f";
    const output = await start([
      "--port",
      "0",
      "--project-id",
      projectId,
      "--publishable-client-key",
      "pck_script",
    ]);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    expect(url).toBeDefined();
    expect(output).toContain(`Project ID              ${projectId}`);
    expect(output).toContain("Publishable client key  pck_script");

    const ok = await fetch(`${url}/api/v1`, {
      headers: {
        "x-stack-access-type": "client",
        "x-stack-project-id": projectId,
        "x-stack-publishable-client-key": "pck_script",
      },
    });
    expect(await ok.text()).toContain(`Project: ${projectId}`);
    const wrongKey = await fetch(`${url}/api/v1`, {
      headers: {
        "x-stack-access-type": "client",
        "x-stack-project-id": projectId,
        "x-stack-publishable-client-key": "nope",
      },
    });
    expect(wrongKey.status).toBe(401);

    const exited = new Promise<number | null>((resolve) => child?.on("exit", resolve));
    child?.kill("SIGTERM");
    expect(await exited).toBe(0);
  }, 60_000);

  it("refuses a bad port", async () => {
    await expect(start(["--port", "nope"])).rejects.toThrow(/--port must be a port number/);
  }, 30_000);
});

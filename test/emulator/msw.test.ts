// @vitest-environment node
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createEmulator } from "../../src/testing/index.js";
import { createMswHandlers } from "../../src/testing/msw.js";

// The MSW host: unit tests and Storybook route `fetch` to the emulator without a socket.

const emulator = createEmulator();
const cloud = createEmulator({ projectId: "11111111-2222-4333-8444-555555555555" });
const server = setupServer(
  ...createMswHandlers(cloud, { apiUrl: "https://api.stack-auth.com" }),
  ...createMswHandlers(emulator),
);
const headers = {
  "x-stack-access-type": "client",
  "x-stack-project-id": emulator.projectId,
  "x-stack-allow-anonymous-user": "true",
};

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  emulator.faults.clear();
});
afterAll(() => server.close());

describe("createMswHandlers", () => {
  it("forwards any origin's /api/v1 (root included) to the emulator", async () => {
    for (const base of ["http://localhost", "http://127.0.0.1:6006", "https://demo.example.test"]) {
      const root = await fetch(`${base}/api/v1`, { headers });
      expect(await root.text()).toContain(`Project: ${emulator.projectId}`);
      const me = await fetch(`${base}/api/v1/users/me`, { headers });
      expect(me.headers.get("x-stack-known-error")).toBe("CANNOT_GET_OWN_USER_WITHOUT_USER");
    }
  });

  it("with apiUrl, only that origin goes to that emulator", async () => {
    const response = await fetch("https://api.stack-auth.com/api/v1/projects/current", {
      headers: { ...headers, "x-stack-project-id": cloud.projectId },
    });
    expect(((await response.json()) as { id: string }).id).toBe(cloud.projectId);
  });

  it("signs up and reads the user through fetch", async () => {
    const signUp = await fetch("http://localhost/api/v1/auth/password/sign-up", {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ email: "msw@example.test", password: "Golden-Passw0rd-16" }),
    });
    const { access_token } = (await signUp.json()) as { access_token: string };
    const me = await fetch("http://localhost/api/v1/users/me", {
      headers: { ...headers, "x-stack-access-token": access_token },
    });
    expect(await me.json()).toMatchObject({ primary_email: "msw@example.test" });
  });

  it("turns a network fault into a fetch TypeError", async () => {
    emulator.faults.inject({ path: "/projects/current", network: true });
    await expect(fetch("http://localhost/api/v1/projects/current", { headers })).rejects.toThrow(TypeError);
  });

  it("serves /__stack-emulator routes too", async () => {
    const response = await fetch("http://localhost/__stack-emulator/mailbox");
    expect(Array.isArray(await response.json())).toBe(true);
    const info = await fetch("http://localhost/__stack-emulator");
    expect(await info.json()).toMatchObject({ project_id: emulator.projectId });
  });
});

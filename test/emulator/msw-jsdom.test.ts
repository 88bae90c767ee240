import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmulator } from "../../src/testing/index.js";
import { createMswHandlers } from "../../src/testing/msw.js";

// Same host in the default (jsdom) environment, where hook and component tests run.

const emulator = createEmulator();
const server = setupServer(...createMswHandlers(emulator));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

describe("createMswHandlers under jsdom", () => {
  it("runs a sign-up, user read and refresh", async () => {
    expect(typeof window).toBe("object");
    const headers = {
      "x-stack-access-type": "client",
      "x-stack-project-id": emulator.projectId,
      "x-stack-publishable-client-key": emulator.publishableClientKey,
      "x-stack-allow-anonymous-user": "true",
    };
    const signUp = await fetch("http://localhost/api/v1/auth/password/sign-up", {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ email: "jsdom@example.test", password: "Golden-Passw0rd-16" }),
    });
    expect(signUp.status).toBe(200);
    const tokens = (await signUp.json()) as { access_token: string; refresh_token: string };
    const me = await fetch("http://localhost/api/v1/users/me", {
      headers: { ...headers, "x-stack-access-token": tokens.access_token },
    });
    expect(await me.json()).toMatchObject({ primary_email: "jsdom@example.test" });
    const refresh = await fetch("http://localhost/api/v1/auth/sessions/current/refresh", {
      method: "POST",
      headers: { ...headers, "x-stack-refresh-token": tokens.refresh_token },
    });
    expect(refresh.status).toBe(200);
  });
});

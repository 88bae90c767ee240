// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorServer, startEmulatorServer } from "../../src/testing/node.js";

// The standalone host on a real socket: what `npm run emulator` and end-to-end tests use.

let server: EmulatorServer;
let headers: Record<string, string>;

beforeAll(async () => {
  server = await startEmulatorServer({
    port: 0,
    seedUsers: [{ email: "ada@example.test", password: "Golden-Passw0rd-16" }],
  });
  headers = {
    "x-stack-access-type": "client",
    "x-stack-project-id": server.emulator.projectId,
    "x-stack-publishable-client-key": server.emulator.publishableClientKey,
    "x-stack-allow-anonymous-user": "true",
  };
});
afterAll(() => server.close());

describe("startEmulatorServer", () => {
  it("listens on 127.0.0.1 and answers like the API", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const root = await fetch(`${server.url}/api/v1`, { headers });
    expect(root.status).toBe(200);
    expect(await root.text()).toContain("Authentication: Client");
  });

  it("signs in, reads the user, refreshes, signs out over HTTP", async () => {
    const signIn = await fetch(`${server.url}/api/v1/auth/password/sign-in`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ email: "ada@example.test", password: "Golden-Passw0rd-16" }),
    });
    expect(signIn.status).toBe(200);
    const tokens = (await signIn.json()) as { access_token: string; refresh_token: string };

    const me = await fetch(`${server.url}/api/v1/users/me`, {
      headers: { ...headers, "x-stack-access-token": tokens.access_token },
    });
    expect(await me.json()).toMatchObject({ primary_email: "ada@example.test", has_password: true });

    const refresh = await fetch(`${server.url}/api/v1/auth/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: tokens.refresh_token,
        client_id: server.emulator.projectId,
        client_secret: server.emulator.publishableClientKey,
      }),
    });
    expect(refresh.status).toBe(200);
    expect(refresh.headers.get("pragma")).toBe("no-cache");

    const signOut = await fetch(`${server.url}/api/v1/auth/sessions/current`, {
      method: "DELETE",
      headers: {
        ...headers,
        "x-stack-access-token": tokens.access_token,
        "content-type": "application/json",
      },
      body: "{}",
    });
    expect(await signOut.json()).toEqual({ success: true });
  });

  it("sends an empty JSON body through as empty (BODY_PARSING_ERROR), and no body as none", async () => {
    const withEmpty = await fetch(`${server.url}/api/v1/auth/sessions/current/refresh`, {
      method: "POST",
      headers: { ...headers, "x-stack-refresh-token": "x", "content-type": "application/json" },
      body: "",
    });
    expect(withEmpty.headers.get("x-stack-known-error")).toBe("BODY_PARSING_ERROR");
    const without = await fetch(`${server.url}/api/v1/auth/sessions/current/refresh`, {
      method: "POST",
      headers: { ...headers, "x-stack-refresh-token": "x" },
    });
    expect(without.headers.get("x-stack-known-error")).toBe("REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED");
  });

  it("answers CORS preflights like the cloud", async () => {
    const response = await fetch(`${server.url}/api/v1/users/me`, {
      method: "OPTIONS",
      headers: {
        origin: "http://app.example.test",
        "access-control-request-method": "PATCH",
        "access-control-request-headers": "x-stack-access-token, content-type",
      },
    });
    expect([200, 204]).toContain(response.status);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-max-age")).toBe("86400");
    expect(response.headers.get("access-control-allow-methods")).toContain("PATCH");
    const allowed = (response.headers.get("access-control-allow-headers") ?? "").split(", ");
    expect(allowed).toEqual(
      expect.arrayContaining(["x-stack-access-token", "content-type", "x-stack-allow-anonymous-user"]),
    );
    expect(allowed).not.toContain("x-stack-allow-restricted-user");
    expect(allowed).not.toContain("x-stack-auth");
  });

  it("puts CORS headers on every answer, errors included", async () => {
    const response = await fetch(`${server.url}/api/v1/users/me`, { headers });
    expect(response.status).toBe(400);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-expose-headers")).toBe(
      "content-type, x-stack-actual-status, x-stack-known-error",
    );
    expect(response.headers.get("cache-control")).toBe("no-store, max-age=0");
  });

  it("drops the connection for a network fault", async () => {
    server.emulator.faults.inject({ path: "/users/me", network: true });
    await expect(fetch(`${server.url}/api/v1/users/me`, { headers })).rejects.toThrow(TypeError);
    expect((await fetch(`${server.url}/api/v1/users/me`, { headers })).status).toBe(400);
  });

  it("serves the mailbox and faults helper routes", async () => {
    await fetch(`${server.url}/api/v1/auth/password/sign-up`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({
        email: "mail@example.test",
        password: "Golden-Passw0rd-16",
        verification_callback_url: "http://localhost:5173/handler/email-verification",
      }),
    });
    const mails = (await (
      await fetch(`${server.url}/__stack-emulator/mailbox?to=mail@example.test`)
    ).json()) as {
      subject: string;
    }[];
    expect(mails.map((m) => m.subject)).toEqual(["Verify your email at Stack Emulator"]);

    const inject = await fetch(`${server.url}/__stack-emulator/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: "/projects/current", status: 503 }),
    });
    expect(inject.status).toBe(200);
    const failed = await fetch(`${server.url}/api/v1/projects/current`, { headers });
    expect(failed.status).toBe(503);
    expect((await fetch(`${server.url}/api/v1/projects/current`, { headers })).status).toBe(200);
  });

  it("answers 404 text outside the API", async () => {
    const response = await fetch(`${server.url}/elsewhere`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("text/plain");
  });
});

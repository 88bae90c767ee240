// @vitest-environment node
import { describe, expect, it } from "vitest";
import { createEmulator } from "../../src/testing/index.js";
import { buildCall, call, readResult } from "./client.js";

describe("fault injection", () => {
  it("answers the next matching request with a status, then behaves again", async () => {
    const emulator = createEmulator();
    emulator.faults.inject({ path: "/api/v1/projects/current", status: 503 });
    const failed = await call(emulator, "GET", "/projects/current");
    expect(failed.status).toBe(503);
    expect(failed.body).toBe("Service Unavailable");
    expect(failed.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(failed.headers.get("access-control-allow-origin")).toBe("*");
    expect((await call(emulator, "GET", "/projects/current")).status).toBe(200);
  });

  it("defaults a 429 to the cloud's dev rate-limit JSON; takes custom bodies and headers", async () => {
    const emulator = createEmulator();
    emulator.faults.inject({ status: 429, headers: { "retry-after": "2" } });
    const limited = await call(emulator, "GET", "/projects/current");
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      message: "Artificial development rate limit triggered. Wait before retrying.",
    });
    expect(limited.headers.get("retry-after")).toBe("2");

    emulator.faults.inject({ status: 500, body: { oops: true } });
    expect((await call(emulator, "GET", "/projects/current")).body).toEqual({ oops: true });
  });

  it("honours times, method, prefix and RegExp paths; never eats preflights by default", async () => {
    const emulator = createEmulator();
    emulator.faults.inject({ method: "post", path: "/auth/*", status: 500, times: 2 });
    expect((await call(emulator, "GET", "/projects/current")).status).toBe(200);
    const preflight = await emulator.handle(
      new Request("http://localhost/api/v1/auth/password/sign-in", { method: "OPTIONS" }),
    );
    expect(preflight.status).toBe(204);
    expect((await call(emulator, "POST", "/auth/password/sign-in", { body: {} })).status).toBe(500);
    expect((await call(emulator, "POST", "/auth/anonymous/sign-up", { body: {} })).status).toBe(500);
    expect((await call(emulator, "POST", "/auth/anonymous/sign-up", { body: {} })).status).toBe(200);

    emulator.faults.inject({ path: /^\/users\//, status: 502, times: Number.POSITIVE_INFINITY });
    expect((await call(emulator, "GET", "/users/me")).status).toBe(502);
    expect((await call(emulator, "GET", "/users/me")).status).toBe(502);
    expect(emulator.faults.pending()).toHaveLength(1);
    emulator.faults.clear();
    expect((await call(emulator, "GET", "/users/me")).status).toBe(400);
  });

  it("delays, and drops connections with Response.error()", async () => {
    const emulator = createEmulator();
    emulator.faults.inject({ delayMs: 80 });
    const started = Date.now();
    expect((await call(emulator, "GET", "/projects/current")).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(70);

    const remove = emulator.faults.inject({ network: true });
    remove();
    expect((await call(emulator, "GET", "/projects/current")).status).toBe(200);
    emulator.faults.inject({ network: true });
    const dropped = await emulator.handle(buildCall(emulator, "GET", "/projects/current"));
    expect(dropped.type).toBe("error");
  });

  it("can leave out CORS headers (like an infrastructure error page) and respects the override header", async () => {
    const emulator = createEmulator();
    emulator.faults.inject({ status: 429, cors: false });
    const bare = await call(emulator, "GET", "/projects/current");
    expect(bare.headers.get("access-control-allow-origin")).toBeNull();

    emulator.faults.inject({ status: 429 });
    const overridden = await call(emulator, "GET", "/projects/current", {
      headers: { "x-stack-override-error-status": "true" },
    });
    expect(overridden.status).toBe(200);
    expect(overridden.headers.get("x-stack-actual-status")).toBe("429");
  });

  it("is reachable over HTTP: POST/GET/DELETE /__stack-emulator/faults", async () => {
    const emulator = createEmulator();
    const post = await emulator.handle(
      new Request("http://localhost/__stack-emulator/faults", {
        method: "POST",
        body: JSON.stringify({ path: "/users/me", status: 500, times: 3 }),
      }),
    );
    expect(post.status).toBe(200);
    const pending = await readResult(
      await emulator.handle(new Request("http://localhost/__stack-emulator/faults")),
    );
    expect(pending.body).toEqual([{ path: "/users/me", status: 500, times: 3 }]);
    await emulator.handle(new Request("http://localhost/__stack-emulator/faults", { method: "DELETE" }));
    expect(emulator.faults.pending()).toEqual([]);
    const bad = await emulator.handle(
      new Request("http://localhost/__stack-emulator/faults", { method: "POST", body: "not json" }),
    );
    expect(bad.status).toBe(400);
  });
});

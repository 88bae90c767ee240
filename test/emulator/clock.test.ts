// @vitest-environment node
import { describe, expect, it } from "vitest";
import { createEmulator } from "../../src/testing/index.js";
import { call, signUp } from "./client.js";

describe("clock, expiry and revocation", () => {
  it("expires access tokens when the clock moves past exp; the refresh token still works", async () => {
    const emulator = createEmulator({ accessTokenLifetimeSeconds: 60 });
    const tokens = await signUp(emulator, "clock@example.test");
    emulator.clock.advance(59_000);
    expect((await call(emulator, "GET", "/users/me", { accessToken: tokens.access_token })).status).toBe(200);
    emulator.clock.advance(2_000);
    const expired = await call(emulator, "GET", "/users/me", { accessToken: tokens.access_token });
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({
      code: "ACCESS_TOKEN_EXPIRED",
      details: { project_id: emulator.projectId, user_id: tokens.user_id },
    });
    const refreshed = await call(emulator, "POST", "/auth/sessions/current/refresh", {
      refreshToken: tokens.refresh_token,
      body: {},
    });
    expect(refreshed.status).toBe(200);
  });

  it("uses the given base clock, and ends sessions after a year", async () => {
    let base = Date.UTC(2030, 0, 1);
    const emulator = createEmulator({ now: () => base });
    const tokens = await signUp(emulator, "year@example.test");
    const me = await call(emulator, "GET", "/users/me", { accessToken: tokens.access_token });
    expect((me.body as { signed_up_at_millis: number }).signed_up_at_millis).toBe(Date.UTC(2030, 0, 1));
    base += 366 * 24 * 3600 * 1000;
    const refresh = await call(emulator, "POST", "/auth/sessions/current/refresh", {
      refreshToken: tokens.refresh_token,
      body: {},
    });
    expect(refresh.code).toBe("REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED");
  });

  it("revokeAllSessions(email) ends one user's sessions; () ends everyone's", async () => {
    const emulator = createEmulator();
    const a = await signUp(emulator, "a@example.test");
    const b = await signUp(emulator, "b@example.test");
    expect(emulator.revokeAllSessions("A@example.test")).toBe(1);
    expect(emulator.revokeAllSessions("unknown@example.test")).toBe(0);
    const refresh = (t: string) =>
      call(emulator, "POST", "/auth/sessions/current/refresh", { refreshToken: t, body: {} });
    expect((await refresh(a.refresh_token)).code).toBe("REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED");
    expect((await refresh(b.refresh_token)).status).toBe(200);
    expect(emulator.revokeAllSessions()).toBe(1);
    expect((await refresh(b.refresh_token)).code).toBe("REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED");
  });

  it("offers the clock and revocation over HTTP", async () => {
    const emulator = createEmulator({ now: () => 1_000_000 });
    const moved = await emulator.handle(
      new Request("http://localhost/__stack-emulator/clock", {
        method: "POST",
        body: JSON.stringify({ advanceMs: 500 }),
      }),
    );
    expect(await moved.json()).toEqual({ now: 1_000_500 });
    expect(emulator.clock.now()).toBe(1_000_500);
    await signUp(emulator, "c@example.test");
    const revoked = await emulator.handle(
      new Request("http://localhost/__stack-emulator/sessions/revoke", { method: "POST", body: "{}" }),
    );
    expect(await revoked.json()).toEqual({ revoked: 1 });
  });
});

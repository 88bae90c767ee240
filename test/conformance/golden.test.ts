// @vitest-environment node
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { createEmulator, type Emulator, type EmulatorOptions } from "../../src/testing/index.js";
import { type GoldenCase, loadCase, replayCase } from "./replay.js";

// The projects the recordings were made on (golden/README.md) are the emulator's defaults; only the
// display name is theirs.
const recorded = (options: EmulatorOptions = {}): Emulator =>
  createEmulator({ displayName: "Client library test project", ...options });

const REPLAYED = [1, 3, 5, 6, 7, 8, 9, 11, 14, 17, 18, 19, 21, 29, 30, 31, 32];

async function signUpOn(emulator: Emulator, email: string): Promise<string> {
  const response = await emulator.handle(
    new Request("http://localhost:8102/api/v1/auth/password/sign-up", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-stack-access-type": "client",
        "x-stack-project-id": emulator.projectId,
      },
      body: JSON.stringify({ email, password: "Golden-Passw0rd-16" }),
    }),
  );
  return ((await response.json()) as { access_token: string }).access_token;
}

describe("golden recordings replayed against the emulator", () => {
  it.each(REPLAYED)("case %i", async (n) => {
    const golden: GoldenCase = loadCase(n);
    const emulator = recorded();
    switch (n) {
      case 7: {
        // Step 2 needs a valid token of another project; step 4 waits past the token's exp.
        const other = createEmulator({ projectId: "7b3f0e36-1f55-4c6c-9d43-1e0c52a3c001" });
        const foreignToken = await signUpOn(other, "other@example.test");
        await replayCase(golden, emulator, {
          tokensFor: { 2: () => ({ access: foreignToken }) },
          before: { 4: ({ emulator: e }) => e.clock.advance(601_000) },
        });
        break;
      }
      case 17: {
        const ctx = await replayCase(golden, emulator);
        // Notes: the refreshed token has the same sub and refresh_token_id as the original.
        const original = decodeJwt((ctx.bodies[0] as { access_token: string }).access_token);
        const refreshed = decodeJwt((ctx.bodies[1] as { access_token: string }).access_token);
        expect(refreshed.sub).toBe(original.sub);
        expect(refreshed.refresh_token_id).toBe(original.refresh_token_id);
        expect(Object.keys(ctx.bodies[1] as object)).toEqual(["access_token"]);
        break;
      }
      case 19: {
        const ctx = await replayCase(golden, emulator);
        const body = ctx.bodies[1] as Record<string, unknown>;
        expect(body.expires_in).toBe(3600);
        expect("refresh_token" in body).toBe(false);
        break;
      }
      case 30: {
        // The second half runs on a project that allows client user deletion.
        const deleting = recorded({ clientUserDeletionEnabled: true });
        await replayCase(golden, emulator, { emulatorFor: (step) => (step >= 2 ? deleting : emulator) });
        break;
      }
      case 31: {
        const noSignUp = recorded({ signUpEnabled: false });
        const ctx = await replayCase(golden, emulator, {
          emulatorFor: (step) => (step === 6 ? noSignUp : emulator),
        });
        const claims = decodeJwt((ctx.bodies[0] as { access_token: string }).access_token);
        expect(claims.iss).toBe(
          `http://localhost:8102/api/v1/projects-anonymous-users/${emulator.projectId}`,
        );
        expect(claims.aud).toBe(`${emulator.projectId}:anon`);
        expect(claims.role).toBe("authenticated");
        break;
      }
      case 32: {
        // Steps 3 and 4 use the anonymous session's tokens from step 0.
        const ctx = await replayCase(golden, emulator, {
          tokensFor: { 3: (c) => c.history[0] ?? {}, 4: (c) => c.history[0] ?? {} },
        });
        const anonymous = ctx.bodies[0] as { user_id: string; refresh_token: string };
        const upgraded = ctx.bodies[1] as { user_id: string; refresh_token: string };
        expect(upgraded.user_id).toBe(anonymous.user_id);
        expect(upgraded.refresh_token).not.toBe(anonymous.refresh_token);
        break;
      }
      default:
        await replayCase(golden, emulator);
    }
  });

  it("case 35 (the team-listing steps)", async () => {
    await replayCase(loadCase(35), recorded(), { only: [0, 1, 2, 3] });
  });
});

import { DEV_PREFIX } from "./constants.js";
import type { FaultSpec } from "./faults.js";
import { applyCorsHeaders } from "./http/cors.js";
import { handleMockProvider } from "./oauth-provider.js";
import type { EmulatorState } from "./state.js";

// The emulator's own helper routes under `/__stack-emulator` (not part of the Stack API), for demo
// dev panels and end-to-end tests that cannot reach the emulator object:
//   GET    /__stack-emulator                  project id, publishable key, display name
//   GET    /__stack-emulator/mailbox[?to=…]   mails, oldest first (JSON array)
//   DELETE /__stack-emulator/mailbox          empties the mailbox
//   GET    /__stack-emulator/faults           pending faults
//   POST   /__stack-emulator/faults           adds a fault (JSON FaultSpec; `path` as a string)
//   DELETE /__stack-emulator/faults           removes all faults
//   GET    /__stack-emulator/clock            {now}
//   POST   /__stack-emulator/clock            {advanceMs} moves the clock forward → {now}
//   POST   /__stack-emulator/sessions/revoke  {email?} revokes sessions → {revoked}
//   GET    /__stack-emulator/oauth/<provider>/authorize   the mock OAuth provider's consent page
//   POST   /__stack-emulator/oauth/<provider>/authorize   its form (Allow / Cancel) → 303 to Stack's callback

export interface DevActions {
  revokeAllSessions(email?: string): number;
}

function json(status: number, body: unknown): Response {
  const headers = new Headers({
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
  });
  applyCorsHeaders(headers);
  return new Response(JSON.stringify(body), { status, headers });
}

async function readJson(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (text === "") return {};
  const value: unknown = JSON.parse(text);
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new Error("expected a JSON object");
  return value as Record<string, unknown>;
}

export async function handleDevRequest(
  state: EmulatorState,
  actions: DevActions,
  request: Request,
  url: URL,
): Promise<Response> {
  const subpath = url.pathname.slice(DEV_PREFIX.length);
  const route = `${request.method} ${subpath.replace(/\/+$/, "")}`;
  try {
    if (subpath.startsWith("/oauth/")) return await handleMockProvider(state, request, url, subpath);
    switch (route) {
      case "GET ":
        return json(200, {
          project_id: state.options.projectId,
          publishable_client_key: state.options.publishableClientKey,
          display_name: state.options.displayName,
        });
      case "GET /mailbox": {
        const to = url.searchParams.get("to")?.toLowerCase();
        return json(
          200,
          state.mailbox.list().filter((m) => to === undefined || m.to.toLowerCase() === to),
        );
      }
      case "DELETE /mailbox":
        state.mailbox.clear();
        return json(200, { success: true });
      case "GET /faults":
        return json(
          200,
          state.faults
            .pending()
            .map((f) => ({ ...f, path: f.path instanceof RegExp ? String(f.path) : f.path })),
        );
      case "POST /faults": {
        const spec = (await readJson(request)) as FaultSpec;
        if (spec.path !== undefined && typeof spec.path !== "string")
          throw new Error("path must be a string");
        state.faults.inject(spec);
        return json(200, { success: true });
      }
      case "DELETE /faults":
        state.faults.clear();
        return json(200, { success: true });
      case "GET /clock":
        return json(200, { now: state.clock.now() });
      case "POST /clock": {
        const { advanceMs } = await readJson(request);
        if (typeof advanceMs !== "number") throw new Error("advanceMs must be a number");
        state.clock.advance(advanceMs);
        return json(200, { now: state.clock.now() });
      }
      case "POST /sessions/revoke": {
        const { email } = await readJson(request);
        if (email !== undefined && typeof email !== "string") throw new Error("email must be a string");
        return json(200, { revoked: actions.revokeAllSessions(email) });
      }
      default:
        return json(404, { error: `unknown emulator route: ${request.method} ${url.pathname}` });
    }
  } catch (error) {
    return json(400, { error: error instanceof Error ? error.message : String(error) });
  }
}

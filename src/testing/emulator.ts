import { handleApiRequest } from "./api-handler.js";
import { type Clock, createClock } from "./clock.js";
import { API_PREFIX, DEV_PREFIX } from "./constants.js";
import { handleDevRequest } from "./dev-routes.js";
import { createFaults, type Faults, faultResponse } from "./faults.js";
import { preflightResponse } from "./http/cors.js";
import { finalizeApiResponse, textResponse } from "./http/responses.js";
import { KeyRing } from "./keys.js";
import { createMailbox, type Mailbox } from "./mailbox.js";
import { type EmulatorOptions, resolveOptions, type SeedUser } from "./options.js";
import { signAccessTokenFor } from "./session-tokens.js";
import type { EmulatorState } from "./state.js";
import { MemoryStore } from "./store.js";

export interface EmulatedSession {
  accessToken: string;
  refreshToken: string;
  userId: string;
}

/** A local, in-memory Stack Auth API (client access). One instance = one project. */
export interface Emulator {
  readonly projectId: string;
  readonly publishableClientKey: string;
  /**
   * Answers one request like the Stack API would (`/api/v1/...`), plus the emulator's helper routes
   * under `/__stack-emulator`. Any host that speaks `Request`/`Response` can serve it. A dropped
   * connection (fault injection) is `Response.error()`.
   */
  handle(request: Request): Promise<Response>;
  /** Emails the cloud would have sent. */
  readonly mailbox: Mailbox;
  /** Latency, error statuses and dropped connections for the next matching requests. */
  readonly faults: Faults;
  /** The emulator's clock; `advance` expires tokens and codes without waiting. */
  readonly clock: Clock;
  /** Ends every session (of the user with that email, or of everyone); returns how many. */
  revokeAllSessions(email?: string): number;
  /** Adds a user like `seedUsers` does; returns the user id. */
  addUser(seed: SeedUser): string;
  /**
   * Signs a user in without a request, e.g. to start a test signed in.
   * `origin` is the API origin written into the token's `iss` (default `http://localhost`).
   */
  createSession(email: string, options?: { origin?: string }): Promise<EmulatedSession>;
}

function isUnder(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const clock = createClock(options.now);
  const state: EmulatorState = {
    options: resolveOptions(options),
    store: new MemoryStore(),
    clock,
    mailbox: createMailbox(() => clock.now()),
    faults: createFaults(),
    keys: new KeyRing(),
  };
  const { store } = state;

  const revokeAllSessions = (email?: string): number => {
    if (email === undefined) {
      const count = store.sessions.size;
      store.sessions.clear();
      return count;
    }
    const user = store.findUserByEmail(email);
    return user ? store.deleteSessionsOfUser(user.id) : 0;
  };

  const addUser = (seed: SeedUser): string => {
    if (store.findAuthChannel(seed.email))
      throw new Error(`emulator: a user with email ${seed.email} already exists`);
    const now = clock.now();
    const user = store.createUser(now, {
      password: seed.password ?? null,
      displayName: seed.displayName ?? null,
      totpSecretBase64: seed.totpSecretBase64 ?? null,
      // A user without a password signs in by email code, like an OTP sign-up.
      otpAuthEnabled: seed.password === undefined,
    });
    store.addChannel(now, {
      userId: user.id,
      type: "email",
      value: seed.email,
      isPrimary: true,
      isVerified: seed.primaryEmailVerified ?? false,
      usedForAuth: true,
    });
    return user.id;
  };

  for (const seed of options.seedUsers ?? []) addUser(seed);

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (isUnder(url.pathname, DEV_PREFIX)) {
      return request.method === "OPTIONS"
        ? preflightResponse()
        : handleDevRequest(state, { revokeAllSessions }, request, url);
    }
    if (!isUnder(url.pathname, API_PREFIX)) {
      return textResponse(
        404,
        `${url.pathname} is not served by the Stack API emulator (try ${API_PREFIX}).`,
      );
    }

    const fault = state.faults.take(request.method, url.pathname.slice(API_PREFIX.length) || "/");
    const delay = (fault?.delayMs ?? 0) + state.options.latencyMs;
    if (delay > 0) await sleep(delay);
    if (fault?.network) return Response.error();
    if (fault?.status !== undefined) {
      const response = finalizeApiResponse(faultResponse({ ...fault, status: fault.status }), request);
      if (fault.cors === false) {
        for (const name of [...response.headers.keys()]) {
          if (name.startsWith("access-control-")) response.headers.delete(name);
        }
      }
      return response;
    }
    if (request.method === "OPTIONS") return preflightResponse();
    return handleApiRequest(state, request, url);
  }

  return {
    projectId: state.options.projectId,
    publishableClientKey: state.options.publishableClientKey,
    handle,
    mailbox: state.mailbox,
    faults: state.faults,
    clock,
    revokeAllSessions,
    addUser,
    async createSession(email, sessionOptions = {}) {
      const user = store.findUserByEmail(email);
      if (!user) throw new Error(`emulator: no user with email ${email}`);
      const session = store.createSession(clock.now(), user.id);
      const origin = sessionOptions.origin ?? "http://localhost";
      return {
        accessToken: await signAccessTokenFor(state, origin, user, session),
        refreshToken: session.refreshToken,
        userId: user.id,
      };
    },
  };
}

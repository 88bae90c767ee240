// A small stand-in for the Stack API at the network boundary (MSW), answering like CLIENT-API.md and the
// golden recordings for the endpoints the core client uses. It records every request it sees.
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { createStackClient, type StackClientOptions, type Tokens } from "../../src/core/index.js";

export const BASE_URL = "https://api.stack.test";
export const API = `${BASE_URL}/api/v1`;
export const PROJECT_ID = "6f1e5a8e-2c4b-4d7e-9a3f-0b1c2d3e4f50";
export const PUBLISHABLE_KEY = "pck_test_publishable";

export interface LoggedRequest {
  method: string;
  /** the part after /api/v1, with the query */
  path: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

type Json = Record<string, unknown>;

export const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** A JWT-shaped string (the client only decodes; the fake checks tokens by lookup, not signature). */
export const makeJwt = (claims: Json) =>
  `${b64url({ alg: "ES256", kid: "kid-test-001" })}.${b64url(claims)}.c2ln`;

export const knownError = (code: string, status: number, message: string, details?: Json) =>
  HttpResponse.json(
    { code, ...(details ? { details } : {}), error: message },
    { status, headers: { "x-stack-known-error": code } },
  );

export const textError = (status: number, text: string) =>
  new HttpResponse(text, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

interface UserRecord {
  id: string;
  email: string;
  password: string;
  display_name: string | null;
  client_metadata: unknown;
  signed_up_at_millis: number;
  is_anonymous: boolean;
}

export type Resolver = (ctx: {
  request: Request;
  body: Json;
  user: UserRecord | undefined;
  refreshToken: string | undefined;
}) => Response | Promise<Response>;

export function createFakeStack({ accessTokenLifetimeSec = 600 } = {}) {
  const users = new Map<string, UserRecord>();
  const sessions = new Map<string, string>(); // refresh token → user id
  const accessTokens = new Map<string, { userId: string; refreshToken: string }>();
  const log: LoggedRequest[] = [];
  let seq = 0;
  let refreshGate: Promise<void> | undefined;
  /** Extra grant types of `POST /auth/oauth/token` (the authorization-code grant lives in fake-flows.ts). */
  const grants: Record<string, Resolver> = {};

  const issueAccessToken = (userId: string, refreshToken: string, lifetimeSec = accessTokenLifetimeSec) => {
    const now = Math.floor(Date.now() / 1000);
    const user = users.get(userId);
    const token = makeJwt({
      sub: userId,
      project_id: PROJECT_ID,
      branch_id: "main",
      refresh_token_id: `rtid-${refreshToken.slice(0, 8)}`,
      role: "authenticated",
      name: user?.display_name ?? null,
      email: user?.is_anonymous ? null : (user?.email ?? null),
      is_anonymous: !!user?.is_anonymous,
      iat: now,
      exp: now + lifetimeSec,
      seq: ++seq, // two tokens issued in the same second still differ
    });
    accessTokens.set(token, { userId, refreshToken });
    return token;
  };

  const createUser = (email: string, password: string, anonymous = false): UserRecord => {
    const user: UserRecord = {
      id: `00000000-0000-4000-8000-${String(++seq).padStart(12, "0")}`,
      email,
      password,
      display_name: null,
      client_metadata: null,
      signed_up_at_millis: 1_714_000_000_000,
      is_anonymous: anonymous,
    };
    users.set(user.id, user);
    return user;
  };

  const startSession = (userId: string, accessLifetimeSec?: number) => {
    const refreshToken = `rt${String(++seq).padStart(43, "a")}`;
    sessions.set(refreshToken, userId);
    return {
      access_token: issueAccessToken(userId, refreshToken, accessLifetimeSec),
      refresh_token: refreshToken,
      user_id: userId,
    };
  };

  const wireUser = (u: UserRecord) => ({
    restricted_by_admin_reason: null,
    restricted_by_admin: false,
    restricted_reason: u.is_anonymous ? { type: "anonymous" } : null,
    is_restricted: u.is_anonymous,
    is_anonymous: u.is_anonymous,
    passkey_auth_enabled: false,
    otp_auth_enabled: false,
    requires_totp_mfa: false,
    selected_team_id: null,
    oauth_providers: [],
    auth_with_email: !u.is_anonymous,
    has_password: !!u.password,
    signed_up_at_millis: u.signed_up_at_millis,
    profile_image_url: null,
    client_read_only_metadata: null,
    client_metadata: u.client_metadata,
    display_name: u.display_name,
    primary_email_verified: false,
    primary_email: u.is_anonymous ? null : u.email,
    id: u.id,
    selected_team: null,
  });

  /** Honours X-Stack-Override-Error-Status like the server: 4xx → 200 + x-stack-actual-status (§1.2). */
  const applyOverride = (request: Request, res: Response) => {
    if (!request.headers.has("x-stack-override-error-status") || res.status < 400 || res.status >= 500)
      return res;
    const headers = new Headers(res.headers);
    headers.set("x-stack-actual-status", String(res.status));
    return new Response(res.body, { status: 200, headers });
  };

  /**
   * An MSW handler for `<API><path>` that logs the request, checks the client headers and tokens the way the
   * backend does before any route logic (§1.2, §1.5), then runs `resolver`. `stackHeaders: false` is for the
   * OAuth endpoints, which take no X-Stack-* headers.
   */
  const route = (
    method: "get" | "post" | "patch" | "put" | "delete" | "head" | "options",
    path: string,
    resolver: Resolver,
    { stackHeaders = true } = {},
  ) =>
    http[method](`${API}${path}`, async ({ request }) => {
      const text = await request.clone().text();
      const url = new URL(request.url);
      log.push({
        method: request.method,
        path: url.pathname.slice("/api/v1".length) + url.search,
        url: request.url,
        headers: Object.fromEntries(request.headers),
        body: text,
      });
      let body: Json = {};
      const type = request.headers.get("content-type") ?? "";
      if (type.includes("json")) {
        try {
          body = JSON.parse(text);
        } catch {
          return knownError("BODY_PARSING_ERROR", 400, "Invalid JSON in request body");
        }
      } else if (type.includes("x-www-form-urlencoded")) {
        body = Object.fromEntries(new URLSearchParams(text));
      }
      let user: UserRecord | undefined;
      let refreshToken: string | undefined;
      if (stackHeaders) {
        if (request.headers.get("x-stack-access-type") !== "client") {
          return knownError(
            "ACCESS_TYPE_REQUIRED",
            400,
            "You must specify an access level for this Stack project.",
          );
        }
        if (request.headers.get("x-stack-project-id") !== PROJECT_ID) {
          return knownError("CURRENT_PROJECT_NOT_FOUND", 400, "The current project could not be found.", {
            project_id: request.headers.get("x-stack-project-id"),
          });
        }
        const key = request.headers.get("x-stack-publishable-client-key");
        if (key !== null && key !== PUBLISHABLE_KEY) {
          return applyOverride(
            request,
            knownError(
              "INVALID_PUBLISHABLE_CLIENT_KEY",
              401,
              "The publishable key is not valid for the project.",
              {
                project_id: PROJECT_ID,
              },
            ),
          );
        }
        const accessToken = request.headers.get("x-stack-access-token");
        if (accessToken) {
          const known = accessTokens.get(accessToken);
          const exp = Number(
            JSON.parse(Buffer.from(accessToken.split(".")[1] ?? "", "base64url").toString() || "{}").exp,
          );
          if (!known) {
            return applyOverride(
              request,
              knownError("UNPARSABLE_ACCESS_TOKEN", 401, "Access token is not parsable."),
            );
          }
          if (exp * 1000 <= Date.now()) {
            return applyOverride(
              request,
              knownError("ACCESS_TOKEN_EXPIRED", 401, "Access token has expired.", {
                expired_at_millis: exp * 1000,
                project_id: PROJECT_ID,
                user_id: known.userId,
                refresh_token_id: null,
              }),
            );
          }
          user = users.get(known.userId);
          refreshToken = known.refreshToken;
        }
      }
      return applyOverride(request, await resolver({ request, body, user, refreshToken }));
    });

  const passwordRule = (password: unknown) => {
    if (typeof password !== "string" || password.length < 8) {
      return knownError("PASSWORD_TOO_SHORT", 400, "Password too short. Minimum length is 8.", {
        min_length: 8,
      });
    }
    if (password.length > 70) {
      return knownError("PASSWORD_TOO_LONG", 400, "Password too long. Maximum length is 70.", {
        maxLength: 70,
      });
    }
    return undefined;
  };

  const handlers = [
    route(
      "get",
      "",
      () =>
        new HttpResponse("Welcome to the Stack API endpoint!", { headers: { "content-type": "text/plain" } }),
    ),
    route("post", "/auth/password/sign-up", ({ body, user }) => {
      const callback = body.verification_callback_url;
      if (callback !== undefined && !String(callback).startsWith("http://localhost:3000/")) {
        return knownError("REDIRECT_URL_NOT_WHITELISTED", 400, "Redirect URL not whitelisted.");
      }
      const bad = passwordRule(body.password);
      if (bad) return bad;
      const email = String(body.email);
      if ([...users.values()].some((u) => u.email === email)) {
        return knownError(
          "USER_EMAIL_ALREADY_EXISTS",
          409,
          "A user with this email address already exists.",
          {
            email,
            would_work_if_email_was_verified: false,
          },
        );
      }
      // An anonymous session is upgraded in place (§3, case 32).
      const target = user?.is_anonymous ? user : createUser(email, String(body.password));
      Object.assign(target, { email, password: String(body.password), is_anonymous: false });
      return HttpResponse.json(startSession(target.id));
    }),
    route("post", "/auth/password/sign-in", ({ body }) => {
      if (!body.email) {
        return knownError(
          "SCHEMA_ERROR",
          400,
          "Request validation failed on POST /api/v1/auth/password/sign-in:\n  - body.email must not be empty",
        );
      }
      const user = [...users.values()].find((u) => u.email === body.email && u.password === body.password);
      if (!user) return knownError("EMAIL_PASSWORD_MISMATCH", 400, "Wrong e-mail or password.");
      return HttpResponse.json(startSession(user.id));
    }),
    route("get", "/users/me", ({ user }) =>
      user
        ? HttpResponse.json(wireUser(user))
        : knownError(
            "CANNOT_GET_OWN_USER_WITHOUT_USER",
            400,
            "You have specified 'me' as a userId, but did not provide authentication for a user.",
          ),
    ),
    route("patch", "/users/me", ({ user, body }) => {
      if (!user) {
        return knownError(
          "CANNOT_GET_OWN_USER_WITHOUT_USER",
          400,
          "You have specified 'me' as a userId, but did not provide authentication for a user.",
        );
      }
      const unknown = Object.keys(body).filter((k) => !["display_name", "client_metadata"].includes(k));
      if (unknown.length) {
        const message = `Request validation failed on PATCH /api/v1/users/me:\n  - body contains unknown properties: ${unknown.join(", ")}`;
        return knownError("SCHEMA_ERROR", 400, message, { message });
      }
      if ("display_name" in body) user.display_name = (body.display_name as string) || null;
      if ("client_metadata" in body) user.client_metadata = body.client_metadata;
      return HttpResponse.json(wireUser(user));
    }),
    route("delete", "/auth/sessions/current", ({ refreshToken }) => {
      if (!refreshToken) {
        return knownError("ACCESS_TOKEN_EXPIRED", 401, "Access token has expired.", {
          expired_at_millis: null,
          project_id: null,
          user_id: null,
          refresh_token_id: null,
        });
      }
      // Golden README item 1: a second sign-out with the same access token is a 500 text error.
      if (!sessions.delete(refreshToken)) {
        return textError(
          500,
          "Internal Server Error. StackAssertionError: Expected to insert 1 DeletedRow entry for ProjectUserRefreshToken, got 0.",
        );
      }
      return HttpResponse.json({ success: true });
    }),
    route(
      "post",
      "/auth/oauth/token",
      async (ctx) => {
        const { body } = ctx;
        const grant = grants[String(body.grant_type)];
        if (grant) return grant(ctx);
        await refreshGate;
        if (body.grant_type !== "refresh_token")
          return knownError("SCHEMA_ERROR", 400, "Unsupported grant type");
        if (
          body.client_id !== PROJECT_ID ||
          ![PUBLISHABLE_KEY, "__stack_public_client__"].includes(String(body.client_secret))
        ) {
          return knownError(
            "INVALID_OAUTH_CLIENT_ID_OR_SECRET",
            400,
            "The OAuth client ID or secret is invalid.",
            { client_id: null },
          );
        }
        const userId = sessions.get(String(body.refresh_token));
        if (!userId) {
          return knownError(
            "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED",
            401,
            "Refresh token not found for this project, or the session has expired/been revoked.",
          );
        }
        return HttpResponse.json(
          {
            access_token: issueAccessToken(userId, String(body.refresh_token)),
            token_type: "Bearer",
            expires_in: 3600,
            scope: "legacy",
            afterCallbackRedirectUrl: null,
            after_callback_redirect_url: null,
          },
          { headers: { pragma: "no-cache", "cache-control": "no-store" } },
        );
      },
      { stackHeaders: false },
    ),
    route("get", "/projects/current", () =>
      HttpResponse.json({
        id: PROJECT_ID,
        display_name: "Test Project",
        config: {
          sign_up_enabled: true,
          credential_enabled: true,
          magic_link_enabled: false,
          passkey_enabled: false,
          client_team_creation_enabled: false,
          client_user_deletion_enabled: false,
          allow_user_api_keys: false,
          allow_team_api_keys: false,
          enabled_oauth_providers: [{ id: "github" }, { id: "google" }],
          domains: [{ domain: "https://app.example", handler_path: "/handler" }],
        },
      }),
    ),
  ];

  return {
    handlers,
    route,
    log,
    users,
    sessions,
    grants,
    createUser,
    /** A new session for an existing user: the `{access_token, refresh_token, user_id}` of a sign-in answer. */
    startSession,
    /** Every access token the fake issued, by token. */
    accessTokens,
    /** Requests seen for `METHOD path`, e.g. count("POST /auth/oauth/token"). */
    count: (what: string) => log.filter((r) => `${r.method} ${r.path}` === what).length,
    /** A signed-in session, as if the user had signed in before this page load. */
    seedSession({
      email = `user${seq + 1}@example.test`,
      accessLifetimeSec = accessTokenLifetimeSec,
      anonymous = false,
    } = {}) {
      const user = createUser(email, anonymous ? "" : "Correct-Horse-9", anonymous);
      const answer = startSession(user.id, accessLifetimeSec);
      return {
        user,
        tokens: { accessToken: answer.access_token, refreshToken: answer.refresh_token } satisfies Tokens,
      };
    },
    /** An access token the server accepts, with the lifetime given (negative = already expired). */
    issueAccessToken,
    /** Holds every refresh grant until the returned function is called. */
    holdRefreshes() {
      let release!: () => void;
      refreshGate = new Promise((r) => {
        release = r;
      });
      return () => {
        refreshGate = undefined;
        release();
      };
    },
  };
}

export type FakeStack = ReturnType<typeof createFakeStack>;

/** MSW server with a fresh fake Stack per test; unhandled requests fail the test. */
export function setupFakeStack(options?: Parameters<typeof createFakeStack>[0]) {
  const server = setupServer();
  const ctx = { server, fake: createFakeStack(options) };
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  beforeEach(() => {
    ctx.fake = createFakeStack(options);
    server.resetHandlers(...ctx.fake.handlers);
  });
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return ctx;
}

/** A client for the fake, with fast retries so failure tests stay quick. */
export const testClient = (options: Partial<StackClientOptions> = {}) =>
  createStackClient({
    projectId: PROJECT_ID,
    publishableClientKey: PUBLISHABLE_KEY,
    baseUrl: BASE_URL,
    tokenStore: "memory",
    retry: { attempts: 3, baseDelayMs: 1 },
    ...options,
  });

/** Header names starting with x-stack-, lower-cased. */
export const stackHeaderNames = (r: LoggedRequest) =>
  Object.keys(r.headers).filter((h) => h.startsWith("x-stack-"));

// @vitest-environment node
import { HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { createMemoryTokenStore, isStackError, StackError } from "../../src/core/index.js";
import {
  API,
  knownError,
  PROJECT_ID,
  PUBLISHABLE_KEY,
  setupFakeStack,
  testClient,
  textError,
} from "./fake-stack.js";

const ctx = setupFakeStack();

async function caught(promise: Promise<unknown>): Promise<StackError> {
  const e = await promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(StackError);
  return e as StackError;
}

describe("request headers and URL", () => {
  it("sends exactly the client headers when signed out, and no body or content type on GET", async () => {
    await testClient().request("/projects/current");
    const [req] = ctx.fake.log;
    expect(req?.url).toBe(`${API}/projects/current`);
    expect(req?.headers).toEqual({
      "x-stack-access-type": "client",
      "x-stack-project-id": PROJECT_ID,
      "x-stack-publishable-client-key": PUBLISHABLE_KEY,
      "x-stack-allow-anonymous-user": "true",
      "x-stack-client-version": "js stack-react-kit@0.1.0",
      // added by the fetch implementation, not by the kit:
      ...pick(req?.headers ?? {}, [
        "accept",
        "accept-encoding",
        "accept-language",
        "sec-fetch-mode",
        "user-agent",
      ]),
    });
    expect(req?.body).toBe("");
  });

  it("omits the publishable key header when no key is configured", async () => {
    await testClient({ publishableClientKey: undefined }).request("/projects/current");
    expect(ctx.fake.log[0]?.headers).not.toHaveProperty("x-stack-publishable-client-key");
  });

  it("adds both session tokens when signed in", async () => {
    const { tokens } = ctx.fake.seedSession();
    const client = testClient({ tokenStore: createMemoryTokenStore(tokens) });
    await client.request("/users/me");
    expect(ctx.fake.log[0]?.headers["x-stack-access-token"]).toBe(tokens.accessToken);
    expect(ctx.fake.log[0]?.headers["x-stack-refresh-token"]).toBe(tokens.refreshToken);
  });

  it("builds <baseUrl>/api/v1<path>, stripping trailing slashes from the base and the final URL", async () => {
    await testClient({ baseUrl: "https://api.stack.test///" }).request("/projects/current/");
    expect(ctx.fake.log[0]?.url).toBe(`${API}/projects/current`);
    const text = await testClient().request<string>("");
    expect(ctx.fake.log[1]?.url).toBe(API);
    expect(text).toBe("Welcome to the Stack API endpoint!");
  });

  it("sends {} as JSON on POST/PATCH/PUT without a body, and a body on DELETE only when given", async () => {
    const seen: { method: string; type: string | null; body: string }[] = [];
    for (const method of ["post", "patch", "put", "delete"] as const) {
      ctx.server.use(
        ctx.fake.route(method, "/echo", async ({ request }) => {
          seen.push({ method, type: request.headers.get("content-type"), body: await request.text() });
          return HttpResponse.json({ success: true });
        }),
      );
    }
    const client = testClient();
    await client.request("/echo", { method: "POST" });
    await client.request("/echo", { method: "PATCH", body: { display_name: "Ada" } });
    await client.request("/echo", { method: "PUT" });
    await client.request("/echo", { method: "DELETE" });
    await client.request("/echo", { method: "delete", body: {} });
    expect(seen).toEqual([
      { method: "post", type: "application/json", body: "{}" },
      { method: "patch", type: "application/json", body: '{"display_name":"Ada"}' },
      { method: "put", type: "application/json", body: "{}" },
      { method: "delete", type: null, body: "" },
      { method: "delete", type: "application/json", body: "{}" },
    ]);
  });

  it("uses credentials: omit, never a cache option, and nothing random in the URL", async () => {
    const inits: RequestInit[] = [];
    const urls: string[] = [];
    const client = testClient({
      fetch: (input, init) => {
        urls.push(String(input));
        inits.push(init ?? {});
        return fetch(input, init);
      },
    });
    await client.request("/projects/current");
    await client.request("/projects/current");
    expect(inits.map((i) => i.credentials)).toEqual(["omit", "omit"]);
    expect(inits.every((i) => !("cache" in i) || i.cache === undefined)).toBe(true);
    expect(urls).toEqual([`${API}/projects/current`, `${API}/projects/current`]);
    expect(ctx.fake.log.some((r) => "x-stack-random-nonce" in r.headers)).toBe(false);
  });

  it("looks up globalThis.fetch at call time, so patches made after creating the client apply", async () => {
    const client = testClient();
    const original = globalThis.fetch;
    let calls = 0;
    globalThis.fetch = (input, init) => {
      calls++;
      return original(input, init);
    };
    try {
      await client.request("/projects/current");
    } finally {
      globalThis.fetch = original;
    }
    expect(calls).toBe(1);
  });
});

describe("error parsing", () => {
  it("turns a known error into StackError with code, status, the `error` message and details", async () => {
    ctx.server.use(
      ctx.fake.route("post", "/auth/password/sign-up", () =>
        knownError("USER_EMAIL_ALREADY_EXISTS", 409, "A user with this email address already exists.", {
          email: "a@example.test",
          would_work_if_email_was_verified: false,
        }),
      ),
    );
    const e = await caught(testClient().request("/auth/password/sign-up", { method: "POST", body: {} }));
    expect(e).toMatchObject({
      name: "StackError",
      code: "USER_EMAIL_ALREADY_EXISTS",
      status: 409,
      message: "A user with this email address already exists.",
      details: { email: "a@example.test", would_work_if_email_was_verified: false },
    });
    expect(isStackError(e, "USER_EMAIL_ALREADY_EXISTS")).toBe(true);
    expect(isStackError(e, "EMAIL_PASSWORD_MISMATCH")).toBe(false);
  });

  it("reads a known error without details (details undefined)", async () => {
    const e = await caught(testClient().request("/users/me"));
    expect(e.code).toBe("CANNOT_GET_OWN_USER_WITHOUT_USER");
    expect(e.status).toBe(400);
    expect(e.details).toBeUndefined();
  });

  it("turns a plain-text status error into HTTP_ERROR keyed by status, with the text as message", async () => {
    ctx.server.use(
      ctx.fake.route("get", "/teams", () =>
        textError(
          403,
          'Client can only list teams for their own user. user_id must be either "me" or the ID of the current user',
        ),
      ),
    );
    const e = await caught(testClient().request("/teams"));
    expect(e).toMatchObject({ code: "HTTP_ERROR", status: 403 });
    expect(e.message).toMatch(/^Client can only list teams for their own user\./);
  });

  it("honours x-stack-actual-status on a 200 (known error and plain text), as in golden case 5", async () => {
    ctx.server.use(
      ctx.fake.route("get", "", () =>
        HttpResponse.json(
          {
            code: "INVALID_PUBLISHABLE_CLIENT_KEY",
            details: { project_id: PROJECT_ID },
            error: "The publishable key is not valid.",
          },
          {
            status: 200,
            headers: {
              "x-stack-known-error": "INVALID_PUBLISHABLE_CLIENT_KEY",
              "x-stack-actual-status": "401",
            },
          },
        ),
      ),
      ctx.fake.route(
        "get",
        "/teams",
        () =>
          new HttpResponse("Client can only list teams for their own user.", {
            status: 200,
            headers: { "content-type": "text/plain; charset=utf-8", "x-stack-actual-status": "403" },
          }),
      ),
    );
    const known = await caught(testClient().request(""));
    expect(known).toMatchObject({
      code: "INVALID_PUBLISHABLE_CLIENT_KEY",
      status: 401,
      details: { project_id: PROJECT_ID },
    });
    const plain = await caught(testClient().request("/teams"));
    expect(plain).toMatchObject({
      code: "HTTP_ERROR",
      status: 403,
      message: "Client can only list teams for their own user.",
    });
  });

  it("maps 5xx text to SERVER_ERROR and a 429 without a known code to RATE_LIMITED", async () => {
    ctx.server.use(
      ctx.fake.route("post", "/boom", () => textError(500, "Internal Server Error.")),
      ctx.fake.route("post", "/slow-down", () =>
        HttpResponse.json(
          { message: "Artificial development rate limit triggered. Wait before retrying." },
          { status: 429 },
        ),
      ),
    );
    const client = testClient({ retry: { attempts: 1 } });
    expect(await caught(client.request("/boom", { method: "POST" }))).toMatchObject({
      code: "SERVER_ERROR",
      status: 500,
      message: "Internal Server Error.",
    });
    expect(await caught(client.request("/slow-down", { method: "POST" }))).toMatchObject({
      code: "RATE_LIMITED",
      status: 429,
      message: "Artificial development rate limit triggered. Wait before retrying.",
    });
  });

  it("reports a network failure as NETWORK_ERROR with status 0", async () => {
    ctx.server.use(ctx.fake.route("post", "/down", () => HttpResponse.error()));
    const e = await caught(testClient().request("/down", { method: "POST" }));
    expect(e).toMatchObject({ code: "NETWORK_ERROR", status: 0 });
  });

  it("never puts tokens into URLs or error messages", async () => {
    const { tokens } = ctx.fake.seedSession();
    const client = testClient({ tokenStore: createMemoryTokenStore(tokens) });
    ctx.server.use(ctx.fake.route("get", "/teams", () => textError(403, "Forbidden.")));
    const e = await caught(client.request("/teams"));
    await client.getUser();
    for (const token of [tokens.accessToken, tokens.refreshToken]) {
      expect(e.message).not.toContain(token);
      expect(JSON.stringify(e)).not.toContain(token);
      expect(ctx.fake.log.some((r) => r.url.includes(token))).toBe(false);
    }
  });
});

function pick(o: Record<string, string>, keys: string[]) {
  return Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]]));
}

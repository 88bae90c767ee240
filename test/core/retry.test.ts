// @vitest-environment node
import { HttpResponse } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";
import { StackError } from "../../src/core/index.js";
import { backoffDelay } from "../../src/core/retry.js";
import { setupFakeStack, testClient, textError } from "./fake-stack.js";

const ctx = setupFakeStack();

afterEach(() => {
  vi.restoreAllMocks();
});

type Method = "get" | "head" | "options" | "put" | "delete" | "post" | "patch";

/** A route that answers `failures` times with `fail`, then 200. */
function flaky(method: Method, fail: () => Response, failures = Number.POSITIVE_INFINITY) {
  let calls = 0;
  ctx.server.use(
    ctx.fake.route(method, "/flaky", () => {
      calls++;
      return calls <= failures ? fail() : HttpResponse.json({ ok: true });
    }),
  );
  return () => calls;
}

const outcome = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof StackError ? e.code : e),
  );

describe("which failures are retried", () => {
  it.each([
    ["get", 2, "ok"],
    ["head", 2, "ok"],
    ["options", 2, "ok"],
    ["put", 2, "ok"],
    ["delete", 2, "ok"],
    ["post", 1, "NETWORK_ERROR"],
    ["patch", 1, "NETWORK_ERROR"],
  ] as const)("network error on %s: %i request(s), then %s", async (method, requests, result) => {
    const calls = flaky(method, () => HttpResponse.error(), 1);
    expect(await outcome(testClient().request("/flaky", { method }))).toBe(result);
    expect(calls()).toBe(requests);
  });

  it.each([
    ["get", 2, "ok"],
    ["delete", 2, "ok"],
    ["post", 1, "SERVER_ERROR"],
    ["patch", 1, "SERVER_ERROR"],
  ] as const)("503 on %s: %i request(s), then %s", async (method, requests, result) => {
    const calls = flaky(method, () => textError(503, "Service Unavailable"), 1);
    expect(await outcome(testClient().request("/flaky", { method }))).toBe(result);
    expect(calls()).toBe(requests);
  });

  it("429 on get is retried", async () => {
    const calls = flaky("get", () => textError(429, "Too Many Requests"), 2);
    expect(await outcome(testClient().request("/flaky"))).toBe("ok");
    expect(calls()).toBe(3);
  });

  it.each(["post", "patch"] as const)(
    "429 on %s reaches the caller at once (a person sees it now; resending a password deepens the limit)",
    async (method) => {
      const calls = flaky(method, () => textError(429, "Too Many Requests"), 2);
      expect(await outcome(testClient().request("/flaky", { method }))).toBe("RATE_LIMITED");
      expect(calls()).toBe(1);
    },
  );

  it("also retries a 429 reported through x-stack-actual-status", async () => {
    const calls = flaky(
      "get",
      () => new HttpResponse("slow down", { status: 200, headers: { "x-stack-actual-status": "429" } }),
      1,
    );
    expect(await outcome(testClient().request("/flaky"))).toBe("ok");
    expect(calls()).toBe(2);
  });

  it.each([
    ["500 text", () => textError(500, "Internal Server Error.")],
    ["502 text", () => textError(502, "Bad Gateway")],
    [
      "400 known error",
      () =>
        HttpResponse.json(
          { code: "SCHEMA_ERROR", error: "bad" },
          { status: 400, headers: { "x-stack-known-error": "SCHEMA_ERROR" } },
        ),
    ],
  ])("never retries a %s", async (_, fail) => {
    const calls = flaky("get", fail);
    await outcome(testClient().request("/flaky"));
    expect(calls()).toBe(1);
  });

  it("gives up after the configured number of attempts and reports the last answer", async () => {
    const calls = flaky("get", () => textError(503, "Service Unavailable"));
    expect(await outcome(testClient({ retry: { attempts: 4, baseDelayMs: 1 } }).request("/flaky"))).toBe(
      "SERVER_ERROR",
    );
    expect(calls()).toBe(4);
    const down = flaky("get", () => HttpResponse.error());
    expect(await outcome(testClient({ retry: { attempts: 2, baseDelayMs: 1 } }).request("/flaky"))).toBe(
      "NETWORK_ERROR",
    );
    expect(down()).toBe(2);
  });

  it("defaults to 3 attempts", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0); // shortest jitter
    const calls = flaky("get", () => textError(429, "Too Many Requests"));
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    try {
      const result = outcome(testClient({ retry: undefined }).request("/flaky"));
      await vi.runAllTimersAsync();
      expect(await result).toBe("RATE_LIMITED");
    } finally {
      vi.useRealTimers();
    }
    expect(calls()).toBe(3);
  });
});

describe("backoff", () => {
  it("is exponential with 0.5..1.5 jitter around base × 2^i", () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    expect([0, 1, 2, 3].map((i) => backoffDelay(i, 1000))).toEqual([500, 1000, 2000, 4000]);
    vi.spyOn(Math, "random").mockReturnValue(0.999999);
    expect(backoffDelay(3, 1000)).toBeCloseTo(12000, -1);
  });

  it("waits Retry-After seconds when the header is readable", async () => {
    const calls = flaky(
      "get",
      () => new HttpResponse("wait", { status: 429, headers: { "Retry-After": "1" } }),
      1,
    );
    const started = Date.now();
    expect(await outcome(testClient({ retry: { attempts: 3, baseDelayMs: 1 } }).request("/flaky"))).toBe(
      "ok",
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(calls()).toBe(2);
  });

  it("hands a 429 back at once when Retry-After asks for more than a minute", async () => {
    const calls = flaky(
      "get",
      () => new HttpResponse("wait", { status: 429, headers: { "Retry-After": "3600" } }),
    );
    expect(await outcome(testClient().request("/flaky"))).toBe("RATE_LIMITED");
    expect(calls()).toBe(1);
  });

  it("rejects at once with the abort reason when aborted during the backoff", async () => {
    const calls = flaky("get", () => textError(503, "Service Unavailable"));
    const controller = new AbortController();
    const reason = new Error("user left the page");
    const client = testClient({ retry: { attempts: 5, baseDelayMs: 60_000 } });
    const started = Date.now();
    const pending = outcome(client.request("/flaky", { signal: controller.signal }));
    await vi.waitFor(() => expect(calls()).toBe(1));
    controller.abort(reason);
    expect(await pending).toBe(reason);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(calls()).toBe(1);
  });

  it("sends nothing when the signal is already aborted", async () => {
    const calls = flaky("get", () => HttpResponse.json({}));
    const reason = new Error("already gone");
    expect(await outcome(testClient().request("/flaky", { signal: AbortSignal.abort(reason) }))).toBe(reason);
    expect(calls()).toBe(0);
  });
});

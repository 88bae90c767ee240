import { readFileSync } from "node:fs";
import { expect } from "vitest";
import type { Emulator } from "../../src/testing/index.js";

// Replays the golden recordings of the real Stack backend (golden/README.md) against the emulator:
// placeholders in requests get live values from earlier steps, responses are normalised exactly as
// the recordings were, then status, recorded headers and body are compared.

export interface GoldenRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

export interface GoldenResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface GoldenStep {
  request: GoldenRequest;
  response: GoldenResponse;
  note?: string;
  repeat?: number;
}

export interface GoldenCase {
  case: number;
  title: string;
  steps: GoldenStep[];
  notes?: string[];
}

export function loadCase(n: number): GoldenCase {
  const file = new URL(`./golden/case-${String(n).padStart(2, "0")}.json`, import.meta.url);
  return JSON.parse(readFileSync(file, "utf8")) as GoldenCase;
}

export interface LiveTokens {
  access?: string;
  refresh?: string;
}

export interface ReplayContext {
  /** Emulator used by the current step. */
  emulator: Emulator;
  /** Tokens seen in responses, per step index (after that step). */
  history: LiveTokens[];
  /** Raw (un-normalised) response bodies, per step index. */
  bodies: unknown[];
  /** Raw response headers, per step index. */
  headers: Headers[];
  /** Scratch space for `before` hooks (codes from the mailbox, OAuth codes…). */
  vars: Record<string, string>;
}

/** Live values for placeholders of a step's request (`<code>`, `<uuid>`, `<otp><nonce>`…). */
export type Values = Record<string, string>;

export interface ReplayOptions {
  /** The emulator for a step (default: the first one for every step). */
  emulatorFor?: (step: number) => Emulator;
  /** Runs before a step, e.g. to move the clock. */
  before?: Record<number, (ctx: ReplayContext) => void | Promise<void>>;
  /** Tokens to substitute for a step (default: the latest ones seen). */
  tokensFor?: Record<number, (ctx: ReplayContext) => LiveTokens>;
  /** Other placeholders of a step's request, replaced before the default ones (longest first). */
  values?: Record<number, (ctx: ReplayContext) => Values>;
  /** Only these step indexes are sent (others are skipped). */
  only?: number[];
}

const ORIGIN = "http://localhost:8102";

function substitute(value: string, emulator: Emulator, tokens: LiveTokens, values: Values = {}): string {
  let result = value;
  for (const key of Object.keys(values).sort((a, b) => b.length - a.length)) {
    result = result.replaceAll(key, values[key] ?? key);
  }
  return result
    .replaceAll("<project-id>", emulator.projectId)
    .replaceAll("<publishable-client-key>", emulator.publishableClientKey)
    .replaceAll("<access-token>", tokens.access ?? "<no access token yet>")
    .replaceAll("<refresh-token>", tokens.refresh ?? "<no refresh token yet>");
}

function substituteDeep(value: unknown, emulator: Emulator, tokens: LiveTokens, values: Values): unknown {
  if (typeof value === "string") return substitute(value, emulator, tokens, values);
  if (Array.isArray(value)) return value.map((v) => substituteDeep(v, emulator, tokens, values));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, substituteDeep(v, emulator, tokens, values)]),
    );
  }
  return value;
}

export function buildRequest(
  step: GoldenStep,
  emulator: Emulator,
  tokens: LiveTokens,
  values: Values = {},
): Request {
  const { method, path, headers } = step.request;
  const liveHeaders = Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, substitute(value, emulator, tokens, values)]),
  );
  let body: string | undefined;
  if ("body" in step.request) {
    const value = substituteDeep(step.request.body, emulator, tokens, values);
    if (typeof value === "string") body = value;
    else if (liveHeaders["content-type"] === "application/x-www-form-urlencoded") {
      body = new URLSearchParams(value as Record<string, string>).toString();
    } else body = JSON.stringify(value);
  }
  return new Request(`${ORIGIN}/api/v1${substitute(path, emulator, tokens, values)}`, {
    method,
    headers: liveHeaders,
    body,
  });
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g;
const JWT = /^eyJ[\w-]*\.[\w-]+\.[\w-]+$/;

const MOCK_PROVIDER_URL = /^(https?:\/\/[^/?#]+)\/__stack-emulator\/oauth\/[^/?#]+\/authorize\?/;

/**
 * URLs the backend generates (golden/README.md "OAuth"): the provider's authorize URL gets its origins,
 * inner state and inner challenge replaced; any 45-char verification code or 64-char OAuth code in a
 * `code` parameter becomes `<code>`. The emulator's mock provider lives at
 * `<origin>/__stack-emulator/oauth/<provider>/authorize` where the recorded one had `<origin>/auth`.
 */
export function normaliseUrl(value: string): string {
  let url = value;
  const provider = MOCK_PROVIDER_URL.exec(url);
  if (provider) {
    url = url
      .replace(MOCK_PROVIDER_URL, "<mock-provider-origin>/auth?")
      .replaceAll(encodeURIComponent(provider[1] ?? ""), "<api-origin>")
      .replace(/([?&]code_challenge=)[^&]+/, "$1<inner-code-challenge>")
      .replace(/([?&]state=)[^&]+/, "$1<inner-state>");
  }
  return url.replace(/([?&]code=)([a-z2-7]{45}|[0-9a-f]{64})(?=&|#|$)/, "$1<code>");
}

/** Header values that hold generated values: OAuth redirects and the inner-state cookie. */
export function normaliseHeader(name: string, value: string): string {
  if (name === "location") return normaliseUrl(value);
  if (name === "set-cookie") {
    return value
      .replace(/^stack-oauth-inner-[^=]+=[^;]*/, "stack-oauth-inner-<inner-state>=<value>")
      .replace(/Expires=[^;]+/, "Expires=<date>");
  }
  return value;
}

/** The normalisation table of golden/README.md, applied to a live response body. */
export function normalise(value: unknown, emulator: Emulator, key?: string): unknown {
  if (typeof value === "string") {
    if (JWT.test(value)) return "<jwt>";
    if (key === "refresh_token" && value.length === 45) return "<refresh-token>";
    if ((key === "attempt_code" || key === "code") && value.length === 45) return "<code>";
    if (key === "nonce" && value.length === 39) return "<nonce>";
    return (/^https?:\/\//.test(value) ? normaliseUrl(value) : value)
      .replaceAll(emulator.projectId, "<project-id>")
      .replaceAll(emulator.publishableClientKey, "<publishable-client-key>")
      .replace(UUID, "<uuid>")
      .replace(ISO_TIME, "<iso-time>");
  }
  if (typeof value === "number") {
    if (key === "expires_in") return "<seconds>";
    if (Number.isInteger(value) && String(Math.abs(value)).length === 13) return "<millis>";
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => normalise(v, emulator));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v, emulator, k)]));
  }
  return value;
}

const ALWAYS_COMPARED = ["content-type", "x-stack-known-error", "x-stack-actual-status"];

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  return (response.headers.get("content-type") ?? "").includes("application/json") ? JSON.parse(text) : text;
}

/** Sends every step and compares it with the recording; returns the context for extra checks. */
export async function replayCase(golden: GoldenCase, first: Emulator, options: ReplayOptions = {}) {
  const ctx: ReplayContext = { emulator: first, history: [], bodies: [], headers: [], vars: {} };
  let latest: LiveTokens = {};
  for (const [index, step] of golden.steps.entries()) {
    if (options.only && !options.only.includes(index)) {
      ctx.history[index] = { ...latest };
      continue;
    }
    ctx.emulator = options.emulatorFor?.(index) ?? first;
    await options.before?.[index]?.(ctx);
    const tokens = options.tokensFor?.[index]?.(ctx) ?? latest;
    const values = options.values?.[index]?.(ctx) ?? {};
    const label = `case ${golden.case} step ${index}${step.note ? ` (${step.note})` : ""}`;
    for (let i = 0; i < (step.repeat ?? 1); i++) {
      const response = await ctx.emulator.handle(buildRequest(step, ctx.emulator, tokens, values));
      const raw = await readBody(response);
      ctx.bodies[index] = raw;
      ctx.headers[index] = response.headers;

      const headerNames = new Set([...ALWAYS_COMPARED, ...Object.keys(step.response.headers)]);
      const actualHeaders: Record<string, string> = {};
      const expectedHeaders: Record<string, string> = {};
      for (const name of headerNames) {
        const actual = response.headers.get(name);
        if (actual !== null) actualHeaders[name] = normaliseHeader(name, actual);
        const expected = step.response.headers[name];
        if (expected !== undefined) expectedHeaders[name] = expected;
      }
      let body = normalise(raw, ctx.emulator);
      if (response.status === 500 && typeof body === "string") {
        body = body.replace(/\n[\s\S]*$/, "\n<stack trace removed>");
      }
      expect({ status: response.status, headers: actualHeaders, body }, label).toEqual({
        status: step.response.status,
        headers: expectedHeaders,
        body: step.response.body,
      });

      if (raw && typeof raw === "object" && response.status === 200) {
        const record = raw as Record<string, unknown>;
        if (typeof record.access_token === "string") latest = { ...latest, access: record.access_token };
        if (typeof record.refresh_token === "string") latest = { ...latest, refresh: record.refresh_token };
      }
    }
    ctx.history[index] = { ...latest };
  }
  return ctx;
}

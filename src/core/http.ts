import type { ResolvedConfig } from "./config.js";
import { StackError } from "./errors.js";
import { fetchWithRetry, isIdempotent, statusOf } from "./retry.js";
import type { Tokens } from "./token-store.js";

/**
 * Sent as `X-Stack-Client-Version`. The server only parses `^(\w+)\s+(@[\w/]+)@([\d.]+)$`, which needs a
 * scoped name without hyphens; "stack-react-kit" cannot match, and the header is otherwise free text (other
 * SDKs send e.g. "swift@1.0.0"), so we send the honest name. Keep the version in step with package.json.
 */
export const CLIENT_VERSION = "js stack-react-kit@0.1.0";

export interface ApiRequestInit {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
  /** The session's tokens, or null/undefined for an unauthenticated call. */
  tokens?: Tokens | null;
}

/** One call to the Stack API with client access (CLIENT-API.md §1.2). */
export function apiRequest<T>(
  cfg: ResolvedConfig,
  path: string,
  { method = "GET", body, signal, tokens }: ApiRequestInit = {},
): Promise<T> {
  method = method.toUpperCase();
  const headers: Record<string, string> = {
    "X-Stack-Access-Type": "client",
    "X-Stack-Project-Id": cfg.projectId,
    "X-Stack-Allow-Anonymous-User": "true",
    "X-Stack-Client-Version": CLIENT_VERSION,
  };
  if (cfg.publishableClientKey) headers["X-Stack-Publishable-Client-Key"] = cfg.publishableClientKey;
  if (tokens?.accessToken) headers["X-Stack-Access-Token"] = tokens.accessToken;
  if (tokens) headers["X-Stack-Refresh-Token"] = tokens.refreshToken;
  // The API wants a JSON body on every POST/PATCH/PUT, `{}` when there is nothing to say.
  const hasBody = /^(POST|PATCH|PUT)$/.test(method) || (method === "DELETE" && body !== undefined);
  if (hasBody) headers["Content-Type"] = "application/json";
  return send<T>(
    cfg,
    path,
    { method, headers, body: hasBody ? JSON.stringify(body ?? {}) : undefined },
    signal,
    isIdempotent(method),
  );
}

/**
 * Stack's OAuth endpoints (§2.3 A, §5): `params` plus the client credentials, in the query (GET) or
 * form-encoded (POST), with no `X-Stack-*` headers and no session tokens. A CORS-simple request: no preflight.
 */
export function oauthRequest<T>(
  cfg: ResolvedConfig,
  path: string,
  method: string,
  params: Record<string, string>,
  signal?: AbortSignal,
  idempotent = method === "GET",
): Promise<T> {
  const query = new URLSearchParams({
    client_id: cfg.projectId,
    client_secret: cfg.publishableClientKey ?? "__stack_public_client__",
    ...params,
  });
  return method === "GET"
    ? send<T>(cfg, `${path}?${query}`, { method }, signal, true)
    : send<T>(cfg, path, { method, body: query }, signal, idempotent);
}

/**
 * Sends `init` to `<apiUrl><path>` with retries, and turns the answer into a value or a StackError.
 * No `cache` option and nothing random in the URL: either would defeat the browser's CORS preflight cache.
 */
export async function send<T>(
  cfg: ResolvedConfig,
  path: string,
  init: RequestInit,
  signal?: AbortSignal,
  idempotent = false,
): Promise<T> {
  const url = `${cfg.apiUrl}${path}`.replace(/\/$/, "");
  let res: Response;
  try {
    res = await fetchWithRetry(() => cfg.fetch(url, { ...init, signal, credentials: "omit" }), {
      ...cfg.retry,
      idempotent,
      signal,
    });
  } catch (e) {
    if (signal?.aborted || !(e instanceof TypeError)) throw e;
    // A cross-origin error without CORS headers also lands here: the browser hides everything.
    throw new StackError("NETWORK_ERROR", 0, "Could not reach the Stack API.", undefined, { cause: e });
  }
  return parseResponse<T>(res);
}

type Json = Record<string, unknown> | undefined;

async function parseResponse<T>(res: Response): Promise<T> {
  const status = statusOf(res);
  const text = await res.text();
  let json: Json;
  try {
    json = /json/.test(res.headers.get("content-type") ?? "") ? JSON.parse(text) : undefined;
  } catch {}
  if (status >= 200 && status < 300) return (json ?? text) as T;

  const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);
  // Known error: `x-stack-known-error` + `{code, error, details?}` (the message is in `error`, §1.4).
  const code = res.headers.get("x-stack-known-error") ?? (str(json?.error) && str(json?.code));
  if (code) {
    throw new StackError(
      code,
      status,
      str(json?.error) ?? text,
      json?.details as Record<string, unknown> | undefined,
    );
  }
  // Plain status error: a bare sentence, or some other JSON (dev rate limit `{message}`, OAuth `{error_description}`).
  const message =
    str(json?.error_description) ?? str(json?.message) ?? str(json?.error) ?? (text || `HTTP ${status}`);
  const local = status === 429 ? "RATE_LIMITED" : status >= 500 ? "SERVER_ERROR" : "HTTP_ERROR";
  throw new StackError(local, status, message);
}

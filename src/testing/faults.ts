/**
 * Fault injection: make the next matching API requests slow, fail with a status, or drop the
 * connection, so client retry and error paths can be tested against the real handlers.
 */
export interface FaultSpec {
  /** HTTP method to match (case-insensitive). Default: any method except `OPTIONS` (preflights). */
  method?: string;
  /**
   * Path to match, relative to `/api/v1` (`"/users/me"`) or full (`"/api/v1/users/me"`); a trailing
   * `*` matches a prefix. A RegExp is tested against the relative path. Default: any API path.
   */
  path?: string | RegExp;
  /** How many requests this fault applies to. Default 1; `Infinity` until cleared. */
  times?: number;
  /** Answer with this status instead of running the route. */
  status?: number;
  /** Body for `status`: a string is sent as text/plain, anything else as JSON. */
  body?: unknown;
  /** Extra response headers for `status`, e.g. `{ "retry-after": "1" }`. */
  headers?: Record<string, string>;
  /** Wait this long before answering (alone: a slow but otherwise normal request). */
  delayMs?: number;
  /** Drop the connection: `handle` returns `Response.error()` (a network error for `fetch`). */
  network?: boolean;
  /** Send CORS headers with the injected status (default true). False mimics an infrastructure error page. */
  cors?: boolean;
}

export interface Faults {
  /** Adds a fault; returns a function that removes it. */
  inject(spec: FaultSpec): () => void;
  /** Removes every pending fault. */
  clear(): void;
  /** Pending faults with their remaining `times`. */
  pending(): FaultSpec[];
}

export interface FaultEngine extends Faults {
  /** Finds the first pending fault matching a request and uses one of its `times`. */
  take(method: string, apiPath: string): FaultSpec | undefined;
}

export function createFaults(): FaultEngine {
  let faults: { spec: FaultSpec; remaining: number }[] = [];

  const matches = (spec: FaultSpec, method: string, apiPath: string): boolean => {
    const m = method.toUpperCase();
    if (spec.method === undefined ? m === "OPTIONS" : spec.method.toUpperCase() !== m) return false;
    const { path } = spec;
    if (path === undefined) return true;
    if (path instanceof RegExp) return path.test(apiPath);
    const relative = path.startsWith("/api/v1") ? path.slice("/api/v1".length) : path;
    return relative.endsWith("*") ? apiPath.startsWith(relative.slice(0, -1)) : apiPath === relative;
  };

  return {
    inject(spec) {
      const times = spec.times ?? 1;
      if (!(times > 0)) throw new RangeError("faults.inject: times must be positive");
      const entry = { spec: { ...spec }, remaining: times };
      faults.push(entry);
      return () => {
        faults = faults.filter((f) => f !== entry);
      };
    },
    clear() {
      faults = [];
    },
    pending: () => faults.map((f) => ({ ...f.spec, times: f.remaining })),
    take(method, apiPath) {
      const entry = faults.find((f) => matches(f.spec, method, apiPath));
      if (!entry) return undefined;
      entry.remaining -= 1;
      if (entry.remaining <= 0) faults = faults.filter((f) => f !== entry);
      return entry.spec;
    },
  };
}

const STATUS_TEXT: Record<number, string> = {
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** The response of a fault with a status. Default bodies: the cloud's dev rate-limit JSON for 429, text otherwise. */
export function faultResponse(spec: FaultSpec & { status: number }): Response {
  let body = spec.body;
  if (body === undefined) {
    body =
      spec.status === 429
        ? { message: "Artificial development rate limit triggered. Wait before retrying." }
        : (STATUS_TEXT[spec.status] ?? `Error ${spec.status}`);
  }
  const isText = typeof body === "string";
  return new Response(typeof body === "string" ? body : JSON.stringify(body), {
    status: spec.status,
    headers: {
      "content-type": isText ? "text/plain; charset=utf-8" : "application/json; charset=utf-8",
      ...spec.headers,
    },
  });
}

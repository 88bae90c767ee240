import type { RequestAuth } from "./request-auth.js";
import type { EmulatorState } from "./state.js";

/** What a route handler gets. */
export interface RouteContext {
  state: EmulatorState;
  request: Request;
  url: URL;
  /** Request path without trailing slash, e.g. `/api/v1/users/me` (quoted in SCHEMA_ERROR messages). */
  pathname: string;
  /** Values of `:name` segments. */
  params: Record<string, string>;
  /** Parsed body (`undefined` when none was sent). */
  body: unknown;
  auth: RequestAuth | null;
}

export interface Route {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path after `/api/v1`, `""` for the root; `:name` segments match one path segment. */
  path: string;
  /**
   * `required`: a request without access type fails with ACCESS_TYPE_REQUIRED before the handler.
   * `optional`: the handler also runs for requests without `X-Stack-*` headers (root, JWKS, OAuth).
   */
  auth: "required" | "optional";
  handler(ctx: RouteContext): Promise<Response> | Response;
}

export type RouteMatch =
  | { kind: "found"; route: Route; params: Record<string, string> }
  | { kind: "method-not-allowed" }
  | { kind: "not-found" };

export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  const segments = splitPath(path);
  let pathMatched = false;
  for (const route of routes) {
    const params = matchSegments(splitPath(route.path), segments);
    if (!params) continue;
    pathMatched = true;
    if (route.method === method) return { kind: "found", route, params };
  }
  return pathMatched ? { kind: "method-not-allowed" } : { kind: "not-found" };
}

function splitPath(path: string): string[] {
  return path.split("/").filter((s) => s !== "");
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | null {
  if (pattern.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] ?? "";
    const a = actual[i] ?? "";
    if (p.startsWith(":")) {
      try {
        params[p.slice(1)] = decodeURIComponent(a);
      } catch {
        return null;
      }
    } else if (p !== a) {
      return null;
    }
  }
  return params;
}

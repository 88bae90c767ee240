// CORS exactly like the cloud's proxy (CLIENT-API §1.6), applied inside `handle` so every host
// (MSW, Node server, Vite plugin) behaves the same for cross-origin browser code.

/** Request headers a cross-origin page may send. `x-stack-allow-restricted-user` is left out on purpose. */
export const CORS_ALLOWED_HEADERS = [
  "content-type",
  "authorization",
  "baggage",
  "sentry-trace",
  "x-vercel-protection-bypass",
  "ngrok-skip-browser-warning",
  "x-stack-project-id",
  "x-stack-branch-id",
  "x-stack-access-type",
  "x-stack-publishable-client-key",
  "x-stack-secret-server-key",
  "x-stack-super-secret-admin-key",
  "x-stack-admin-access-token",
  "x-stack-access-token",
  "x-stack-refresh-token",
  "x-stack-allow-anonymous-user",
  "x-stack-client-version",
  "x-stack-override-error-status",
  "x-stack-random-nonce",
  "x-stack-disable-artificial-development-delay",
];

export const CORS_ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";

/** Only these response headers are readable by cross-origin JS (so not `x-stack-request-id`). */
export const CORS_EXPOSED_HEADERS = "content-type, x-stack-actual-status, x-stack-known-error";

/** Headers every response carries. */
export function applyCorsHeaders(headers: Headers): void {
  headers.set("access-control-allow-origin", "*");
  headers.set("access-control-expose-headers", CORS_EXPOSED_HEADERS);
}

/** Answer to a CORS preflight (`OPTIONS`). Cacheable for a day, like the cloud. */
export function preflightResponse(): Response {
  const headers = new Headers({
    "access-control-allow-methods": CORS_ALLOWED_METHODS,
    "access-control-allow-headers": CORS_ALLOWED_HEADERS.join(", "),
    "access-control-max-age": "86400",
  });
  applyCorsHeaders(headers);
  return new Response(null, { status: 204, headers });
}

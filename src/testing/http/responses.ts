import { randomUuid } from "../random.js";
import { applyCorsHeaders } from "./cors.js";
import { KnownError, StatusError } from "./errors.js";

const JSON_TYPE = "application/json; charset=utf-8";
const TEXT_TYPE = "text/plain; charset=utf-8";

export function jsonResponse(status: number, body: unknown, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": JSON_TYPE, ...headers },
  });
}

export function textResponse(status: number, text: string, headers?: Record<string, string>): Response {
  return new Response(text, { status, headers: { "content-type": TEXT_TYPE, ...headers } });
}

export function knownErrorResponse(error: KnownError): Response {
  return jsonResponse(error.status, error.toJSON(), { "x-stack-known-error": error.code });
}

/** Any thrown value → a response: known and status errors as the cloud sends them, the rest as a 500. */
export function errorToResponse(error: unknown): Response {
  if (error instanceof KnownError) return knownErrorResponse(error);
  if (error instanceof StatusError) return textResponse(error.status, error.message);
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const stack = error instanceof Error && error.stack ? error.stack.split("\n").slice(1).join("\n") : "";
  return textResponse(
    500,
    `Internal Server Error. The error message follows, but will be stripped in production. ${message}\n${stack}`,
  );
}

/**
 * Headers every API response gets: no caching, CORS, a request id; and the cloud's
 * `X-Stack-Override-Error-Status` behaviour (any 4xx becomes 200 plus `x-stack-actual-status`,
 * for JSON and plain-text errors alike).
 */
export function finalizeApiResponse(response: Response, request: Request): Response {
  const headers = new Headers(response.headers);
  if (!headers.has("cache-control")) headers.set("cache-control", "no-store, max-age=0");
  headers.set("x-stack-request-id", randomUuid());
  applyCorsHeaders(headers);
  let status = response.status;
  if (request.headers.has("x-stack-override-error-status") && status >= 400 && status < 500) {
    headers.set("x-stack-actual-status", String(status));
    status = 200;
  }
  return new Response(response.body, { status, statusText: response.statusText, headers });
}

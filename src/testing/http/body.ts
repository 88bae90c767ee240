import { knownErrors } from "./known-errors.js";

/**
 * Reads a request body the way the cloud's parser does (CLIENT-API §1.2): JSON, form-encoded,
 * text/plain (JSON if it parses) and octet-stream are accepted; bad JSON and other types are a
 * `BODY_PARSING_ERROR`. No body at all gives `undefined`.
 */
export async function parseRequestBody(request: Request): Promise<unknown> {
  if (request.method === "GET" || request.method === "HEAD" || request.body === null) return undefined;
  const text = await request.text();
  const contentType = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";

  if (contentType === "") return text === "" ? undefined : tryJson(text);
  if (contentType === "application/json" || contentType.endsWith("+json")) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw knownErrors.bodyParsingError("Invalid JSON in request body");
    }
  }
  if (contentType === "application/x-www-form-urlencoded") {
    return Object.fromEntries(new URLSearchParams(text));
  }
  if (contentType === "text/plain" || contentType === "application/octet-stream") {
    return text === "" ? undefined : tryJson(text);
  }
  throw knownErrors.bodyParsingError(`Unsupported content type: ${contentType}`);
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

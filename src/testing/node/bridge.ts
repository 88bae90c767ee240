import type { IncomingMessage, ServerResponse } from "node:http";

// Conversions between Node's HTTP objects and the fetch `Request`/`Response` the emulator speaks.

/** `IncomingMessage` → `Request`. The body is read fully (the API has no streaming). */
export async function toFetchRequest(req: IncomingMessage, fallbackHost: string): Promise<Request> {
  const encrypted = "encrypted" in req.socket && Boolean(req.socket.encrypted);
  const host = req.headers.host ?? fallbackHost;
  // Vite's connect stack may rewrite req.url; originalUrl keeps what the client asked for.
  const path = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? "/";
  const url = new URL(path, `${encrypted ? "https" : "http"}://${host}`);

  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(":")) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }

  const method = req.method ?? "GET";
  let body: ArrayBuffer | undefined;
  if (method !== "GET" && method !== "HEAD") {
    const chunks: Buffer[] = [];
    for await (const chunk of req)
      chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
    // No bytes and no content-length means no body was sent (not an empty one).
    if (chunks.length > 0 || req.headers["content-length"] !== undefined) {
      const bytes = Buffer.concat(chunks);
      body = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    }
  }
  return new Request(url, { method, headers, body });
}

/** `Response` → `ServerResponse`; `Response.error()` (a dropped-connection fault) destroys the socket. */
export async function sendFetchResponse(response: Response, res: ServerResponse): Promise<void> {
  if (response.type === "error") {
    res.socket?.destroy();
    res.destroy();
    return;
  }
  res.statusCode = response.status;
  const setCookies = response.headers.getSetCookie();
  for (const [name, value] of response.headers) {
    if (name !== "set-cookie") res.setHeader(name, value);
  }
  if (setCookies.length > 0) res.setHeader("set-cookie", setCookies);
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
  res.end(body);
}

import type { Emulator } from "../../src/testing/index.js";

// A minimal Stack client for tests: the §14 default headers, JSON bodies, parsed answers.

export interface CallOptions {
  body?: unknown;
  accessToken?: string;
  refreshToken?: string;
  /** Extra or overriding headers; `null` removes a default header. */
  headers?: Record<string, string | null>;
  origin?: string;
}

export interface CallResult {
  status: number;
  headers: Headers;
  body: unknown;
  /** `x-stack-known-error`, when present. */
  code: string | null;
}

export function clientHeaders(emulator: Emulator): Record<string, string> {
  return {
    "x-stack-access-type": "client",
    "x-stack-project-id": emulator.projectId,
    "x-stack-publishable-client-key": emulator.publishableClientKey,
    "x-stack-allow-anonymous-user": "true",
  };
}

export function buildCall(
  emulator: Emulator,
  method: string,
  path: string,
  options: CallOptions = {},
): Request {
  const headers: Record<string, string> = { ...clientHeaders(emulator) };
  if (options.accessToken) headers["x-stack-access-token"] = options.accessToken;
  if (options.refreshToken) headers["x-stack-refresh-token"] = options.refreshToken;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value === null) delete headers[name];
    else headers[name] = value;
  }
  return new Request(`${options.origin ?? "http://localhost:8102"}/api/v1${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}

export async function readResult(response: Response): Promise<CallResult> {
  const text = await response.text();
  const isJson = (response.headers.get("content-type") ?? "").includes("application/json");
  return {
    status: response.status,
    headers: response.headers,
    body: isJson && text !== "" ? JSON.parse(text) : text,
    code: response.headers.get("x-stack-known-error"),
  };
}

export async function call(
  emulator: Emulator,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  return readResult(await emulator.handle(buildCall(emulator, method, path, options)));
}

export interface Tokens {
  access_token: string;
  refresh_token: string;
  user_id: string;
}

export async function signUp(
  emulator: Emulator,
  email: string,
  password = "Golden-Passw0rd-16",
): Promise<Tokens> {
  const result = await call(emulator, "POST", "/auth/password/sign-up", { body: { email, password } });
  if (result.status !== 200) throw new Error(`sign-up failed: ${JSON.stringify(result.body)}`);
  return result.body as Tokens;
}

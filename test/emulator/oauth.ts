import { createHash } from "node:crypto";
import type { Emulator } from "../../src/testing/index.js";

// Drives the OAuth flow through the emulator's mock provider the way a browser would: authorize,
// the provider's consent page (its real form), Stack's callback, the token exchange.

export const ORIGIN = "http://localhost:8102";
export const REDIRECT_URI = "http://localhost:3000/handler/oauth-callback";
export const VERIFIER = "golden-pkce-code-verifier-0123456789-abcdefghijklmnop";

export function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

export interface AuthorizeOptions {
  provider?: string;
  redirectUri?: string;
  state?: string;
  verifier?: string;
  method?: "S256" | "plain";
  mode?: "json" | "redirect";
  /** Extra or overriding query parameters. */
  query?: Record<string, string>;
}

export function authorizeRequest(emulator: Emulator, options: AuthorizeOptions = {}): Request {
  const verifier = options.verifier ?? VERIFIER;
  const method = options.method ?? "S256";
  const params = new URLSearchParams({
    client_id: emulator.projectId,
    client_secret: emulator.publishableClientKey,
    redirect_uri: options.redirectUri ?? REDIRECT_URI,
    scope: "legacy",
    response_type: "code",
    grant_type: "authorization_code",
    state: options.state ?? "golden-state-1",
    code_challenge: method === "S256" ? s256(verifier) : verifier,
    code_challenge_method: method,
    ...(options.mode === "redirect" ? {} : { stack_response_mode: "json" }),
    ...options.query,
  });
  return new Request(
    `${ORIGIN}/api/v1/auth/oauth/authorize/${options.provider ?? "spotify"}?${params.toString()}`,
  );
}

function unescapeHtml(text: string): string {
  return text
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}

/** The consent form of the mock provider page: its action and the fields a browser would submit. */
export function readConsentForm(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form method="post" action="([^"]+)">/.exec(html)?.[1];
  if (!action) throw new Error(`no consent form in:\n${html}`);
  const fields: Record<string, string> = {};
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[name ?? ""] = unescapeHtml(value ?? "");
  }
  const email = /<input id="email" name="email"[^>]* value="([^"]*)"/.exec(html)?.[1];
  if (email !== undefined) fields.email = unescapeHtml(email);
  return { action: unescapeHtml(action), fields };
}

/** Opens the provider page at `location` and clicks Allow (optionally with another email) or Cancel. */
export async function decideAtProvider(
  emulator: Emulator,
  location: string,
  decision: { action: "allow" | "cancel"; email?: string },
): Promise<URL> {
  const page = await emulator.handle(new Request(location));
  if (page.status !== 200) throw new Error(`provider page: ${page.status} ${await page.text()}`);
  const { action, fields } = readConsentForm(await page.text());
  if (decision.email !== undefined) fields.email = decision.email;
  const submitted = await emulator.handle(
    new Request(new URL(action, location), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...fields, action: decision.action }).toString(),
    }),
  );
  const next = submitted.headers.get("location");
  if (submitted.status !== 303 || !next) throw new Error(`provider form: ${submitted.status}`);
  return new URL(next);
}

export interface RoundTrip {
  /** Stack's answer to the provider's redirect (303 with the code, or 307 with an error). */
  callback: Response;
  /** Where Stack sends the browser (the app's redirect URI with `code`/`state` or error parameters). */
  location: URL;
  /** The outer authorization code, when there is one. */
  code: string | null;
}

/** authorize (json mode) → provider decision → Stack's callback. */
export async function oauthRoundTrip(
  emulator: Emulator,
  options: AuthorizeOptions & { email?: string; action?: "allow" | "cancel" } = {},
): Promise<RoundTrip> {
  const authorize = await emulator.handle(authorizeRequest(emulator, options));
  if (authorize.status !== 200) throw new Error(`authorize: ${authorize.status} ${await authorize.text()}`);
  const { location } = (await authorize.json()) as { location: string };
  const back = await decideAtProvider(emulator, location, {
    action: options.action ?? "allow",
    email: options.email,
  });
  const callback = await emulator.handle(new Request(back));
  const target = new URL(callback.headers.get("location") ?? "about:blank");
  return { callback, location: target, code: target.searchParams.get("code") };
}

/** `POST /auth/oauth/token` with the authorization-code grant, form-encoded like the official client. */
export function exchangeRequest(
  emulator: Emulator,
  code: string,
  overrides: Record<string, string> = {},
  format: "form" | "json" = "form",
): Request {
  const body = {
    grant_type: "authorization_code",
    code,
    redirect_uri: REDIRECT_URI,
    code_verifier: VERIFIER,
    client_id: emulator.projectId,
    client_secret: emulator.publishableClientKey,
    ...overrides,
  };
  return new Request(`${ORIGIN}/api/v1/auth/oauth/token`, {
    method: "POST",
    headers: {
      "content-type": format === "form" ? "application/x-www-form-urlencoded" : "application/json",
    },
    body: format === "form" ? new URLSearchParams(body).toString() : JSON.stringify(body),
  });
}

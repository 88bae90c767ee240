import { DEV_PREFIX } from "./constants.js";
import { pkceChallenge } from "./encoding.js";
import { isAbsoluteUrl } from "./http/schema.js";
import { randomBase64Url } from "./random.js";
import type { EmulatorState } from "./state.js";

// The mock OAuth provider every enabled provider id points at (CLIENT-API §5 inner flow), served by the
// emulator itself under `/__stack-emulator/oauth/<provider>/authorize`. Like Stack's own mock OAuth
// server, it accepts any login: the email typed in becomes the provider account id and a verified email.
//   GET  …/authorize?client_id&scope&response_type=code&redirect_uri&code_challenge[_method]&state…
//        an accessible consent page (email field, Allow, Cancel)
//   POST …/authorize (the page's form) → 303 to redirect_uri with `code`+`state`+`iss`, or, for Cancel,
//        `error=access_denied`+`state`+`iss`

const PROVIDER_CODE_LIFETIME_MS = 10 * 60 * 1000;

const PROVIDER_NAMES: Record<string, string> = {
  apple: "Apple",
  bitbucket: "Bitbucket",
  discord: "Discord",
  facebook: "Facebook",
  github: "GitHub",
  gitlab: "GitLab",
  google: "Google",
  linkedin: "LinkedIn",
  microsoft: "Microsoft",
  spotify: "Spotify",
  twitch: "Twitch",
  x: "X",
};

/** Display name of a provider id (`github` → `GitHub`). */
export function providerName(providerId: string): string {
  return PROVIDER_NAMES[providerId] ?? providerId.charAt(0).toUpperCase() + providerId.slice(1);
}

/** Path of the mock provider's authorize page for a provider id. */
export function mockProviderAuthorizePath(providerId: string): string {
  return `${DEV_PREFIX}/oauth/${encodeURIComponent(providerId)}/authorize`;
}

/** The parameters Stack sends to a provider's authorize endpoint, kept through the consent form. */
const FORWARDED = [
  "client_id",
  "scope",
  "response_type",
  "redirect_uri",
  "code_challenge_method",
  "code_challenge",
  "state",
  "access_type",
  "prompt",
] as const;

type Params = Partial<Record<(typeof FORWARDED)[number] | "email" | "action", string>>;

function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

function htmlResponse(status: number, html: string): Response {
  return new Response(html, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}

function redirect(location: string): Response {
  return new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
}

const STYLE = `
  body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; background: #f4f4f5; }
  main { max-width: 28rem; margin: 4rem auto; padding: 2rem; background: #fff; border: 1px solid #d4d4d8; border-radius: 0.75rem; }
  h1 { font-size: 1.35rem; margin: 0 0 0.75rem; }
  p { margin: 0 0 1.25rem; color: #3f3f46; }
  label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
  input { box-sizing: border-box; width: 100%; padding: 0.5rem 0.75rem; font: inherit; color: #1a1a1a; border: 1px solid #71717a; border-radius: 0.375rem; }
  .error { color: #b91c1c; margin: 0.5rem 0 0; }
  .actions { display: flex; gap: 0.75rem; margin-top: 1.5rem; }
  button { font: inherit; font-weight: 600; padding: 0.5rem 1.25rem; border-radius: 0.375rem; border: 1px solid #1d4ed8; cursor: pointer; }
  button[value="allow"] { background: #1d4ed8; color: #fff; }
  button[value="cancel"] { background: #fff; color: #1a1a1a; border-color: #71717a; }
  :focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
`;

function page(state: EmulatorState, providerId: string, params: Params, error?: string): string {
  const provider = escapeHtml(providerName(providerId));
  const project = escapeHtml(state.options.displayName);
  const email = params.email ?? `${providerId}-user@example.com`;
  const hidden = FORWARDED.filter((name) => params[name] !== undefined)
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(params[name] ?? "")}">`)
    .join("\n        ");
  const describedBy = error ? ' aria-invalid="true" aria-describedby="email-error"' : "";
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Sign in with ${provider} (mock) · ${project}</title>
    <style>${STYLE}</style>
  </head>
  <body>
    <main>
      <h1>Sign in to ${project} with ${provider} (mock)</h1>
      <p>This page stands in for ${provider}; no real account is used. The email below becomes the ${provider} account id and a verified email address.</p>
      <form method="post" action="${escapeHtml(mockProviderAuthorizePath(providerId))}">
        ${hidden}
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="email" required value="${escapeHtml(email)}"${describedBy}>
        ${error ? `<p id="email-error" class="error" role="alert">${escapeHtml(error)}</p>` : ""}
        <div class="actions">
          <button type="submit" name="action" value="allow">Allow</button>
          <button type="submit" name="action" value="cancel" formnovalidate>Cancel</button>
        </div>
      </form>
    </main>
  </body>
</html>
`;
}

function errorPage(message: string): Response {
  return htmlResponse(
    400,
    `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Invalid OAuth request (mock provider)</title><style>${STYLE}</style></head>
  <body><main><h1>Invalid OAuth request</h1><p>${escapeHtml(message)}</p></main></body>
</html>
`,
  );
}

/** What is wrong with an authorize request, if anything (the checks a real provider makes). */
function invalidRequest(providerId: string, params: Params): string | null {
  if (params.client_id !== providerId) return "client_id must be the provider id.";
  if (params.response_type !== "code") return "response_type must be code.";
  if (!params.redirect_uri || !isAbsoluteUrl(params.redirect_uri))
    return "redirect_uri is missing or invalid.";
  if (!params.state) return "state is missing.";
  if (!params.code_challenge || params.code_challenge_method !== "S256") {
    return "PKCE (code_challenge with code_challenge_method S256) is required.";
  }
  return null;
}

async function readForm(request: Request): Promise<Params> {
  const text = await request.text();
  return Object.fromEntries(new URLSearchParams(text)) as Params;
}

/** Handles `/__stack-emulator/oauth/<provider>/authorize` (`subpath` is the part after the dev prefix). */
export async function handleMockProvider(
  state: EmulatorState,
  request: Request,
  url: URL,
  subpath: string,
): Promise<Response> {
  const match = /^\/oauth\/([^/]+)\/authorize\/?$/.exec(subpath);
  if (!match) return errorPage(`Unknown mock provider route: ${subpath}`);
  const providerId = decodeURIComponent(match[1] ?? "");

  if (request.method === "GET") {
    const params = Object.fromEntries(url.searchParams) as Params;
    const problem = invalidRequest(providerId, params);
    return problem ? errorPage(problem) : htmlResponse(200, page(state, providerId, params));
  }
  if (request.method !== "POST") return errorPage(`Method ${request.method} is not allowed here.`);

  const params = await readForm(request);
  const problem = invalidRequest(providerId, params);
  if (problem) return errorPage(problem);
  const back = new URL(params.redirect_uri ?? "");
  if (params.action === "cancel") {
    back.searchParams.set("error", "access_denied");
    back.searchParams.set("error_description", "End-User aborted interaction");
  } else {
    const email = (params.email ?? "").trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      return htmlResponse(400, page(state, providerId, params, "Enter a valid email address."));
    }
    const code = randomBase64Url(32);
    state.store.providerCodes.set(code, {
      code,
      providerId,
      email,
      redirectUri: params.redirect_uri ?? "",
      codeChallenge: params.code_challenge ?? "",
      codeChallengeMethod: params.code_challenge_method ?? "",
      expiresAtMillis: state.clock.now() + PROVIDER_CODE_LIFETIME_MS,
      used: false,
    });
    back.searchParams.set("code", code);
  }
  back.searchParams.set("state", params.state ?? "");
  back.searchParams.set("iss", url.origin);
  return redirect(back.toString());
}

/**
 * The provider's token endpoint, as Stack's callback uses it: redeems an inner code once, checking the
 * provider, redirect URI and PKCE verifier. Returns the signed-in email, or null for a bad code.
 */
export async function redeemProviderCode(
  state: EmulatorState,
  input: { code: string; providerId: string; redirectUri: string; codeVerifier: string },
): Promise<string | null> {
  const record = state.store.providerCodes.get(input.code);
  if (!record || record.used || record.expiresAtMillis < state.clock.now()) return null;
  record.used = true;
  if (record.providerId !== input.providerId || record.redirectUri !== input.redirectUri) return null;
  const challenge = await pkceChallenge(input.codeVerifier, record.codeChallengeMethod);
  return challenge === record.codeChallenge ? record.email : null;
}

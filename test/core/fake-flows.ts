// The sign-in flows' endpoints for the MSW fake of fake-stack.ts (CLIENT-API.md §3–§5, §7, §8 and the golden
// recordings), for the flows the emulator does not serve yet. It checks what the client sends the way the
// backend does (code lengths, PKCE, redirect URI, one-time codes) and keeps the "mails" it would send.
import { createHash, randomBytes } from "node:crypto";
import { HttpResponse } from "msw";
import { type FakeStack, knownError, PROJECT_ID, PUBLISHABLE_KEY, textError } from "./fake-stack.js";

type Json = Record<string, unknown>;
type User = FakeStack["users"] extends Map<string, infer U> ? U : never;

export const CALLBACK = "http://localhost:3000/handler";
const PLACEHOLDER_RP = "THIS_VALUE_WILL_BE_REPLACED.example.com";
const base32 = (n: number) =>
  Array.from(randomBytes(n), (b) => "abcdefghijklmnopqrstuvwxyz234567"[b % 32]).join("");
const s256 = (verifier: string) => createHash("sha256").update(verifier).digest("base64url");

const notFound = () =>
  knownError("VERIFICATION_CODE_NOT_FOUND", 404, "The verification code does not exist for this project.");
const alreadyUsed = () =>
  knownError("VERIFICATION_CODE_ALREADY_USED", 409, "The verification link has already been used.");
const notWhitelisted = () =>
  knownError(
    "REDIRECT_URL_NOT_WHITELISTED",
    400,
    "Redirect URL not whitelisted. Did you forget to add this domain to the trusted domains list on the Stack Auth dashboard?",
  );
const noUser = () =>
  knownError(
    "CANNOT_GET_OWN_USER_WITHOUT_USER",
    400,
    "You have specified 'me' as a userId, but did not provide authentication for a user.",
  );
const schemaError = (problem: string) => {
  const message = `Request validation failed:\n  - ${problem}`;
  return knownError("SCHEMA_ERROR", 400, message, { message });
};

interface Mail {
  to: string;
  kind: "otp" | "reset" | "verification";
  /** the 45-char code of the link */
  code: string;
  /** the 6-char code shown in the mail (OTP mails only), upper-case */
  otp?: string;
  link: string;
}

interface OAuthGrant {
  redirectUri: string;
  challenge: string;
  email: string;
  anonymousUserId?: string;
}

export function addFlows(fake: FakeStack) {
  const mails: Mail[] = [];
  const codes = new Map<string, { kind: Mail["kind"]; email: string; used: boolean }>();
  const mfa = new Map<string, string>(); // user id → the TOTP that works
  const attempts = new Map<string, string>(); // attempt code → user id
  const verified = new Set<string>(); // user ids whose primary email is verified
  const passkeys = new Map<string, string>(); // credential id → user id
  const challenges = new Set<string>();
  /** authorize calls by state: what the client sent */
  const authorizations = new Map<string, URLSearchParams>();
  const oauthCodes = new Map<string, OAuthGrant & { used: boolean }>();

  const userByEmail = (email: string) => [...fake.users.values()].find((u) => u.email === email);

  const issueCode = (kind: Mail["kind"], email: string, callback: string) => {
    const code = base32(45);
    codes.set(code, { kind, email, used: false });
    const link = `${callback}?code=${code}`;
    mails.push({
      to: email,
      kind,
      code,
      link,
      ...(kind === "otp" ? { otp: code.slice(0, 6).toUpperCase() } : {}),
    });
    return code;
  };

  /** Looks a code of `kind` up like the server: 45 chars, lower-cased, one use. */
  const takeCode = (kind: Mail["kind"], raw: unknown, consume: boolean) => {
    const code = String(raw ?? "").toLowerCase();
    if (code.length !== 45) return { error: schemaError("body.code must be exactly 45 characters") };
    const entry = codes.get(code);
    if (!entry || entry.kind !== kind) return { error: notFound() };
    if (entry.used) return { error: alreadyUsed() };
    if (consume) entry.used = true;
    return { entry };
  };

  /** Tokens for `user`, or the MFA error when they have TOTP (§8). */
  const signedIn = (user: User, isNewUser: boolean) => {
    if (mfa.has(user.id)) {
      const attempt = base32(45);
      attempts.set(attempt, user.id);
      return knownError(
        "MULTI_FACTOR_AUTHENTICATION_REQUIRED",
        400,
        "Multi-factor authentication is required for this user.",
        { attempt_code: attempt },
      );
    }
    return HttpResponse.json({ ...fake.startSession(user.id), is_new_user: isNewUser });
  };

  const passwordRule = (password: unknown) => {
    const p = String(password ?? "");
    if (p.length < 8)
      return knownError("PASSWORD_TOO_SHORT", 400, "Password too short. Minimum length is 8.", {
        min_length: 8,
      });
    if (p.length > 70)
      return knownError("PASSWORD_TOO_LONG", 400, "Password too long. Maximum length is 70.", {
        maxLength: 70,
      });
    return undefined;
  };

  fake.grants.authorization_code = ({ body }) => {
    if (body.client_id !== PROJECT_ID || body.client_secret !== PUBLISHABLE_KEY) {
      return knownError(
        "INVALID_OAUTH_CLIENT_ID_OR_SECRET",
        400,
        "The OAuth client ID or secret is invalid.",
      );
    }
    const grant = oauthCodes.get(String(body.code));
    const invalid = () =>
      knownError("INVALID_AUTHORIZATION_CODE", 400, "The given authorization code is invalid.");
    if (!grant || grant.used || s256(String(body.code_verifier)) !== grant.challenge) return invalid();
    grant.used = true;
    if (body.redirect_uri !== grant.redirectUri) {
      return textError(
        400,
        "Invalid redirect URI. Your redirect URI must be the same as the one used to get the authorization code.",
      );
    }
    const existing = userByEmail(grant.email);
    const user =
      existing ??
      (grant.anonymousUserId ? fake.users.get(grant.anonymousUserId) : undefined) ??
      fake.createUser(grant.email, "");
    const isNewUser = !existing;
    Object.assign(user, { email: grant.email, is_anonymous: false });
    if (mfa.has(user.id)) return signedIn(user, false);
    const { access_token, refresh_token } = fake.startSession(user.id);
    return HttpResponse.json(
      {
        access_token,
        token_type: "Bearer",
        expires_in: 3600,
        refresh_token,
        scope: "legacy",
        newUser: isNewUser,
        is_new_user: isNewUser,
        afterCallbackRedirectUrl: null,
        after_callback_redirect_url: null,
      },
      { headers: { pragma: "no-cache", "cache-control": "no-store" } },
    );
  };

  const handlers = [
    // §4 OTP / magic link
    fake.route("post", "/auth/otp/send-sign-in-code", ({ body }) => {
      if (!String(body.callback_url).startsWith("http://localhost:3000/")) return notWhitelisted();
      const code = issueCode("otp", String(body.email), String(body.callback_url));
      return HttpResponse.json({ nonce: code.slice(6) });
    }),
    fake.route("post", "/auth/otp/sign-in", ({ body, user }) => {
      const { entry, error } = takeCode("otp", body.code, true);
      if (error) return error;
      const existing = userByEmail(entry.email);
      // An anonymous session is upgraded in place (§4, §11).
      const target = existing ?? (user?.is_anonymous ? user : fake.createUser(entry.email, ""));
      Object.assign(target, { email: entry.email, is_anonymous: false });
      verified.add(target.id);
      return signedIn(target, !existing);
    }),
    fake.route("post", "/auth/otp/sign-in/check-code", ({ body }) => {
      const { error } = takeCode("otp", body.code, false);
      return error ?? HttpResponse.json({ is_code_valid: true });
    }),

    // §3 password reset
    fake.route("post", "/auth/password/send-reset-code", ({ body }) => {
      const email = String(body.email);
      if (userByEmail(email)) {
        if (!String(body.callback_url).startsWith("http://localhost:3000/")) return notWhitelisted();
        issueCode("reset", email, String(body.callback_url));
      }
      return HttpResponse.json({ success: "maybe, only if user with e-mail exists" });
    }),
    fake.route("post", "/auth/password/reset/check-code", ({ body }) => {
      const { error } = takeCode("reset", body.code, false);
      return error ?? HttpResponse.json({ is_code_valid: true });
    }),
    fake.route("post", "/auth/password/reset", ({ body }) => {
      // The code is used up before the password rule runs (§3, case 26).
      const { entry, error } = takeCode("reset", body.code, true);
      if (error) return error;
      const bad = passwordRule(body.password);
      if (bad) return bad;
      const user = userByEmail(entry.email);
      if (user) {
        user.password = String(body.password);
        for (const [token, id] of fake.sessions) if (id === user.id) fake.sessions.delete(token);
      }
      return HttpResponse.json({ success: true });
    }),

    // §7 contact channels
    fake.route("get", "/contact-channels", ({ request, user }) => {
      if (new URL(request.url).searchParams.get("user_id") !== "me" || !user) return noUser();
      const items = user.is_anonymous
        ? []
        : [
            {
              user_id: user.id,
              id: `cc-${user.id}`,
              type: "email",
              value: user.email,
              is_primary: true,
              is_verified: verified.has(user.id),
              used_for_auth: true,
            },
          ];
      return HttpResponse.json({ items, is_paginated: false });
    }),
    fake.route("post", "/contact-channels/me/:id/send-verification-code", ({ request, user, body }) => {
      if (!user) return noUser();
      if (new URL(request.url).pathname.split("/")[5] !== `cc-${user.id}`) {
        return textError(400, "Contact channel not found");
      }
      if (verified.has(user.id))
        return knownError("EMAIL_ALREADY_VERIFIED", 409, "The e-mail is already verified.");
      if (!String(body.callback_url).startsWith("http://localhost:3000/")) return notWhitelisted();
      issueCode("verification", user.email, String(body.callback_url));
      return HttpResponse.json({ success: true });
    }),
    fake.route("post", "/contact-channels/verify", ({ body }) => {
      const { entry, error } = takeCode("verification", body.code, true);
      if (error) return error;
      const user = userByEmail(entry.email);
      if (user) verified.add(user.id);
      return HttpResponse.json({ success: true });
    }),
    fake.route("post", "/contact-channels/verify/check-code", ({ body }) => {
      const { error } = takeCode("verification", body.code, false);
      return error ?? HttpResponse.json({ is_code_valid: true });
    }),

    // §8 MFA
    fake.route("post", "/auth/mfa/sign-in", ({ body }) => {
      const userId = attempts.get(String(body.code));
      if (!userId) return notFound();
      if (body.type !== "totp" || body.totp !== mfa.get(userId)) {
        return knownError("INVALID_TOTP_CODE", 400, "The TOTP code is invalid. Please try again.");
      }
      attempts.delete(String(body.code));
      return HttpResponse.json({ ...fake.startSession(userId), is_new_user: false });
    }),

    // §8 passkeys
    fake.route("post", "/auth/passkey/initiate-passkey-authentication", () => {
      const code = base32(45);
      challenges.add(code);
      return HttpResponse.json({
        options_json: {
          allowCredentials: [],
          challenge: "Y2hhbGxlbmdlLWF1dGg",
          rpId: PLACEHOLDER_RP,
          timeout: 60000,
          userVerification: "preferred",
        },
        code,
      });
    }),
    fake.route("post", "/auth/passkey/sign-in", ({ body }) => {
      const response = body.authentication_response as Json | undefined;
      const userId = passkeys.get(String(response?.id));
      if (!challenges.delete(String(body.code)) || !userId) {
        return knownError("PASSKEY_AUTHENTICATION_FAILED", 400, "Passkey not found");
      }
      const user = fake.users.get(userId);
      return user ? signedIn(user, false) : notFound();
    }),
    fake.route("post", "/auth/passkey/initiate-passkey-registration", ({ user }) => {
      if (!user) return schemaError("auth.user must be defined");
      const code = base32(45);
      challenges.add(code);
      return HttpResponse.json({
        options_json: {
          rp: { id: PLACEHOLDER_RP, name: "Test Project" },
          user: { id: Buffer.from(user.id).toString("base64url"), name: user.email, displayName: user.email },
          challenge: "Y2hhbGxlbmdlLXJlZw",
          pubKeyCredParams: [
            { alg: -8, type: "public-key" },
            { alg: -7, type: "public-key" },
            { alg: -257, type: "public-key" },
          ],
          timeout: 60000,
          attestation: "none",
          excludeCredentials: [],
          authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
        },
        code,
      });
    }),
    fake.route("post", "/auth/passkey/register", ({ body, user }) => {
      const credential = body.credential as Json | undefined;
      if (!user) return schemaError("auth.user must be defined");
      if (!challenges.delete(String(body.code)) || typeof credential?.id !== "string") {
        return knownError("PASSKEY_REGISTRATION_FAILED", 400, "Registration failed");
      }
      passkeys.set(credential.id, user.id);
      return HttpResponse.json({ user_handle: credential.id });
    }),

    // §5 OAuth authorize (json mode); the token grant is `fake.grants.authorization_code` above
    fake.route(
      "get",
      "/auth/oauth/authorize/:provider",
      ({ request }) => {
        const url = new URL(request.url);
        const q = url.searchParams;
        if (url.pathname.split("/").pop() !== "github") {
          return knownError(
            "OAUTH_PROVIDER_NOT_FOUND_OR_NOT_ENABLED",
            400,
            "The OAuth provider is not found or not enabled.",
          );
        }
        if (q.get("client_id") !== PROJECT_ID) {
          return knownError(
            "INVALID_OAUTH_CLIENT_ID_OR_SECRET",
            400,
            "The OAuth client ID or secret is invalid.",
            {
              client_id: q.get("client_id"),
            },
          );
        }
        if (q.get("client_secret") !== PUBLISHABLE_KEY) {
          return knownError(
            "INVALID_PUBLISHABLE_CLIENT_KEY",
            401,
            "The publishable key is not valid for the project.",
            {
              project_id: PROJECT_ID,
            },
          );
        }
        authorizations.set(String(q.get("state")), q);
        return HttpResponse.json({
          location: `https://provider.test/authorize?state=inner-${q.get("state")}`,
        });
      },
      { stackHeaders: false },
    ),
  ];

  return {
    handlers,
    mails,
    /** The last mail of `kind` to `to`. */
    lastMail: (to: string, kind: Mail["kind"]) => mails.filter((m) => m.to === to && m.kind === kind).pop(),
    /** Gives the user a TOTP second factor: their sign-ins then need `totp`. */
    requireMfa: (userId: string, totp = "123456") => mfa.set(userId, totp),
    /** The query of the authorize call for `state` (what the client sent). */
    authorization: (state: string) => authorizations.get(state),
    /** The last authorize call. */
    lastAuthorization: () => [...authorizations.values()].pop(),
    /**
     * What the browser lands on after the provider: `<redirect_uri>?code=…&state=…` (303 from Stack's callback,
     * §5.2) for the authorize call with `state`, signing in `email`.
     */
    oauthCallback(state: string, email = "oauthuser@example.test") {
      const q = authorizations.get(state);
      if (!q) throw new Error(`no authorize call for state ${state}`);
      const code = base32(64);
      const token = q.get("token");
      oauthCodes.set(code, {
        redirectUri: String(q.get("redirect_uri")),
        challenge: String(q.get("code_challenge")),
        email,
        anonymousUserId: token ? fake.accessTokens.get(token)?.userId : undefined,
        used: false,
      });
      const url = new URL(String(q.get("redirect_uri")));
      url.searchParams.set("code", code);
      url.searchParams.set("state", state);
      return url.href;
    },
    /** Stack's error redirect (§5.2) to the redirect URI of the authorize call with `state`. */
    oauthErrorCallback(state: string, errorCode: string, message: string, details: Json = {}) {
      const url = new URL(String(authorizations.get(state)?.get("redirect_uri")));
      url.searchParams.set("error", "server_error");
      url.searchParams.set("error_description", message);
      url.searchParams.set("errorCode", errorCode);
      url.searchParams.set("message", message);
      url.searchParams.set("details", JSON.stringify(details));
      return url.href;
    },
  };
}

import { assertNoMfaRequired } from "../accounts.js";
import { CODE_FIELD, CODE_KIND, redeemCode } from "../codes.js";
import { requireSchemaUser } from "../current-user.js";
import { base64UrlDecode, utf8 } from "../encoding.js";
import { knownErrors } from "../http/known-errors.js";
import { jsonResponse } from "../http/responses.js";
import { validateBody } from "../http/validate.js";
import type { Route, RouteContext } from "../router.js";
import { startSession } from "../session-tokens.js";
import type { UserRecord } from "../store.js";
import { isTrustedUrl } from "../trusted-urls.js";

// Passkeys (CLIENT-API §8), verified with @simplewebauthn/server 13 like the cloud. The library is an
// optional peer (2+ MB that an app using the kit should not install for nothing), loaded on first use so
// other flows (and browsers running the emulator in MSW) never pay for it.

type WebAuthnServer = typeof import("@simplewebauthn/server");
let webAuthnServer: Promise<WebAuthnServer> | undefined;
const loadWebAuthnServer = (): Promise<WebAuthnServer> => {
  webAuthnServer ??= import("@simplewebauthn/server").catch((cause: unknown) => {
    webAuthnServer = undefined;
    throw new Error(
      "The emulator verifies passkeys with @simplewebauthn/server: `npm install -D @simplewebauthn/server@13`.",
      { cause },
    );
  });
  return webAuthnServer;
};

/** The cloud has no RP id of its own; clients replace this with `location.hostname`. */
const RP_ID_PLACEHOLDER = "THIS_VALUE_WILL_BE_REPLACED.example.com";
const CEREMONY_TIMEOUT_MS = 60_000;
/** Challenges live a little longer than the ceremony (65 s). */
const CHALLENGE_LIFETIME_MS = CEREMONY_TIMEOUT_MS + 5_000;

function assertPasskeysEnabled(ctx: RouteContext): void {
  if (!ctx.state.options.config.passkeyEnabled) throw knownErrors.passkeyAuthenticationNotEnabled();
}

/**
 * The origin the WebAuthn response must come from: the request's `Origin` header when there is one
 * (what the browser really ran on), else the origin inside `clientDataJSON` (what the cloud uses). Null
 * when that origin is not trusted (localhost, 127.0.0.1 or a trusted domain).
 */
function expectedOrigin(ctx: RouteContext, response: unknown): string | null {
  let origin = ctx.request.headers.get("origin");
  if (!origin) {
    try {
      const encoded = (response as { response: { clientDataJSON: string } }).response.clientDataJSON;
      origin = (JSON.parse(new TextDecoder().decode(base64UrlDecode(encoded))) as { origin?: unknown })
        .origin as string;
    } catch {
      return null;
    }
  }
  return typeof origin === "string" && isTrustedUrl(origin, ctx.state.options.trustedDomains) ? origin : null;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function findPasskeyOwner(ctx: RouteContext, credentialId: unknown): UserRecord | undefined {
  if (typeof credentialId !== "string") return undefined;
  for (const user of ctx.state.store.users.values()) {
    if (user.passkeys.some((p) => p.credentialId === credentialId)) return user;
  }
  return undefined;
}

export const passkeyRoutes: Route[] = [
  {
    method: "POST",
    path: "/auth/passkey/initiate-passkey-authentication",
    auth: "required",
    async handler(ctx) {
      validateBody(ctx, {}, { required: false });
      assertPasskeysEnabled(ctx);
      const { generateAuthenticationOptions } = await loadWebAuthnServer();
      const options = await generateAuthenticationOptions({
        rpID: RP_ID_PLACEHOLDER,
        userVerification: "preferred",
        allowCredentials: [],
        timeout: CEREMONY_TIMEOUT_MS,
      });
      const { code } = ctx.state.store.createCode(
        ctx.state.clock.now(),
        CODE_KIND.passkeyAuthentication,
        CHALLENGE_LIFETIME_MS,
        { challenge: options.challenge },
      );
      return jsonResponse(200, { options_json: options, code });
    },
  },
  {
    method: "POST",
    path: "/auth/passkey/initiate-passkey-registration",
    auth: "required",
    async handler(ctx) {
      validateBody(ctx, {}, { required: false });
      const user = requireSchemaUser(ctx);
      assertPasskeysEnabled(ctx);
      const { store, options: project } = ctx.state;
      const name = user.displayName || store.primaryChannel(user.id)?.value || "Stack Auth User";
      const { generateRegistrationOptions } = await loadWebAuthnServer();
      const generated = await generateRegistrationOptions({
        rpName: project.displayName,
        rpID: RP_ID_PLACEHOLDER,
        userID: utf8(user.id) as Uint8Array<ArrayBuffer>,
        userName: name,
        userDisplayName: name,
        authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
        timeout: CEREMONY_TIMEOUT_MS,
      });
      // Like the cloud, an empty `hints` list is left out.
      const { hints, ...withoutHints } = generated;
      const options = hints && hints.length > 0 ? generated : withoutHints;
      const { code } = store.createCode(
        ctx.state.clock.now(),
        CODE_KIND.passkeyRegistration,
        CHALLENGE_LIFETIME_MS,
        {
          challenge: options.challenge,
          userHandle: options.user.id,
          userId: user.id,
        },
      );
      return jsonResponse(200, { options_json: options, code });
    },
  },
  {
    method: "POST",
    path: "/auth/passkey/register",
    auth: "required",
    async handler(ctx) {
      const body = validateBody<{ credential: unknown; code: string }>(ctx, {
        credential: { type: "any", required: true },
        code: CODE_FIELD,
      });
      const user = requireSchemaUser(ctx);
      const record = redeemCode(ctx.state, CODE_KIND.passkeyRegistration, body.code);
      assertPasskeysEnabled(ctx);
      const origin = expectedOrigin(ctx, body.credential);
      if (!origin) {
        throw knownErrors.passkeyRegistrationFailed(
          "Passkey registration failed because the origin is not allowed",
        );
      }
      const { verifyRegistrationResponse } = await loadWebAuthnServer();
      let verification: Awaited<ReturnType<WebAuthnServer["verifyRegistrationResponse"]>>;
      try {
        verification = await verifyRegistrationResponse({
          response: body.credential as Parameters<
            WebAuthnServer["verifyRegistrationResponse"]
          >[0]["response"],
          expectedChallenge: String(record.data.challenge),
          expectedOrigin: origin,
          expectedRPID: new URL(origin).hostname,
          expectedType: "webauthn.create",
          requireUserVerification: false,
        });
      } catch (error) {
        throw knownErrors.passkeyRegistrationFailed(errorMessage(error));
      }
      if (!verification.verified || !verification.registrationInfo) {
        throw knownErrors.passkeyRegistrationFailed(
          "Passkey registration failed because the verification response is invalid",
        );
      }
      const { credential } = verification.registrationInfo;
      // One passkey per user, like the cloud: a new registration replaces the old one.
      user.passkeys = [
        {
          credentialId: credential.id,
          publicKey: credential.publicKey,
          counter: credential.counter,
          transports: credential.transports ?? [],
        },
      ];
      return jsonResponse(200, { user_handle: credential.id });
    },
  },
  {
    method: "POST",
    path: "/auth/passkey/sign-in",
    auth: "required",
    async handler(ctx) {
      const body = validateBody<{ authentication_response: unknown; code: string }>(ctx, {
        authentication_response: { type: "any", required: true },
        code: CODE_FIELD,
      });
      const record = redeemCode(ctx.state, CODE_KIND.passkeyAuthentication, body.code);
      assertPasskeysEnabled(ctx);
      const response = body.authentication_response as { id?: unknown };
      const user = findPasskeyOwner(ctx, response?.id);
      const passkey = user?.passkeys.find((p) => p.credentialId === response.id);
      if (!user || !passkey) throw knownErrors.passkeyAuthenticationFailed("Passkey not found");
      const origin = expectedOrigin(ctx, response);
      if (!origin) {
        throw knownErrors.passkeyAuthenticationFailed(
          "Passkey authentication failed because the origin is not allowed",
        );
      }
      const { verifyAuthenticationResponse } = await loadWebAuthnServer();
      let verification: Awaited<ReturnType<WebAuthnServer["verifyAuthenticationResponse"]>>;
      try {
        verification = await verifyAuthenticationResponse({
          response: response as Parameters<WebAuthnServer["verifyAuthenticationResponse"]>[0]["response"],
          expectedChallenge: String(record.data.challenge),
          expectedOrigin: origin,
          expectedRPID: new URL(origin).hostname,
          credential: {
            id: passkey.credentialId,
            publicKey: passkey.publicKey as Uint8Array<ArrayBuffer>,
            counter: passkey.counter,
          },
          requireUserVerification: false,
        });
      } catch (error) {
        throw knownErrors.passkeyAuthenticationFailed(errorMessage(error));
      }
      if (!verification.verified) {
        throw knownErrors.passkeyAuthenticationFailed(
          "The signature of the authentication response could not be verified with the stored public key tied to this credential ID",
        );
      }
      passkey.counter = verification.authenticationInfo.newCounter;
      assertNoMfaRequired(ctx.state, user, false);
      const tokens = await startSession(ctx, user);
      return jsonResponse(200, {
        refresh_token: tokens.refresh_token,
        access_token: tokens.access_token,
        is_new_user: false,
        user_id: user.id,
      });
    },
  },
];

import { jsonResponse, textResponse } from "../http/responses.js";
import type { Route } from "../router.js";

/** `GET /projects/current` (§10) and the project's public keys (§2.1). */
export const projectRoutes: Route[] = [
  {
    method: "GET",
    path: "/projects/current",
    auth: "required",
    handler({ state }) {
      const { options } = state;
      const { config } = options;
      return jsonResponse(200, {
        id: options.projectId,
        display_name: options.displayName,
        config: {
          sign_up_enabled: config.signUpEnabled,
          credential_enabled: config.credentialEnabled,
          magic_link_enabled: config.magicLinkEnabled,
          passkey_enabled: config.passkeyEnabled,
          client_team_creation_enabled: config.clientTeamCreationEnabled,
          client_user_deletion_enabled: config.clientUserDeletionEnabled,
          allow_user_api_keys: config.allowUserApiKeys,
          allow_team_api_keys: config.allowTeamApiKeys,
          enabled_oauth_providers: config.oauthProviders.map((id) => ({ id })),
          domains: options.trustedDomains.map((d) => ({ domain: d.domain, handler_path: d.handlerPath })),
        },
      });
    },
  },
  {
    method: "GET",
    path: "/projects/:projectId/.well-known/jwks.json",
    auth: "optional",
    async handler({ state, params, url }) {
      if (params.projectId !== state.options.projectId) return textResponse(404, "Project not found.");
      const keys = await state.keys.jwks({
        includeRestricted: url.searchParams.get("include_restricted") === "true",
        includeAnonymous: url.searchParams.get("include_anonymous") === "true",
      });
      return jsonResponse(200, { keys });
    },
  },
];

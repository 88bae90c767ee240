import type { StackClient } from "../client.js";

export interface Project {
  id: string;
  displayName: string;
  config: {
    signUpEnabled: boolean;
    credentialEnabled: boolean;
    magicLinkEnabled: boolean;
    passkeyEnabled: boolean;
    clientTeamCreationEnabled: boolean;
    clientUserDeletionEnabled: boolean;
    allowUserApiKeys: boolean;
    allowTeamApiKeys: boolean;
    /** Provider ids from `enabled_oauth_providers` (§10), e.g. ["github", "google"]. */
    oauthProviders: string[];
    domains: { domain: string; handlerPath: string }[];
  };
}

// biome-ignore lint/suspicious/noExplicitAny: wire JSON, mapped field by field below
type Wire = Record<string, any>;

/**
 * `GET /projects/current` (§10). Sent without session tokens: it needs no user, and this way showing the
 * sign-in page never waits for (or triggers) a token refresh.
 */
export async function getProject(
  client: Pick<StackClient, "request">,
  options?: { signal?: AbortSignal },
): Promise<Project> {
  const p = await client.request<Wire>("/projects/current", { signal: options?.signal, auth: false });
  const c: Wire = p.config ?? {};
  return {
    id: p.id,
    displayName: p.display_name,
    config: {
      signUpEnabled: c.sign_up_enabled,
      credentialEnabled: c.credential_enabled,
      magicLinkEnabled: c.magic_link_enabled,
      passkeyEnabled: c.passkey_enabled,
      clientTeamCreationEnabled: c.client_team_creation_enabled,
      clientUserDeletionEnabled: c.client_user_deletion_enabled,
      allowUserApiKeys: c.allow_user_api_keys,
      allowTeamApiKeys: c.allow_team_api_keys,
      oauthProviders: (c.enabled_oauth_providers ?? []).map((o: Wire) => o.id),
      domains: (c.domains ?? []).map((d: Wire) => ({ domain: d.domain, handlerPath: d.handler_path })),
    },
  };
}

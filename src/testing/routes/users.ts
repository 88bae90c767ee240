import { requireUser } from "../current-user.js";
import { StatusError } from "../http/errors.js";
import { knownErrors } from "../http/known-errors.js";
import { jsonResponse } from "../http/responses.js";
import { validateBody } from "../http/validate.js";
import type { Route, RouteContext } from "../router.js";
import type { UserRecord } from "../store.js";
import { clientUserJson } from "../user-view.js";

interface UserPatch {
  display_name?: string | null;
  profile_image_url?: string | null;
  client_metadata?: unknown;
  selected_team_id?: string | null;
  totp_secret_base64?: string | null;
  otp_auth_enabled?: boolean;
  passkey_auth_enabled?: boolean;
  primary_email?: string | null;
}

// Clients may only upload images as data URLs; the cloud stores them and returns a hosted URL,
// the emulator keeps the data URL itself.
const DATA_IMAGE_URL = /^data:image\/(png|jpg|jpeg|gif|bmp|webp);base64,[A-Za-z0-9+/]+=*$/;

function userResponse(ctx: RouteContext, user: UserRecord): Response {
  return jsonResponse(200, clientUserJson(ctx.state.store, ctx.state.options.config, user));
}

function applyPrimaryEmail(ctx: RouteContext, user: UserRecord, email: string | null): void {
  const { store } = ctx.state;
  const current = store.primaryChannel(user.id);
  if (email === null) {
    if (current) current.isPrimary = false;
    return;
  }
  if (current && current.value.toLowerCase() === email.toLowerCase()) return;
  const usedForAuth = current?.usedForAuth ?? true;
  const owner = store.findAuthChannel(email);
  if (usedForAuth && owner && owner.userId !== user.id)
    throw knownErrors.userEmailAlreadyExists(email, false);
  // The old address is demoted, not deleted (CLIENT-API §6).
  const existing = store.channelsOf(user.id).find((c) => c.value.toLowerCase() === email.toLowerCase());
  if (current) current.isPrimary = false;
  if (existing) {
    existing.isPrimary = true;
  } else {
    store.addChannel(ctx.state.clock.now(), {
      userId: user.id,
      type: "email",
      value: email,
      isPrimary: true,
      isVerified: false,
      usedForAuth,
    });
  }
}

/** `GET | PATCH | DELETE /users/me` (CLIENT-API §6). */
export const userRoutes: Route[] = [
  {
    method: "GET",
    path: "/users/me",
    auth: "required",
    handler: (ctx) => userResponse(ctx, requireUser(ctx)),
  },
  {
    method: "PATCH",
    path: "/users/me",
    auth: "required",
    handler(ctx) {
      const patch = validateBody<UserPatch>(ctx, {
        display_name: { type: "string", nullable: true },
        profile_image_url: { type: "string", nullable: true },
        client_metadata: { type: "any", nullable: true },
        selected_team_id: { type: "string", nullable: true },
        totp_secret_base64: { type: "string", nullable: true, base64: true },
        otp_auth_enabled: { type: "boolean" },
        passkey_auth_enabled: { type: "boolean" },
        primary_email: { type: "string", nullable: true, email: true },
      });
      const user = requireUser(ctx);
      const { store } = ctx.state;

      if (typeof patch.profile_image_url === "string" && !DATA_IMAGE_URL.test(patch.profile_image_url)) {
        throw new StatusError(400, "Invalid profile image URL");
      }
      if (typeof patch.selected_team_id === "string") {
        const teamId = patch.selected_team_id;
        if (!store.memberships.some((m) => m.teamId === teamId && m.userId === user.id)) {
          throw knownErrors.teamMembershipNotFound(teamId, user.id);
        }
      }
      if (patch.primary_email !== undefined) applyPrimaryEmail(ctx, user, patch.primary_email);

      if (patch.display_name !== undefined)
        user.displayName = patch.display_name === "" ? null : patch.display_name;
      if (patch.profile_image_url !== undefined) user.profileImageUrl = patch.profile_image_url;
      if (patch.client_metadata !== undefined) user.clientMetadata = patch.client_metadata;
      if (patch.selected_team_id !== undefined) user.selectedTeamId = patch.selected_team_id;
      if (patch.totp_secret_base64 !== undefined) user.totpSecretBase64 = patch.totp_secret_base64;
      if (patch.otp_auth_enabled !== undefined) user.otpAuthEnabled = patch.otp_auth_enabled;
      // `passkey_auth_enabled` is derived from having a passkey: false deletes them, true changes nothing.
      if (patch.passkey_auth_enabled === false) user.passkeys = [];
      return userResponse(ctx, user);
    },
  },
  {
    method: "DELETE",
    path: "/users/me",
    auth: "required",
    handler(ctx) {
      const user = requireUser(ctx);
      if (!ctx.state.options.config.clientUserDeletionEnabled) {
        throw new StatusError(400, "Client user deletion is not enabled for this project");
      }
      ctx.state.store.deleteUser(user.id);
      return jsonResponse(200, { success: true });
    },
  },
];

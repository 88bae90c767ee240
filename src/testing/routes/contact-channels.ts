import { assertTrustedCallback } from "../accounts.js";
import { CODE_FIELD, CODE_KIND, checkCode, redeemCode } from "../codes.js";
import { requireOwnUserId, requireSchemaUser } from "../current-user.js";
import { sendVerificationEmail } from "../emails.js";
import { StatusError } from "../http/errors.js";
import { knownErrors } from "../http/known-errors.js";
import { jsonResponse } from "../http/responses.js";
import { validateBody, validateQuery } from "../http/validate.js";
import type { Route, RouteContext } from "../router.js";
import type { ContactChannelRecord, UserRecord } from "../store.js";

/** Client view of a contact channel, keys in the cloud's order (golden case 39). */
export function contactChannelJson(channel: ContactChannelRecord): Record<string, unknown> {
  return {
    user_id: channel.userId,
    id: channel.id,
    type: channel.type,
    value: channel.value,
    is_primary: channel.isPrimary,
    is_verified: channel.isVerified,
    used_for_auth: channel.usedForAuth,
  };
}

const forbidden = (action: string) => (): never => {
  throw new StatusError(403, `Client can only ${action} contact channels for their own user.`);
};

function sameValue(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** An auth channel with this address owned by another channel than `except` (any user). */
function assertNotUsedForAuthElsewhere(
  ctx: RouteContext,
  value: string,
  except?: ContactChannelRecord,
): void {
  const owner = ctx.state.store.findAuthChannel(value);
  if (owner && owner !== except) {
    throw knownErrors.contactChannelAlreadyUsedForAuthBySomeoneElse("email", value);
  }
}

function ownChannel(ctx: RouteContext, user: UserRecord): ContactChannelRecord | undefined {
  const channel = ctx.state.store.channels.get(ctx.params.channelId ?? "");
  return channel?.userId === user.id ? channel : undefined;
}

interface CreateBody {
  user_id: string;
  type: "email";
  value: string;
  used_for_auth: boolean;
  is_primary?: boolean;
}

interface UpdateBody {
  value?: string;
  type?: "email";
  used_for_auth?: boolean;
  is_primary?: boolean;
}

/** Contact channels and email verification (CLIENT-API §7; golden case 39). */
export const contactChannelRoutes: Route[] = [
  {
    method: "GET",
    path: "/contact-channels",
    auth: "required",
    handler(ctx) {
      const query = validateQuery<{ user_id?: string; contact_channel_id?: string }>(ctx, {
        user_id: { type: "string" },
        contact_channel_id: { type: "string" },
      });
      const user = requireOwnUserId(ctx, query.user_id, forbidden("list"));
      const items = ctx.state.store
        .channelsOf(user.id)
        .filter((c) => query.contact_channel_id === undefined || c.id === query.contact_channel_id)
        .sort((a, b) => a.createdAtMillis - b.createdAtMillis)
        .map(contactChannelJson);
      return jsonResponse(200, { items, is_paginated: false });
    },
  },
  {
    method: "POST",
    path: "/contact-channels",
    auth: "required",
    handler(ctx) {
      const body = validateBody<CreateBody>(ctx, {
        user_id: { type: "string", required: true },
        type: { type: "string", required: true, oneOf: ["email"] },
        value: { type: "string", required: true, email: true },
        used_for_auth: { type: "boolean", required: true },
        is_primary: { type: "boolean" },
      });
      const user = requireOwnUserId(ctx, body.user_id, forbidden("create"));
      const { store, clock } = ctx.state;
      if (store.channelsOf(user.id).some((c) => sameValue(c.value, body.value))) {
        throw new StatusError(400, "Contact channel already exists");
      }
      if (body.used_for_auth) assertNotUsedForAuthElsewhere(ctx, body.value);
      const channel = store.addChannel(clock.now(), {
        userId: user.id,
        type: "email",
        value: body.value,
        isPrimary: body.is_primary === true,
        isVerified: false,
        usedForAuth: body.used_for_auth,
      });
      return jsonResponse(201, contactChannelJson(channel));
    },
  },
  {
    method: "POST",
    path: "/contact-channels/verify",
    auth: "required",
    handler(ctx) {
      const body = validateBody<{ code: string }>(ctx, { code: CODE_FIELD });
      const record = redeemCode(ctx.state, CODE_KIND.contactChannelVerification, body.code);
      const email = String(record.data.email);
      const channel = ctx.state.store
        .channelsOf(String(record.data.userId))
        .find((c) => sameValue(c.value, email));
      // The address was deleted (or changed) after the mail was sent.
      if (!channel)
        throw new StatusError(400, "Contact channel not found. Was your contact channel deleted?");
      channel.isVerified = true;
      return jsonResponse(200, { success: true });
    },
  },
  {
    method: "POST",
    path: "/contact-channels/verify/check-code",
    auth: "required",
    handler(ctx) {
      const body = validateBody<{ code: string }>(ctx, { code: CODE_FIELD });
      checkCode(ctx.state, CODE_KIND.contactChannelVerification, body.code);
      return jsonResponse(200, { is_code_valid: true });
    },
  },
  {
    // Deprecated, still used by the official `user.sendVerificationEmail()`: only the primary email.
    method: "POST",
    path: "/contact-channels/send-verification-code",
    auth: "required",
    handler(ctx) {
      const body = validateBody<{ email: string; callback_url: string }>(ctx, {
        email: { type: "string", required: true, email: true },
        callback_url: { type: "string", required: true, url: true },
      });
      const user = requireSchemaUser(ctx);
      const primary = ctx.state.store.primaryChannel(user.id);
      if (!primary || primary.value !== body.email) {
        throw knownErrors.emailIsNotPrimaryEmail(body.email, primary?.value ?? null);
      }
      if (primary.isVerified) throw knownErrors.emailAlreadyVerified();
      assertTrustedCallback(ctx, body.callback_url);
      sendVerificationEmail(ctx.state, primary, body.callback_url);
      return jsonResponse(200, { success: true });
    },
  },
  {
    method: "POST",
    path: "/contact-channels/:userId/:channelId/send-verification-code",
    auth: "required",
    handler(ctx) {
      const body = validateBody<{ callback_url: string }>(ctx, {
        callback_url: { type: "string", required: true, url: true },
      });
      const user = requireOwnUserId(ctx, ctx.params.userId, () => {
        throw new StatusError(400, "Can only send verification code for your own user");
      });
      const channel = ownChannel(ctx, user);
      if (!channel) throw new StatusError(404, "Contact channel not found");
      if (channel.isVerified) throw knownErrors.emailAlreadyVerified();
      assertTrustedCallback(ctx, body.callback_url);
      sendVerificationEmail(ctx.state, channel, body.callback_url);
      return jsonResponse(200, { success: true });
    },
  },
  {
    method: "GET",
    path: "/contact-channels/:userId/:channelId",
    auth: "required",
    handler(ctx) {
      const user = requireOwnUserId(ctx, ctx.params.userId, forbidden("read"));
      const channel = ownChannel(ctx, user);
      if (!channel) throw new StatusError(404, "Contact channel not found.");
      return jsonResponse(200, contactChannelJson(channel));
    },
  },
  {
    method: "PATCH",
    path: "/contact-channels/:userId/:channelId",
    auth: "required",
    handler(ctx) {
      const body = validateBody<UpdateBody>(ctx, {
        value: { type: "string", email: true },
        type: { type: "string", oneOf: ["email"] },
        used_for_auth: { type: "boolean" },
        is_primary: { type: "boolean" },
      });
      const user = requireOwnUserId(ctx, ctx.params.userId, forbidden("update"));
      const channel = ownChannel(ctx, user);
      if (!channel) throw new StatusError(400, "Contact channel not found");
      if (body.used_for_auth) assertNotUsedForAuthElsewhere(ctx, body.value ?? channel.value, channel);
      if (body.is_primary) {
        for (const other of ctx.state.store.channelsOf(user.id)) other.isPrimary = false;
      }
      if (body.value !== undefined && !sameValue(body.value, channel.value)) {
        channel.value = body.value;
        // A new address must be verified again.
        channel.isVerified = false;
      }
      if (body.used_for_auth !== undefined) channel.usedForAuth = body.used_for_auth;
      if (body.is_primary !== undefined) channel.isPrimary = body.is_primary;
      return jsonResponse(200, contactChannelJson(channel));
    },
  },
  {
    method: "DELETE",
    path: "/contact-channels/:userId/:channelId",
    auth: "required",
    handler(ctx) {
      validateBody(ctx, {}, { required: false });
      const user = requireOwnUserId(ctx, ctx.params.userId, forbidden("delete"));
      const channel = ownChannel(ctx, user);
      if (!channel) throw new StatusError(400, "Contact channel not found");
      ctx.state.store.channels.delete(channel.id);
      return jsonResponse(200, { success: true });
    },
  },
];

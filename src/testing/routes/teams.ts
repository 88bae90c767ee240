import { StatusError } from "../http/errors.js";
import { knownErrors } from "../http/known-errors.js";
import { jsonResponse } from "../http/responses.js";
import type { Route } from "../router.js";
import { clientTeamJson } from "../user-view.js";

/** `GET /teams?user_id=me` (CLIENT-API §9; golden cases 5, 35). Team management comes later. */
export const teamRoutes: Route[] = [
  {
    method: "GET",
    path: "/teams",
    auth: "required",
    handler(ctx) {
      const user = ctx.auth?.user;
      if (!user) throw knownErrors.cannotGetOwnUserWithoutUser();
      const userId = ctx.url.searchParams.get("user_id");
      if (userId !== "me" && userId !== user.id) {
        throw new StatusError(
          403,
          'Client can only list teams for their own user. user_id must be either "me" or the ID of the current user',
        );
      }
      const items = ctx.state.store.teamsOf(user.id).map(clientTeamJson);
      return jsonResponse(200, { items, is_paginated: false });
    },
  },
];

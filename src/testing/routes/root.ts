import { textResponse } from "../http/responses.js";
import { validateQuery } from "../http/validate.js";
import type { Route } from "../router.js";

/** `GET /api/v1`: the welcome text, handy as a key check (CLIENT-API §11). */
export const rootRoutes: Route[] = [
  {
    method: "GET",
    path: "",
    auth: "optional",
    handler(ctx) {
      validateQuery(ctx, {});
      let authentication = "None";
      if (ctx.auth) {
        const user = ctx.auth.user;
        const who = user ? (ctx.state.store.primaryChannel(user.id)?.value ?? user.id) : "None";
        authentication = `Client\n  Project: ${ctx.auth.projectId}\n  User: ${who}`;
      }
      return textResponse(
        200,
        `Welcome to the Stack API endpoint! Please refer to the documentation at https://docs.stack-auth.com.\n\nAuthentication: ${authentication}`,
      );
    },
  },
];

import { jsonResponse } from "../http/responses.js";
import { validateBody } from "../http/validate.js";
import type { Route } from "../router.js";
import { startSession } from "../session-tokens.js";

/** `POST /auth/anonymous/sign-up`: allowed even when sign-up is disabled (CLIENT-API §11, case 31). */
export const anonymousRoutes: Route[] = [
  {
    method: "POST",
    path: "/auth/anonymous/sign-up",
    auth: "required",
    async handler(ctx) {
      validateBody(ctx, {}, { required: false });
      const user = ctx.state.store.createUser(ctx.state.clock.now(), { isAnonymous: true });
      return jsonResponse(200, await startSession(ctx, user));
    },
  },
];

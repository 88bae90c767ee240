import { API_PREFIX } from "./constants.js";
import { parseRequestBody } from "./http/body.js";
import { knownErrors } from "./http/known-errors.js";
import { errorToResponse, finalizeApiResponse, textResponse } from "./http/responses.js";
import { resolveAuth } from "./request-auth.js";
import { matchRoute } from "./router.js";
import { apiRoutes } from "./routes/index.js";
import type { EmulatorState } from "./state.js";

/** Runs one `/api/v1` request through body parsing, header checks and its route. */
export async function handleApiRequest(state: EmulatorState, request: Request, url: URL): Promise<Response> {
  let response: Response;
  try {
    response = await runRoute(state, request, url);
  } catch (error) {
    response = errorToResponse(error);
  }
  return finalizeApiResponse(response, request);
}

async function runRoute(state: EmulatorState, request: Request, url: URL): Promise<Response> {
  const pathname = url.pathname.length > API_PREFIX.length ? url.pathname.replace(/\/+$/, "") : API_PREFIX;
  const match = matchRoute(apiRoutes, request.method, pathname.slice(API_PREFIX.length));
  if (match.kind === "not-found") {
    return textResponse(404, `${request.method} ${pathname} is not an endpoint of the Stack API emulator.`);
  }
  if (match.kind === "method-not-allowed") {
    return textResponse(405, `Method ${request.method} is not allowed on ${pathname}.`);
  }
  const body = await parseRequestBody(request);
  const auth = await resolveAuth(state, request.headers);
  if (match.route.auth === "required" && !auth) throw knownErrors.accessTypeRequired();
  return match.route.handler({ state, request, url, pathname, params: match.params, body, auth });
}

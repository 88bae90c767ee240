import type { Route } from "../router.js";
import { anonymousRoutes } from "./anonymous.js";
import { oauthTokenRoutes } from "./oauth-token.js";
import { passwordRoutes } from "./password.js";
import { projectRoutes } from "./projects.js";
import { rootRoutes } from "./root.js";
import { sessionRoutes } from "./sessions.js";
import { teamRoutes } from "./teams.js";
import { userRoutes } from "./users.js";

/** Every `/api/v1` route of the emulator; each area lives in its own file. */
export const apiRoutes: readonly Route[] = [
  ...rootRoutes,
  ...projectRoutes,
  ...userRoutes,
  ...passwordRoutes,
  ...anonymousRoutes,
  ...sessionRoutes,
  ...oauthTokenRoutes,
  ...teamRoutes,
];

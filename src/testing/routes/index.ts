import type { Route } from "../router.js";
import { anonymousRoutes } from "./anonymous.js";
import { contactChannelRoutes } from "./contact-channels.js";
import { mfaRoutes } from "./mfa.js";
import { oauthRoutes } from "./oauth.js";
import { oauthTokenRoutes } from "./oauth-token.js";
import { otpRoutes } from "./otp.js";
import { passkeyRoutes } from "./passkeys.js";
import { passwordRoutes } from "./password.js";
import { passwordResetRoutes } from "./password-reset.js";
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
  ...passwordResetRoutes,
  ...otpRoutes,
  ...mfaRoutes,
  ...passkeyRoutes,
  ...anonymousRoutes,
  ...sessionRoutes,
  ...oauthTokenRoutes,
  ...oauthRoutes,
  ...contactChannelRoutes,
  ...teamRoutes,
];

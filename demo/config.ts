import { LOCAL_PROJECT_ID, LOCAL_PUBLISHABLE_CLIENT_KEY } from "../src/testing/defaults.js";

// With no VITE_STACK_* variables the demo talks to the emulator that `npm run dev` mounts on its own
// origin; with them, to the real Stack cloud (or any Stack-compatible API at VITE_STACK_API_URL).
const env = import.meta.env;
const projectId: string | undefined = env.VITE_STACK_PROJECT_ID;

export const stackConfig = projectId
  ? {
      projectId,
      publishableClientKey: env.VITE_STACK_PUBLISHABLE_CLIENT_KEY as string | undefined,
      baseUrl: (env.VITE_STACK_API_URL as string | undefined) ?? "https://api.stack-auth.com",
    }
  : {
      projectId: LOCAL_PROJECT_ID,
      publishableClientKey: LOCAL_PUBLISHABLE_CLIENT_KEY,
      baseUrl: (env.VITE_STACK_API_URL as string | undefined) ?? window.location.origin,
    };

export const usingEmulator = !projectId;

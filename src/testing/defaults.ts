// Defaults of the emulator that apps and stories may import without pulling in the emulator itself
// (this file has no dependencies), e.g. to point a client at the emulator.

/** Project id the emulator serves unless told otherwise (a valid UUID, like cloud project ids). */
export const LOCAL_PROJECT_ID = "00000000-0000-4000-8000-000000000001";

/** Publishable client key the emulator accepts unless told otherwise. */
export const LOCAL_PUBLISHABLE_CLIENT_KEY = "pck_local_emulator_key";

/** Project display name unless told otherwise (used in email subjects and `GET /projects/current`). */
export const DEFAULT_DISPLAY_NAME = "Stack Emulator";

/** Access token lifetime of Stack's cloud (`STACK_ACCESS_TOKEN_EXPIRATION_TIME` default, 10 min). */
export const DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS = 600;

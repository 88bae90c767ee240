// `stack-react-kit/testing`: a local Stack-compatible API for tests, Storybook and demos.
// Isomorphic (browsers, Node, service workers). Hosts: `./testing/msw` and `./testing/node`.

export type { Clock } from "./clock.js";
export { LOCAL_PROJECT_ID, LOCAL_PUBLISHABLE_CLIENT_KEY } from "./defaults.js";
export { createEmulator, type EmulatedSession, type Emulator } from "./emulator.js";
export type { FaultSpec, Faults } from "./faults.js";
export type { Mailbox, MailboxEntry } from "./mailbox.js";
export type { EmulatorOptions, ProjectConfigOptions, SeedUser, TrustedDomain } from "./options.js";
export type { AccessTokenClaims } from "./tokens.js";
export { totp } from "./totp.js";

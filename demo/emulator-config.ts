import type { EmulatorOptions } from "../src/testing/options.js";

/** A seeded user with two-factor authentication, to try the MFA step; the dev panel shows their codes. */
export const mfaDemoUser = {
  email: "mfa@example.com",
  password: "correct-horse-battery",
  // 20 bytes, base64: the secret an authenticator app would hold.
  totpSecretBase64: "MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=",
};

/** The project `npm run dev` emulates: every sign-in method on, so each flow can be tried. */
export const demoProject: EmulatorOptions = {
  displayName: "stack-react-kit demo",
  oauthProviders: ["github", "google"],
  passkeyEnabled: true,
  seedUsers: [mfaDemoUser],
};

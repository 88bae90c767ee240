import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../constants.js";
import { KnownError } from "./errors.js";

// Messages are the exact wire texts of Stack backend 2.8.86 (golden recordings and CLIENT-API.md);
// clients show them and tests compare them, so keep them byte for byte.

const DOCS_AUTH =
  "For more information, see the docs on REST API authentication: https://docs.stack-auth.com/rest-api/overview#authentication";

export type RestrictedReason = { type: "anonymous" | "email_not_verified" | "restricted_by_administrator" };

export const knownErrors = {
  bodyParsingError: (message: string) => new KnownError(400, "BODY_PARSING_ERROR", message),
  schemaError: (message: string) => new KnownError(400, "SCHEMA_ERROR", message, { message }),

  projectKeyWithoutAccessType: () =>
    new KnownError(
      400,
      "PROJECT_KEY_WITHOUT_ACCESS_TYPE",
      "Either an API key or an admin access token was provided, but the x-stack-access-type header is missing. Set it to 'client', 'server', or 'admin' as appropriate.",
    ),
  invalidAccessType: (accessType: string) =>
    new KnownError(
      400,
      "INVALID_ACCESS_TYPE",
      `The x-stack-access-type header must be 'client', 'server', or 'admin', but was '${accessType}'.`,
    ),
  accessTypeWithoutProjectId: (accessType: string) =>
    new KnownError(
      400,
      "ACCESS_TYPE_WITHOUT_PROJECT_ID",
      `The x-stack-access-type header was '${accessType}', but the x-stack-project-id header was not provided.\n\n${DOCS_AUTH}`,
      { request_type: accessType },
    ),
  accessTypeRequired: () =>
    new KnownError(
      400,
      "ACCESS_TYPE_REQUIRED",
      `You must specify an access level for this Stack project. Make sure project API keys are provided (eg. x-stack-publishable-client-key) and you set the x-stack-access-type header to 'client', 'server', or 'admin'.\n\n${DOCS_AUTH}`,
    ),
  insufficientAccessType: (actual: string, allowed: string[]) =>
    new KnownError(
      401,
      "INSUFFICIENT_ACCESS_TYPE",
      `The x-stack-access-type header must be ${allowed.map((t) => `'${t}'`).join(" or ")}, but was '${actual}'.`,
      { actual_access_type: actual, allowed_access_types: allowed },
    ),
  currentProjectNotFound: (projectId: string) =>
    new KnownError(
      400,
      "CURRENT_PROJECT_NOT_FOUND",
      `The current project with ID ${projectId} was not found. Please check the value of the x-stack-project-id header.`,
      { project_id: projectId },
    ),
  branchDoesNotExist: (branchId: string) =>
    new KnownError(400, "BRANCH_DOES_NOT_EXIST", `The branch with ID ${branchId} does not exist.`, {
      branch_id: branchId,
    }),
  invalidPublishableClientKey: (projectId: string) =>
    new KnownError(
      401,
      "INVALID_PUBLISHABLE_CLIENT_KEY",
      `The publishable key is not valid for the project ${JSON.stringify(projectId)}. Does the project and/or the key exist?`,
      { project_id: projectId },
    ),
  publishableClientKeyRequiredForProject: (projectId: string) =>
    new KnownError(
      401,
      "PUBLISHABLE_CLIENT_KEY_REQUIRED_FOR_PROJECT",
      "Publishable client keys are required for this project. Create one in Project Keys, or disable this requirement there to allow keyless client access.",
      { project_id: projectId },
    ),
  serverAuthenticationRequired: () =>
    new KnownError(401, "SERVER_AUTHENTICATION_REQUIRED", "The secret server key must be provided."),
  adminAuthenticationRequired: () =>
    new KnownError(401, "ADMIN_AUTHENTICATION_REQUIRED", "The super secret admin key must be provided."),
  invalidSecretServerKey: (projectId: string) =>
    new KnownError(
      401,
      "INVALID_SECRET_SERVER_KEY",
      `The secret server key is not valid for the project ${JSON.stringify(projectId)}. Does the project and/or the key exist?`,
      { project_id: projectId },
    ),
  invalidSuperSecretAdminKey: (projectId: string) =>
    new KnownError(
      401,
      "INVALID_SUPER_SECRET_ADMIN_KEY",
      `The super secret admin key is not valid for the project ${JSON.stringify(projectId)}. Does the project and/or the key exist?`,
      { project_id: projectId },
    ),

  unparsableAccessToken: () =>
    new KnownError(401, "UNPARSABLE_ACCESS_TOKEN", "Access token is not parsable."),
  accessTokenExpired: (
    expiredAt: Date,
    projectId: string | null,
    userId: string | null,
    refreshTokenId: string | null,
  ) =>
    new KnownError(
      401,
      "ACCESS_TOKEN_EXPIRED",
      `Access token has expired. Please refresh it and try again. (The access token expired at ${expiredAt.toISOString()}.)${
        projectId ? ` Project ID: ${projectId}.` : ""
      }${userId ? ` User ID: ${userId}.` : ""}${refreshTokenId ? ` Refresh token ID: ${refreshTokenId}.` : ""}\n\nDebug info: Most likely, you fetched the access token before it expired (for example, in a server component, pre-rendered page, or on page load), but then didn't refresh it before it expired. If this is the case, and you're using the SDK, make sure you call getAccessToken() every time you need to use the access token. If you're not using the SDK, make sure you refresh the access token with the refresh endpoint.`,
      {
        expired_at_millis: expiredAt.getTime(),
        project_id: projectId,
        user_id: userId,
        refresh_token_id: refreshTokenId,
      },
    ),
  invalidProjectForAccessToken: (expected: string, actual: string) =>
    new KnownError(
      401,
      "INVALID_PROJECT_FOR_ACCESS_TOKEN",
      `Access token not valid for this project. Expected project ID ${JSON.stringify(expected)}, but the token is for project ID ${JSON.stringify(actual)}.`,
      { expected_project_id: expected, actual_project_id: actual },
    ),
  anonymousAuthenticationNotAllowed: () =>
    new KnownError(
      401,
      "ANONYMOUS_AUTHENTICATION_NOT_ALLOWED",
      "X-Stack-Access-Token is for an anonymous user, but anonymous users are not enabled. Set the X-Stack-Allow-Anonymous-User header of this request to 'true' to allow anonymous users.",
    ),
  restrictedUserNotAllowed: (reason: RestrictedReason) =>
    new KnownError(
      403,
      "RESTRICTED_USER_NOT_ALLOWED",
      `The user in the access token is in restricted state. Reason: ${reason.type}. Please pass the X-Stack-Allow-Restricted-User header if this is intended.`,
      { restricted_reason: reason },
    ),

  refreshTokenNotFoundOrExpired: () =>
    new KnownError(
      401,
      "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED",
      "Refresh token not found for this project, or the session has expired/been revoked.",
    ),
  cannotDeleteCurrentSession: () =>
    new KnownError(400, "CANNOT_DELETE_CURRENT_SESSION", "Cannot delete the current session."),

  cannotGetOwnUserWithoutUser: () =>
    new KnownError(
      400,
      "CANNOT_GET_OWN_USER_WITHOUT_USER",
      "You have specified 'me' as a userId, but did not provide authentication for a user.",
    ),
  userAuthenticationRequired: () =>
    new KnownError(401, "USER_AUTHENTICATION_REQUIRED", "User authentication required for this endpoint."),
  userEmailAlreadyExists: (email: string, wouldWorkIfEmailWasVerified: boolean) =>
    new KnownError(
      409,
      "USER_EMAIL_ALREADY_EXISTS",
      `A user with email ${JSON.stringify(email)} already exists${
        wouldWorkIfEmailWasVerified
          ? " but the email is not verified. Please login to your existing account with the method you used to sign up, and then verify your email to sign in with this login method."
          : "."
      }`,
      { email, would_work_if_email_was_verified: wouldWorkIfEmailWasVerified },
    ),
  signUpNotEnabled: () =>
    new KnownError(
      400,
      "SIGN_UP_NOT_ENABLED",
      "Creation of new accounts is not enabled for this project. Please ask the project owner to enable it.",
    ),
  passwordAuthenticationNotEnabled: () =>
    new KnownError(
      400,
      "PASSWORD_AUTHENTICATION_NOT_ENABLED",
      "Password authentication is not enabled for this project.",
    ),
  emailPasswordMismatch: () => new KnownError(400, "EMAIL_PASSWORD_MISMATCH", "Wrong e-mail or password."),
  redirectUrlNotWhitelisted: () =>
    new KnownError(
      400,
      "REDIRECT_URL_NOT_WHITELISTED",
      "Redirect URL not whitelisted. Did you forget to add this domain to the trusted domains list on the Stack Auth dashboard?",
    ),
  passwordTooShort: () =>
    new KnownError(
      400,
      "PASSWORD_TOO_SHORT",
      `Password too short. Minimum length is ${PASSWORD_MIN_LENGTH}.`,
      {
        min_length: PASSWORD_MIN_LENGTH,
      },
    ),
  // The cloud really sends camelCase `maxLength` here (CLIENT-API §1.4).
  passwordTooLong: () =>
    new KnownError(400, "PASSWORD_TOO_LONG", `Password too long. Maximum length is ${PASSWORD_MAX_LENGTH}.`, {
      maxLength: PASSWORD_MAX_LENGTH,
    }),
  multiFactorAuthenticationRequired: (attemptCode: string) =>
    new KnownError(
      400,
      "MULTI_FACTOR_AUTHENTICATION_REQUIRED",
      "Multi-factor authentication is required for this user.",
      { attempt_code: attemptCode },
    ),
  teamMembershipNotFound: (teamId: string, userId: string) =>
    new KnownError(404, "TEAM_MEMBERSHIP_NOT_FOUND", `User ${userId} is not found in team ${teamId}.`, {
      team_id: teamId,
      user_id: userId,
    }),
  verificationCodeNotFound: () =>
    new KnownError(
      404,
      "VERIFICATION_CODE_NOT_FOUND",
      "The verification code does not exist for this project.",
    ),
  verificationCodeExpired: () =>
    new KnownError(400, "VERIFICATION_CODE_EXPIRED", "The verification code has expired."),
  verificationCodeAlreadyUsed: () =>
    new KnownError(409, "VERIFICATION_CODE_ALREADY_USED", "The verification link has already been used."),
  verificationCodeMaxAttemptsReached: () =>
    new KnownError(
      400,
      "VERIFICATION_CODE_MAX_ATTEMPTS_REACHED",
      "The verification code nonce has reached the maximum number of attempts. This code is not valid anymore.",
    ),
  invalidTotpCode: () =>
    new KnownError(400, "INVALID_TOTP_CODE", "The TOTP code is invalid. Please try again."),
  emailAlreadyVerified: () =>
    new KnownError(409, "EMAIL_ALREADY_VERIFIED", "The e-mail is already verified."),
  emailIsNotPrimaryEmail: (email: string, primaryEmail: string | null) =>
    new KnownError(
      400,
      "EMAIL_IS_NOT_PRIMARY_EMAIL",
      `The given e-mail (${email}) must equal the user's primary e-mail (${primaryEmail}).`,
      { email, primary_email: primaryEmail },
    ),
  contactChannelAlreadyUsedForAuthBySomeoneElse: (
    type: "email",
    value: string | null,
    wouldWorkIfEmailWasVerified = false,
  ) =>
    new KnownError(
      409,
      "CONTACT_CHANNEL_ALREADY_USED_FOR_AUTH_BY_SOMEONE_ELSE",
      `This ${type} ${value ? `"(${value})"` : ""} is already used for authentication by another account${
        wouldWorkIfEmailWasVerified
          ? " but the email is not verified. Please login to your existing account with the method you used to sign up, and then verify your email to sign in with this login method."
          : "."
      }`,
      { type, contact_channel_value: value, would_work_if_email_was_verified: wouldWorkIfEmailWasVerified },
    ),
  passkeyAuthenticationNotEnabled: () =>
    new KnownError(
      400,
      "PASSKEY_AUTHENTICATION_NOT_ENABLED",
      "Passkey authentication is not enabled for this project.",
    ),
  passkeyAuthenticationFailed: (message: string) =>
    new KnownError(400, "PASSKEY_AUTHENTICATION_FAILED", message),
  passkeyRegistrationFailed: (message: string) => new KnownError(400, "PASSKEY_REGISTRATION_FAILED", message),
  invalidAuthorizationCode: () =>
    new KnownError(400, "INVALID_AUTHORIZATION_CODE", "The given authorization code is invalid."),
  oauthProviderNotFoundOrNotEnabled: () =>
    new KnownError(
      400,
      "OAUTH_PROVIDER_NOT_FOUND_OR_NOT_ENABLED",
      "The OAuth provider is not found or not enabled.",
    ),
  oauthProviderAccessDenied: () =>
    new KnownError(400, "OAUTH_PROVIDER_ACCESS_DENIED", "The OAuth provider denied access to the user."),
  outerOAuthTimeout: () =>
    new KnownError(408, "OUTER_OAUTH_TIMEOUT", "The OAuth flow has timed out. Please sign in again."),
  oauthConnectionAlreadyConnectedToAnotherUser: () =>
    new KnownError(
      409,
      "OAUTH_CONNECTION_ALREADY_CONNECTED_TO_ANOTHER_USER",
      "The OAuth connection is already connected to another user.",
    ),
  invalidOAuthClientIdOrSecret: (clientId: string | null) =>
    new KnownError(
      400,
      "INVALID_OAUTH_CLIENT_ID_OR_SECRET",
      "The OAuth client ID or secret is invalid. The client ID must be equal to the project ID (potentially with a hash and a branch ID), and the client secret must be a publishable client key.",
      { client_id: clientId },
    ),
};

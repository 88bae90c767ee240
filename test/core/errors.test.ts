// @vitest-environment node
import { describe, expect, it } from "vitest";
import {
  decodeJwtPayload,
  errorField,
  isAccessTokenError,
  isStackError,
  StackError,
} from "../../src/core/index.js";
import { makeJwt } from "./fake-stack.js";

const schema = (problem: string) =>
  new StackError("SCHEMA_ERROR", 400, `Request validation failed on POST /api/v1/auth/x:\n  - ${problem}`);

describe("errorField", () => {
  it.each([
    [new StackError("EMAIL_PASSWORD_MISMATCH", 400, "Wrong e-mail or password."), "form"],
    [new StackError("USER_EMAIL_ALREADY_EXISTS", 409, "taken"), "email"],
    [new StackError("PASSWORD_TOO_SHORT", 400, "short"), "password"],
    [new StackError("PASSWORD_TOO_LONG", 400, "long"), "password"],
    [new StackError("PASSWORD_CONFIRMATION_MISMATCH", 400, "Passwords do not match."), "password"],
    [new StackError("INVALID_TOTP_CODE", 400, "bad"), "code"],
    [new StackError("VERIFICATION_CODE_NOT_FOUND", 404, "bad"), "code"],
    [new StackError("VERIFICATION_CODE_MAX_ATTEMPTS_REACHED", 400, "bad"), "code"],
    [new StackError("SIGN_UP_NOT_ENABLED", 400, "off"), "form"],
    [new StackError("NETWORK_ERROR", 0, "down"), "form"],
    [schema("body.email must not be empty"), "email"],
    [schema("body.new_password must be at least 8 characters"), "password"],
    [schema("body.code must be exactly 45 characters"), "code"],
    [schema("body.totp must be 6 digits"), "code"],
    [schema("body.verification_callback_url must be a valid URL"), "form"],
    [new Error("not ours"), "form"],
    [undefined, "form"],
  ])("%s → %s", (error, field) => {
    expect(errorField(error)).toBe(field);
  });
});

describe("guards", () => {
  it("isStackError checks the class and, optionally, the code", () => {
    const e = new StackError("TEAM_NOT_FOUND", 404, "no team", { team_id: "t" });
    expect(isStackError(e)).toBe(true);
    expect(isStackError(e, "TEAM_NOT_FOUND")).toBe(true);
    expect(isStackError(e, "OTHER")).toBe(false);
    expect(isStackError(new Error("x"))).toBe(false);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("StackError");
  });

  it("isAccessTokenError matches exactly the invalid-access-token family", () => {
    for (const code of [
      "UNPARSABLE_ACCESS_TOKEN",
      "ACCESS_TOKEN_EXPIRED",
      "INVALID_PROJECT_FOR_ACCESS_TOKEN",
    ]) {
      expect(isAccessTokenError(new StackError(code, 401, ""))).toBe(true);
    }
    for (const code of [
      "INVALID_ACCESS_TOKEN",
      "USER_AUTHENTICATION_REQUIRED",
      "REFRESH_TOKEN_NOT_FOUND_OR_EXPIRED",
    ]) {
      expect(isAccessTokenError(new StackError(code, 401, ""))).toBe(false);
    }
  });
});

describe("decodeJwtPayload", () => {
  it("decodes base64url payloads, including non-ASCII names and missing padding", () => {
    const claims = { sub: "u1", exp: 1714000600, name: "Zoë Ångström ✓", refresh_token_id: "s1" };
    expect(decodeJwtPayload(makeJwt(claims))).toEqual(claims);
    for (const pad of ["a", "ab", "abc"]) expect(decodeJwtPayload(makeJwt({ sub: pad }))?.sub).toBe(pad);
  });

  it("returns null for anything that is not a JWT with an object payload", () => {
    for (const bad of [
      "",
      "12341234",
      "a.b.c",
      "a.!!!.c",
      `x.${Buffer.from("[1]").toString("base64url")}.y`,
    ]) {
      expect(decodeJwtPayload(bad)).toBeNull();
    }
  });
});

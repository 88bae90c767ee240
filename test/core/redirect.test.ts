// @vitest-environment node
import { describe, expect, it } from "vitest";
import { safeRedirectTarget } from "../../src/core/index.js";

const origin = "https://app.example";
const fallback = "/";
const avoid = ["/handler/sign-in", "/handler/sign-up"];

describe("safeRedirectTarget", () => {
  it.each([
    // kept: same-origin paths, with query and hash
    ["/account", "/account"],
    ["/account?tab=security#mfa", "/account?tab=security#mfa"],
    ["https://app.example/dashboard?x=1", "/dashboard?x=1"],
    ["/a/../b", "/b"],
    ["/handler/sign-in-help", "/handler/sign-in-help"],
    // refused: missing
    [null, fallback],
    [undefined, fallback],
    ["", fallback],
    // refused: other origins
    ["https://evil.example/phish", fallback],
    ["http://app.example/account", fallback],
    ["https://app.example:8443/account", fallback],
    ["//evil.example", fallback],
    ["///evil.example", fallback],
    ["/.//evil.example", fallback],
    ["/a/..//evil.example", fallback],
    ["/%2e//evil.example", fallback],
    ["/\\evil.example", fallback],
    ["\\\\evil.example", fallback],
    ["https:evil.example", "/evil.example"],
    // refused: script and data URLs
    ["javascript:alert(1)", fallback],
    ["JavaScript:alert(1)", fallback],
    ["data:text/html,<script>alert(1)</script>", fallback],
    // refused: whitespace and control characters browsers strip
    [" //evil.example", fallback],
    ["/\t/evil.example", fallback],
    ["/\n/evil.example", fallback],
    ["java\tscript:alert(1)", fallback],
    ["\u0000/account", fallback],
    ["/account\u00a0", fallback],
    // refused: the auth pages themselves (would loop)
    ["/handler/sign-in", fallback],
    ["/handler/sign-in/", fallback],
    ["/handler/sign-in?after_auth_return_to=/x", fallback],
    ["https://app.example/handler/SIGN-UP", fallback],
  ])("%j → %j", (target, expected) => {
    expect(safeRedirectTarget(target, { origin, fallback, avoid })).toBe(expected);
  });

  it("accepts an origin given as a full URL and returns the fallback as given", () => {
    expect(safeRedirectTarget("/x", { origin: "https://app.example/some/page?q=1", fallback: "/home" })).toBe(
      "/x",
    );
    expect(safeRedirectTarget("https://evil.example", { origin, fallback: "/home" })).toBe("/home");
    expect(safeRedirectTarget("/x", { origin: "not a url", fallback: "/home" })).toBe("/home");
  });
});

import axe from "axe-core";
import { describe, expect, it } from "vitest";
import { createEmulator } from "../../src/testing/index.js";
import { authorizeRequest } from "./oauth.js";

// The mock OAuth provider's consent page, rendered in jsdom: content, form and accessibility.

async function providerPage(provider = "github") {
  const emulator = createEmulator({ displayName: "Acme & Co", oauthProviders: [provider] });
  const authorize = await emulator.handle(authorizeRequest(emulator, { provider }));
  const { location } = (await authorize.json()) as { location: string };
  const page = await emulator.handle(new Request(location));
  return { emulator, location, page, html: await page.text() };
}

function load(html: string): Document {
  const parsed = new DOMParser().parseFromString(html, "text/html");
  document.replaceChild(document.importNode(parsed.documentElement, true), document.documentElement);
  return document;
}

describe("mock OAuth provider page", () => {
  it("is a small HTML consent page with the project, the provider and a prefilled email", async () => {
    const { page, html } = await providerPage("github");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const doc = load(html);
    expect(doc.documentElement.lang).toBe("en");
    expect(doc.title).toBe("Sign in with GitHub (mock) · Acme & Co");
    expect(doc.querySelector("h1")?.textContent).toBe("Sign in to Acme & Co with GitHub (mock)");
    const email = doc.querySelector<HTMLInputElement>("input[name=email]");
    expect(email?.labels?.[0]?.textContent).toBe("Email");
    expect(email?.value).toBe("github-user@example.com");
    expect(email?.type).toBe("email");
    const buttons = [...doc.querySelectorAll("button")].map((b) => [b.textContent, b.getAttribute("value")]);
    expect(buttons).toEqual([
      ["Allow", "allow"],
      ["Cancel", "cancel"],
    ]);
    expect(doc.querySelector("form")?.getAttribute("action")).toBe(
      "/__stack-emulator/oauth/github/authorize",
    );
  });

  it("passes axe (WCAG 2 A/AA)", async () => {
    const { html } = await providerPage("spotify");
    load(html);
    const { violations } = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });

  it("keeps every provider parameter in hidden fields, escaped", async () => {
    const { location, html } = await providerPage("google");
    const doc = load(html);
    const hidden = Object.fromEntries(
      [...doc.querySelectorAll<HTMLInputElement>("input[type=hidden]")].map((i) => [i.name, i.value]),
    );
    expect(hidden).toEqual(Object.fromEntries(new URL(location).searchParams));
  });

  it("re-renders with an accessible error for an invalid email", async () => {
    const { emulator, location, html } = await providerPage("github");
    const doc = load(html);
    const fields = new URLSearchParams();
    for (const input of doc.querySelectorAll<HTMLInputElement>("form input"))
      fields.set(input.name, input.value);
    fields.set("email", "not-an-email");
    fields.set("action", "allow");
    const result = await emulator.handle(
      new Request(new URL("/__stack-emulator/oauth/github/authorize", location), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: fields.toString(),
      }),
    );
    expect(result.status).toBe(400);
    const again = load(await result.text());
    const email = again.querySelector<HTMLInputElement>("#email");
    expect(email?.getAttribute("aria-invalid")).toBe("true");
    expect(again.getElementById(email?.getAttribute("aria-describedby") ?? "")?.textContent).toBe(
      "Enter a valid email address.",
    );
  });

  it("refuses requests a real provider would refuse", async () => {
    const emulator = createEmulator({ oauthProviders: ["github"] });
    const page = await emulator.handle(
      new Request("http://localhost:8102/__stack-emulator/oauth/github/authorize?client_id=github"),
    );
    expect(page.status).toBe(400);
    expect(await page.text()).toContain("response_type must be code.");
  });
});

// @vitest-environment node
import { describe, expect, it } from "vitest";
import { createEmulator, type MailboxEntry } from "../../src/testing/index.js";
import { call } from "./client.js";

const callback = "http://localhost:5173/handler/email-verification";

describe("mailbox", () => {
  it("records the verification email of a sign-up with a callback URL", async () => {
    const emulator = createEmulator({ displayName: "Acme", now: () => 1_700_000_000_000 });
    await call(emulator, "POST", "/auth/password/sign-up", {
      body: {
        email: "Ada@Example.test",
        password: "Golden-Passw0rd-16",
        verification_callback_url: `${callback}?after=1`,
      },
    });
    const mail = emulator.mailbox.latest("ada@example.test") as MailboxEntry;
    expect(mail).toMatchObject({
      to: "Ada@Example.test",
      subject: "Verify your email at Acme",
      sentAt: 1_700_000_000_000,
    });
    expect(mail.code).toMatch(/^[a-z2-7]{45}$/);
    expect(mail.link).toBe(`${callback}?after=1&code=${mail.code}`);
    expect(mail.text).toContain(mail.link);
    expect(mail.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("sends nothing without a callback URL", async () => {
    const emulator = createEmulator();
    await call(emulator, "POST", "/auth/password/sign-up", {
      body: { email: "a@example.test", password: "Golden-Passw0rd-16" },
    });
    expect(emulator.mailbox.list()).toEqual([]);
    expect(emulator.mailbox.latest()).toBeUndefined();
  });

  it("lists oldest first, filters by recipient, notifies subscribers and clears", async () => {
    const emulator = createEmulator();
    const seen: string[] = [];
    const unsubscribe = emulator.mailbox.subscribe((m) => seen.push(m.to));
    for (const email of ["one@example.test", "two@example.test"]) {
      await call(emulator, "POST", "/auth/password/sign-up", {
        body: { email, password: "Golden-Passw0rd-16", verification_callback_url: callback },
      });
    }
    unsubscribe();
    expect(emulator.mailbox.list().map((m) => m.to)).toEqual(["one@example.test", "two@example.test"]);
    expect(emulator.mailbox.latest()?.to).toBe("two@example.test");
    expect(emulator.mailbox.latest("one@example.test")?.to).toBe("one@example.test");
    expect(emulator.mailbox.latest("nobody@example.test")).toBeUndefined();
    expect(seen).toEqual(["one@example.test", "two@example.test"]);

    const overHttp = await emulator.handle(new Request("http://localhost/__stack-emulator/mailbox"));
    expect(overHttp.headers.get("access-control-allow-origin")).toBe("*");
    expect(((await overHttp.json()) as MailboxEntry[]).map((m) => m.to)).toEqual([
      "one@example.test",
      "two@example.test",
    ]);

    await emulator.handle(new Request("http://localhost/__stack-emulator/mailbox", { method: "DELETE" }));
    expect(emulator.mailbox.list()).toEqual([]);
    emulator.mailbox.clear();
  });
});

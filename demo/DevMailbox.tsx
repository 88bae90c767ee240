import { useEffect, useState } from "react";
import type { MailboxEntry } from "../src/testing/mailbox.js";
import { totp } from "../src/testing/totp.js";
import { mfaDemoUser } from "./emulator-config.js";

/**
 * The emails the cloud would send (verification, magic links, password resets), read from the
 * emulator's mailbox while the panel is open. Closed, it sends nothing.
 */
export function DevMailbox() {
  const [open, setOpen] = useState(false);
  const [mails, setMails] = useState<MailboxEntry[]>([]);
  useEffect(() => {
    if (!open) return;
    let live = true;
    const load = () =>
      fetch("/__stack-emulator/mailbox")
        .then((r) => r.json() as Promise<MailboxEntry[]>)
        .then((list) => live && setMails(list.reverse()))
        .catch(() => {});
    load();
    const timer = setInterval(load, 1500);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [open]);

  return (
    <details className="demo-mailbox" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Dev mailbox (emulator)</summary>
      {open && <DemoAuthenticator />}
      {mails.length === 0 ? (
        <p>No emails yet. Sign up, ask for a magic link or reset a password.</p>
      ) : (
        <ol aria-label="Emails, newest first">
          {mails.map((mail) => (
            <li key={mail.id}>
              <p>
                <strong>{mail.subject}</strong>
                <br />
                to {mail.to} · {new Date(mail.sentAt).toLocaleTimeString()}
              </p>
              {mail.link && <a href={mail.link}>Open the link in this email</a>}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}

/**
 * What an authenticator app would show for the seeded two-factor user, on the emulator's clock (tests
 * may move it forward), not the browser's.
 */
function DemoAuthenticator() {
  const [now, setNow] = useState(Date.now);
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    fetch("/__stack-emulator/clock")
      .then((r) => r.json() as Promise<{ now: number }>)
      .then(({ now: emulatorNow }) => setOffset(emulatorNow - Date.now()))
      .catch(() => {});
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <p>
      Two-factor demo user: {mfaDemoUser.email} / {mfaDemoUser.password}. Authenticator code:{" "}
      <code>{totp(mfaDemoUser.totpSecretBase64, now + offset)}</code>
    </p>
  );
}

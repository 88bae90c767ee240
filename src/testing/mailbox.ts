import { randomUuid } from "./random.js";

/** An email the cloud would have sent. */
export interface MailboxEntry {
  id: string;
  to: string;
  subject: string;
  /** Plain-text body. */
  text: string;
  /** The link in the mail (verification, magic link, reset…), when there is one. */
  link?: string;
  /** The code carried by the link (`?code=`). */
  code?: string;
  /** The 6-character one-time password shown in a sign-in mail (sign in with it plus the nonce). */
  otp?: string;
  /** Epoch ms, on the emulator's clock. */
  sentAt: number;
}

export interface Mailbox {
  /** All mails, oldest first. */
  list(): MailboxEntry[];
  /** The newest mail, optionally only among those sent to `to` (case-insensitive). */
  latest(to?: string): MailboxEntry | undefined;
  clear(): void;
  /** Called after every new mail; returns an unsubscribe function. */
  subscribe(listener: (entry: MailboxEntry) => void): () => void;
}

export interface WritableMailbox extends Mailbox {
  send(entry: Omit<MailboxEntry, "id" | "sentAt">): MailboxEntry;
}

export function createMailbox(now: () => number): WritableMailbox {
  const entries: MailboxEntry[] = [];
  const listeners = new Set<(entry: MailboxEntry) => void>();
  return {
    list: () => entries.map((e) => ({ ...e })),
    latest(to) {
      const wanted = to?.toLowerCase();
      for (let i = entries.length - 1; i >= 0; i--) {
        const entry = entries[i];
        if (entry && (wanted === undefined || entry.to.toLowerCase() === wanted)) return { ...entry };
      }
      return undefined;
    },
    clear() {
      entries.length = 0;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    send(input) {
      const entry: MailboxEntry = { id: randomUuid(), sentAt: now(), ...input };
      entries.push(entry);
      for (const listener of listeners) listener({ ...entry });
      return { ...entry };
    },
  };
}

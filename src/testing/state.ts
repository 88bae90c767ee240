import type { Clock } from "./clock.js";
import type { FaultEngine } from "./faults.js";
import type { KeyRing } from "./keys.js";
import type { WritableMailbox } from "./mailbox.js";
import type { ResolvedOptions } from "./options.js";
import type { MemoryStore } from "./store.js";

/** Everything one emulator instance owns; routes get it through their context. */
export interface EmulatorState {
  options: ResolvedOptions;
  store: MemoryStore;
  clock: Clock;
  mailbox: WritableMailbox;
  faults: FaultEngine;
  keys: KeyRing;
}

/**
 * The emulator's notion of "now". Tests move it forward with `advance` to expire access tokens
 * or codes without waiting; the offset stacks on top of whatever base clock was given.
 */
export interface Clock {
  /** Current time in epoch milliseconds. */
  now(): number;
  /** Moves the clock forward (or backward, with a negative value) by `ms` milliseconds. */
  advance(ms: number): void;
}

export function createClock(base: () => number = Date.now): Clock {
  let offset = 0;
  return {
    now: () => base() + offset,
    advance(ms: number) {
      if (!Number.isFinite(ms)) throw new TypeError("clock.advance(ms) needs a finite number");
      offset += ms;
    },
  };
}

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  /** Safe to send twice: network errors and 503s are retried only then. */
  idempotent: boolean;
  signal?: AbortSignal;
}

export const isIdempotent = (method: string) => /^(GET|HEAD|OPTIONS|PUT|DELETE)$/.test(method);

/** The real status: the server reports it in `x-stack-actual-status` when it overrides errors to 200. */
export const statusOf = (res: Response) => Number(res.headers.get("x-stack-actual-status")) || res.status;

/** Delay before retry i (0-based): (0.5..1.5 random) × base × 2^i, as the official client (§1.7). */
export const backoffDelay = (i: number, baseDelayMs: number) => (0.5 + Math.random()) * baseDelayMs * 2 ** i;

/** `Retry-After` in ms (seconds or HTTP date), when the browser lets us read it (not CORS-exposed by Stack). */
function retryAfterMs(res: Response): number | undefined {
  const value = res.headers.get("retry-after");
  if (!value) return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - Date.now();
  return Number.isNaN(ms) ? undefined : Math.max(0, ms);
}

/** Longest Retry-After we sit through; beyond it the 429 goes to the caller instead of hanging a request. */
const MAX_RETRY_AFTER_MS = 60_000;

/** Resolves after `ms`; an abort rejects at once with the signal's reason. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * Sends until the answer is final. Retried only when idempotent: network `TypeError`s and 503 (a lost POST
 * may have been applied) and 429. A 429 on a POST (a sign-in, say) goes straight back: the person sees
 * "too many attempts" at once instead of a spinner, and resending a password does not deepen the limit.
 * Returns the last response, or rethrows the last network error.
 */
export async function fetchWithRetry(send: () => Promise<Response>, policy: RetryPolicy): Promise<Response> {
  const { signal } = policy;
  for (let i = 0; ; i++) {
    signal?.throwIfAborted();
    let res: Response | undefined;
    try {
      res = await send();
    } catch (e) {
      signal?.throwIfAborted();
      if (!(e instanceof TypeError && policy.idempotent) || i + 1 >= policy.attempts) throw e;
    }
    const status = res && statusOf(res);
    let wait = backoffDelay(i, policy.baseDelayMs);
    if (res) {
      if (!((status === 429 || status === 503) && policy.idempotent) || i + 1 >= policy.attempts) return res;
      const after = retryAfterMs(res);
      if (after !== undefined) {
        if (after > MAX_RETRY_AFTER_MS) return res;
        wait = after;
      }
      // free the connection: this body is never read
      res.body?.cancel().catch(() => {});
    }
    await sleep(wait, signal);
  }
}

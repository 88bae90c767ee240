import { useCallback, useRef, useState } from "react";
import { StackError } from "../core/index.js";

export interface ActionState {
  isPending: boolean;
  error: StackError | undefined;
  /** Forget the last error, e.g. when the user edits the form. */
  reset(): void;
}

/**
 * Runs an async action at most once at a time (a second call while one is pending gets the same
 * promise: no double submit). Resolves to the result, or to `null` with `error` set on failure.
 */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const [state, setState] = useState<{ isPending: boolean; error?: StackError }>({ isPending: false });
  const pending = useRef<Promise<R | null> | null>(null);
  const latest = useRef(action);
  latest.current = action;

  const run = useCallback((...args: A): Promise<R | null> => {
    if (pending.current) return pending.current;
    setState({ isPending: true });
    const promise = latest
      .current(...args)
      .then(
        (result) => {
          setState({ isPending: false });
          return result;
        },
        (error: unknown) => {
          setState({ isPending: false, error: toStackError(error) });
          return null;
        },
      )
      .finally(() => {
        pending.current = null;
      });
    pending.current = promise;
    return promise;
  }, []);
  const reset = useCallback(() => setState((s) => (s.error ? { isPending: s.isPending } : s)), []);
  return [run, { isPending: state.isPending, error: state.error, reset }] as const;
}

function toStackError(error: unknown): StackError {
  if (error instanceof StackError) return error;
  return new StackError(
    "UNKNOWN_ERROR",
    0,
    error instanceof Error ? error.message : String(error),
    undefined,
    {
      cause: error,
    },
  );
}

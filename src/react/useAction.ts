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
  const [run, state] = useActions();
  const latest = useRef(action);
  latest.current = action;
  const runAction = useCallback((...args: A) => run("action", () => latest.current(...args)), [run]);
  return [runAction, state] as const;
}

/**
 * `useAction` for a hook with several actions sharing one state (one pending flag, the last error): a
 * call of the pending action gets its promise; a call of another action meanwhile is ignored (resolves
 * `null`, no error), so nothing is ever submitted twice.
 */
export function useActions() {
  const [state, setState] = useState<{ isPending: boolean; error?: StackError }>({ isPending: false });
  const pending = useRef<{ name: string; promise: Promise<unknown> } | null>(null);

  const run = useCallback(<R>(name: string, action: () => Promise<R>): Promise<R | null> => {
    if (pending.current) {
      return pending.current.name === name
        ? (pending.current.promise as Promise<R | null>)
        : Promise.resolve(null);
    }
    setState({ isPending: true });
    // Called synchronously, inside the user's gesture (a popup must open there).
    const promise = attempt(action)
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
    pending.current = { name, promise };
    return promise;
  }, []);
  const reset = useCallback(() => setState((s) => (s.error ? { isPending: s.isPending } : s)), []);
  return [run, { isPending: state.isPending, error: state.error, reset } satisfies ActionState] as const;
}

function attempt<R>(action: () => Promise<R>): Promise<R> {
  try {
    return action();
  } catch (error) {
    return Promise.reject(error);
  }
}

export function toStackError(error: unknown): StackError {
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

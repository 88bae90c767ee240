import { useCallback, useEffect, useRef, useState } from "react";

/**
 * Runs `action` once for each new `code` of the page's URL, also under StrictMode's double effects (a
 * link's code may work only once). `ok` is undefined until it answers; `retry` runs it again (after a
 * network failure).
 */
export function useCodeOnce(code: string | null | undefined, action: (code: string) => Promise<boolean>) {
  const [answer, setAnswer] = useState<{ code: string; ok?: boolean }>();
  const started = useRef<string | null>(null);
  const latest = useRef(action);
  latest.current = action;

  const run = useCallback((value: string) => {
    setAnswer({ code: value });
    void latest.current(value).then((ok) => setAnswer((a) => (a?.code === value ? { code: value, ok } : a)));
  }, []);
  useEffect(() => {
    if (!code || started.current === code) return;
    started.current = code;
    run(code);
  }, [code, run]);

  return {
    ok: code && answer?.code === code ? answer.ok : undefined,
    retry: () => {
      if (code) run(code);
    },
  };
}

import { useSyncExternalStore } from "react";

const subscribe = (onChange: () => void) => {
  window.addEventListener("popstate", onChange);
  return () => window.removeEventListener("popstate", onChange);
};

/**
 * A query parameter of the page's URL: `null` when absent, `undefined` on the server and while hydrating
 * (not known yet: show loading, not "missing").
 */
export function useSearchParam(name: string): string | null | undefined {
  return useSyncExternalStore(
    subscribe,
    () => new URLSearchParams(window.location.search).get(name),
    () => undefined,
  );
}

/** The page's path, or undefined on the server and while hydrating. */
export function usePathname(): string | undefined {
  return useSyncExternalStore(
    subscribe,
    () => window.location.pathname,
    () => undefined,
  );
}

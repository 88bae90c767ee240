import useSWR from "swr";
import { getProject, type Project, type StackError } from "../core/index.js";
import { useStackContext } from "./context.js";
import { providerScoped } from "./sessionKey.js";

export interface UseProjectResult {
  project: Project | undefined;
  isLoading: boolean;
  error: StackError | undefined;
  /** Fetch again, e.g. from a "Try again" button after a network failure. */
  reload(): void;
}

/**
 * The project's public config (enabled sign-in methods, sign-up on/off); shared by every caller.
 * `enabled: false` waits (no request) until the config is actually needed.
 */
export function useProject({ enabled = true }: { enabled?: boolean } = {}): UseProjectResult {
  const context = useStackContext();
  const { data, error, isLoading, mutate } = useSWR(
    enabled ? providerScoped(context, "projects/current") : null,
    () => getProject(context.client),
  );
  return { project: data, isLoading, error, reload: () => void mutate() };
}

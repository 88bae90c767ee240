import useSWR from "swr";
import type { Project, StackError } from "../core/index.js";
import { getProject } from "../core/index.js";
import { useStackContext } from "./context.js";
import { providerScoped } from "./sessionKey.js";

export interface UseProjectResult {
  project: Project | undefined;
  isLoading: boolean;
  error: StackError | undefined;
  /** Fetch again, e.g. from a "Try again" button after a network failure. */
  reload(): void;
}

/** The project's public config (enabled sign-in methods, sign-up on/off); shared by every caller. */
export function useProject(): UseProjectResult {
  const context = useStackContext();
  const { data, error, isLoading, mutate } = useSWR(providerScoped(context, "projects/current"), () =>
    getProject(context.client),
  );
  return { project: data, isLoading, error, reload: () => void mutate() };
}

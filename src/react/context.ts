import { createContext, useContext } from "react";
import type { StackClient } from "../core/index.js";
import type { StackUrls } from "./urls.js";

export type Navigate = (to: string, options?: { replace?: boolean }) => void;

export interface StackContextValue {
  client: StackClient;
  /**
   * "signed-out", "unknown" (server render and hydration: reads as signed out), or an opaque id that
   * changes whenever the session does; scopes every cached read.
   */
  sessionKey: string;
  /** Prefix of this provider's swr keys. */
  scope: string;
  navigate: Navigate;
  /** How the kit sends the browser to another site (an OAuth provider); undefined: `location.assign`. */
  navigateExternal: ((url: string) => void) | undefined;
  urls: StackUrls;
}

export const StackContext = createContext<StackContextValue | null>(null);

export function useStackContext(): StackContextValue {
  const value = useContext(StackContext);
  if (!value) throw new Error("stack-react-kit: this hook must be used inside <StackProvider>.");
  return value;
}

/** The framework-agnostic client the provider owns, for calls the hooks do not cover. */
export function useStackClient(): StackClient {
  return useStackContext().client;
}

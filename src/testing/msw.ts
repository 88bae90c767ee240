// `stack-react-kit/testing/msw`: MSW 2 handlers that send Stack API calls to an emulator, for unit
// tests (`setupServer`), Storybook and demos in the browser (`setupWorker`).

import { http, type RequestHandler } from "msw";
import type { Emulator } from "./emulator.js";

export interface MswHandlerOptions {
  /**
   * Origin (or base URL) of the API the code under test calls, e.g. `https://api.stack-auth.com`.
   * Default: any origin, so relative URLs in browsers and absolute ones in Node both match.
   */
  apiUrl?: string;
}

/**
 * Handlers for `/api/v1`, `/api/v1/*` and `/__stack-emulator/*`. Every matching request goes to
 * `emulator.handle` (never passed through); a dropped-connection fault becomes an MSW network error.
 */
export function createMswHandlers(emulator: Emulator, options: MswHandlerOptions = {}): RequestHandler[] {
  const base = options.apiUrl === undefined ? "*" : options.apiUrl.replace(/\/+$/, "");
  const forward = ({ request }: { request: Request }) => emulator.handle(request);
  return [
    http.all(`${base}/api/v1`, forward),
    http.all(`${base}/api/v1/*`, forward),
    http.all(`${base}/__stack-emulator`, forward),
    http.all(`${base}/__stack-emulator/*`, forward),
  ];
}

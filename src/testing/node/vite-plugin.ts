import type { IncomingMessage, ServerResponse } from "node:http";
import { API_PREFIX, DEV_PREFIX } from "../constants.js";
import { createEmulator, type Emulator } from "../emulator.js";
import type { EmulatorOptions } from "../options.js";
import { emulatorRequestListener } from "./server.js";

// Only the bits of Vite's dev/preview server this plugin touches, so the published types do not
// depend on Vite (any Connect-style server fits).
type Next = (error?: unknown) => void;
interface MiddlewareHost {
  middlewares: { use(handler: (req: IncomingMessage, res: ServerResponse, next: Next) => void): unknown };
}

export interface StackEmulatorPluginOptions extends EmulatorOptions {
  /** Serve this emulator instead of creating one from the other options. */
  emulator?: Emulator;
}

export interface StackEmulatorPlugin {
  name: string;
  configureServer(server: MiddlewareHost): void;
  configurePreviewServer(server: MiddlewareHost): void;
  /** The emulator behind the plugin (mailbox, faults, clock…). */
  api: { emulator: Emulator };
}

function isEmulatorPath(url: string | undefined): boolean {
  const path = (url ?? "").split("?")[0] ?? "";
  return [API_PREFIX, DEV_PREFIX].some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * Vite plugin: mounts the emulator on the dev server and on `vite preview` at `/api/v1` and
 * `/__stack-emulator`, so a demo and its Stack API share one origin (base URL = the page origin).
 */
export function stackEmulator(options: StackEmulatorPluginOptions = {}): StackEmulatorPlugin {
  const { emulator: given, ...emulatorOptions } = options;
  const emulator = given ?? createEmulator(emulatorOptions);
  const listener = emulatorRequestListener(emulator, "localhost");
  const mount = (server: MiddlewareHost) => {
    server.middlewares.use((req, res, next) => {
      if (isEmulatorPath((req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url)) {
        listener(req, res);
      } else {
        next();
      }
    });
  };
  return {
    name: "stack-react-kit:emulator",
    configureServer: mount,
    configurePreviewServer: mount,
    api: { emulator },
  };
}

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createEmulator, type Emulator } from "../emulator.js";
import type { EmulatorOptions } from "../options.js";
import { sendFetchResponse, toFetchRequest } from "./bridge.js";

export interface EmulatorServerOptions extends EmulatorOptions {
  /** Default 0: any free port (read it from `url`). */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Serve this emulator instead of creating one from the other options. */
  emulator?: Emulator;
}

export interface EmulatorServer {
  /** Base URL to give a Stack client, e.g. `http://127.0.0.1:8102` (the API is under `/api/v1`). */
  url: string;
  emulator: Emulator;
  close(): Promise<void>;
}

/** A Node request listener that serves an emulator (the same one the server and the Vite plugin use). */
export function emulatorRequestListener(emulator: Emulator, fallbackHost: string) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    toFetchRequest(req, fallbackHost)
      .then((request) => emulator.handle(request))
      .then((response) => sendFetchResponse(response, res))
      .catch(() => res.destroy());
  };
}

/** Serves an emulator over HTTP on its own port (`npm run emulator`, end-to-end tests, other clients). */
export function startEmulatorServer(options: EmulatorServerOptions = {}): Promise<EmulatorServer> {
  const { port = 0, host = "127.0.0.1", emulator: given, ...emulatorOptions } = options;
  const emulator = given ?? createEmulator(emulatorOptions);
  const urlHost = host.includes(":") ? `[${host}]` : host;
  const server = createServer(emulatorRequestListener(emulator, `${urlHost}:${port}`));

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const { port: actualPort } = server.address() as AddressInfo;
      resolve({
        url: `http://${urlHost}:${actualPort}`,
        emulator,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}

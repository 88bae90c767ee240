// `stack-react-kit/testing/node` (Node only): the emulator over HTTP, standalone or inside Vite.

export {
  type EmulatorServer,
  type EmulatorServerOptions,
  emulatorRequestListener,
  startEmulatorServer,
} from "./node/server.js";
export {
  type StackEmulatorPlugin,
  type StackEmulatorPluginOptions,
  stackEmulator,
} from "./node/vite-plugin.js";

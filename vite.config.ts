import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { demoProject } from "./demo/emulator-config.js";
import { stackEmulator } from "./src/testing/node.js";

// The demo app (`npm run dev`): the SPA in demo/ with the local Stack API mounted on the same origin.
export default defineConfig({
  root: "demo",
  envDir: "..",
  plugins: [react(), stackEmulator(demoProject)],
  server: { port: 5173, host: "127.0.0.1" },
  preview: { port: 4173, host: "127.0.0.1" },
  build: { outDir: "../dist-demo", emptyOutDir: true },
});

import { readFileSync } from "node:fs";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import dts from "vite-plugin-dts";

// The published package: ESM entries with .d.ts; dependencies, peers and node builtins stay external.
export default defineConfig({
  plugins: [
    react(),
    dts({ tsconfigPath: "./tsconfig.build.json", entryRoot: "src" }),
    {
      name: "stack-styles",
      generateBundle() {
        this.emitFile({
          type: "asset",
          fileName: "styles.css",
          source: readFileSync("src/components/styles.css", "utf8"),
        });
      },
    },
  ],
  publicDir: false,
  build: {
    outDir: "dist",
    lib: {
      entry: {
        index: "src/index.ts",
        core: "src/core/index.ts",
        testing: "src/testing/index.ts",
        "testing-msw": "src/testing/msw.ts",
        "testing-node": "src/testing/node.ts",
      },
      formats: ["es"],
    },
    rolldownOptions: {
      external: [
        /^react($|\/)/,
        /^react-dom($|\/)/,
        /^swr($|\/)/,
        /^@radix-ui\//,
        /^@simplewebauthn\//,
        /^jose($|\/)/,
        /^msw($|\/)/,
        /^node:/,
        /^vite$/,
      ],
    },
    minify: false,
    sourcemap: true,
  },
});

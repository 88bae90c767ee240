#!/usr/bin/env node
// `npm run emulator -- --port 8102`: serves the local Stack-compatible API (src/testing) on
// 127.0.0.1 so any Stack client can be pointed at it. Runs the TypeScript source directly through
// Vite's SSR module loader: no build step, no extra dependency.
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createServer } from "vite";

const usage = `Usage: npm run emulator -- [options]

  --port <n>                        port (default 8102; 0 = any free port)
  --host <host>                     interface (default 127.0.0.1)
  --project-id <id>                 project id to serve (default the local emulator id)
  --publishable-client-key <key>    publishable client key to accept
  --display-name <name>             project display name (email subjects)
  --require-publishable-client-key  refuse client requests without the key
  --access-token-lifetime <s>       access token lifetime in seconds (default 600)
  --trusted-domain <url>            extra trusted domain for callback URLs (repeatable)
  --seed-user <email:password>      a user that exists from the start (repeatable)
  --help`;

let args;
try {
  args = parseArgs({
    options: {
      port: { type: "string", default: "8102" },
      host: { type: "string", default: "127.0.0.1" },
      "project-id": { type: "string" },
      "publishable-client-key": { type: "string" },
      "display-name": { type: "string" },
      "require-publishable-client-key": { type: "boolean", default: false },
      "access-token-lifetime": { type: "string" },
      "trusted-domain": { type: "string", multiple: true, default: [] },
      "seed-user": { type: "string", multiple: true, default: [] },
      help: { type: "boolean", default: false },
    },
  }).values;
} catch (error) {
  console.error(`${error.message}\n\n${usage}`);
  process.exit(2);
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}

const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, got ${args.port}`);
  process.exit(2);
}
const lifetime =
  args["access-token-lifetime"] === undefined ? undefined : Number(args["access-token-lifetime"]);
const seedUsers = args["seed-user"].map((spec) => {
  const at = spec.indexOf(":");
  return at === -1 ? { email: spec } : { email: spec.slice(0, at), password: spec.slice(at + 1) };
});

// Load src/testing/node.ts with Vite's SSR loader, then drop the Vite server (the module stays loaded).
const root = fileURLToPath(new URL("..", import.meta.url));
const vite = await createServer({
  root,
  configFile: false,
  appType: "custom",
  logLevel: "error",
  server: { middlewareMode: true, hmr: false, watch: null },
  optimizeDeps: { noDiscovery: true, include: [] },
});
let testingNode;
try {
  testingNode = await vite.ssrLoadModule("/src/testing/node.ts");
} finally {
  await vite.close();
}

const server = await testingNode
  .startEmulatorServer({
    port,
    host: args.host,
    projectId: args["project-id"],
    publishableClientKey: args["publishable-client-key"],
    displayName: args["display-name"],
    requirePublishableClientKey: args["require-publishable-client-key"],
    accessTokenLifetimeSeconds: lifetime,
    trustedDomains: args["trusted-domain"],
    seedUsers,
  })
  .catch((error) => {
    const taken = error?.code === "EADDRINUSE";
    console.error(
      taken ? `Port ${port} is already in use: pick another with --port N.` : String(error?.message ?? error),
    );
    process.exit(1);
  });

console.log(`Stack emulator listening on ${server.url}`);
console.log(`  API base URL            ${server.url}  (endpoints under ${server.url}/api/v1)`);
console.log(`  Project ID              ${server.emulator.projectId}`);
console.log(`  Publishable client key  ${server.emulator.publishableClientKey}`);
console.log(`  Mailbox                 ${server.url}/__stack-emulator/mailbox`);

let closing = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (closing) process.exit(1);
    closing = true;
    server.close().then(() => process.exit(0));
  });
}

// `npm run size`: what the kit adds to a user's production bundle, measured, not guessed.
// Builds tiny apps with Vite and prints each one's gzip size minus a React-only app (JS + CSS; swr and
// Radix count because users ship them), then the install footprint of the kit's runtime dependencies.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { build } from "vite";

const root = resolve(import.meta.dirname, "..");
const work = join(root, "node_modules/.cache/size");
const src = join(root, "src");

const mount = `import { createRoot } from "react-dom/client";\nconst root = createRoot(document.getElementById("root"));\n`;
const apps = {
  "react-only": `${mount}root.render(<p>hello</p>);`,
  "provider + <SignIn/> + <UserButton/>": `${mount}import { StackProvider, SignIn, UserButton } from "${src}/index.ts";
import "${src}/components/styles.css";
root.render(<StackProvider projectId="p"><UserButton /><SignIn /></StackProvider>);`,
  "provider + useUser": `${mount}import { StackProvider, useUser } from "${src}/index.ts";
function Name() { const { user } = useUser(); return <p>{user?.primaryEmail}</p>; }
root.render(<StackProvider projectId="p"><Name /></StackProvider>);`,
  "./core alone (no React)": `import { createStackClient } from "${src}/core/index.ts";
const client = createStackClient({ projectId: "p" });
client.getUser().then((user) => console.log(user));`,
  "no-op (baseline for ./core)": `console.log(1);`,
};

// What each sign-in flow adds to `./core` (each is a standalone function, so an app pays only for what it imports).
const flows = {
  "magic link / OTP": ["sendSignInCode", "signInWithCode", "checkSignInCode"],
  "OAuth (PKCE, redirect + popup)": ["startOAuth", "completeOAuth"],
  "password reset": ["sendPasswordResetEmail", "checkPasswordResetCode", "resetPassword"],
  "email verification": ["verifyEmail", "sendVerificationEmail"],
  MFA: ["signInWithTotp"],
  "passkeys (with @simplewebauthn/browser)": ["signInWithPasskey", "registerPasskey"],
  anonymous: ["signUpAnonymously"],
};
for (const [name, fns] of Object.entries(flows)) {
  apps[`core + ${name}`] = `import { createStackClient, ${fns.join(", ")} } from "${src}/core/index.ts";
const client = createStackClient({ projectId: "p" });
console.log(client, ${fns.join(", ")});`;
}

async function gzipOf(name, code) {
  const dir = join(work, name.replace(/\W+/g, "-"));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "main.jsx"), code);
  writeFileSync(
    join(dir, "index.html"),
    '<div id="root"></div><script type="module" src="./main.jsx"></script>',
  );
  await build({
    root: dir,
    configFile: false,
    logLevel: "silent",
    plugins: [react()],
    build: { outDir: join(dir, "dist") },
  });
  // What the page loads up front: the files index.html references (entry, preloaded chunks, CSS).
  // Chunks only imported dynamically (e.g. the anonymous sign-up) load when used and are reported apart.
  const html = readFileSync(join(dir, "dist/index.html"), "utf8");
  const initial = new Set([...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+)"/g)].map((m) => m[1]));
  const size = { gzip: 0, lazyGzip: 0 };
  for (const file of walk(join(dir, "dist/assets"))) {
    if (!/\.(js|css)$/.test(file)) continue;
    const gzip = gzipSync(readFileSync(file), { level: 9 }).length;
    if (initial.has(`assets/${file.split("/").pop()}`)) size.gzip += gzip;
    else size.lazyGzip += gzip;
  }
  return size;
}

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const sizes = {};
for (const [name, code] of Object.entries(apps)) sizes[name] = await gzipOf(name, code);

const targets = {
  "provider + <SignIn/> + <UserButton/>": ["react-only", 30],
  "provider + useUser": ["react-only", 10],
  "./core alone (no React)": ["no-op (baseline for ./core)", 6],
};
console.log("Kit share of a production app (gzip, JS + CSS loaded with the page, app minus baseline):");
let over = 0;
for (const [name, [base, limit]] of Object.entries(targets)) {
  const share = sizes[name].gzip - sizes[base].gzip;
  const ok = share <= limit * 1024;
  if (!ok) over++;
  console.log(
    `  ${ok ? "ok  " : "OVER"} ${name.padEnd(40)} ${kb(share).padStart(9)}  (target ≤ ${limit} KB)`,
  );
}

console.log("\nWhat each flow adds to ./core (gzip):");
for (const name of Object.keys(flows)) {
  const share = sizes[`core + ${name}`].gzip - sizes["./core alone (no React)"].gzip;
  console.log(`  + ${name.padEnd(40)} ${kb(share).padStart(9)}`);
}

// The install footprint: the kit's runtime dependencies and everything they pull in, React excluded
// (the app has it already).
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const seen = new Set();
const queue = Object.keys(pkg.dependencies ?? {});
while (queue.length) {
  const name = queue.shift();
  if (seen.has(name) || name === "react" || name === "react-dom") continue;
  const dir = join(root, "node_modules", name);
  if (!existsSync(dir)) continue;
  seen.add(name);
  const dep = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  queue.push(...Object.keys(dep.dependencies ?? {}));
}
let bytes = 0;
for (const name of seen)
  for (const file of walk(join(root, "node_modules", name))) bytes += statSync(file).size;
console.log(
  `\nRuntime dependencies: ${Object.keys(pkg.dependencies).length} direct (${Object.keys(pkg.dependencies).join(", ")}), ` +
    `${seen.size} installed packages, ${(bytes / 1024 / 1024).toFixed(2)} MB on disk (target: ≤ 6 direct, < 5 MB)`,
);
process.exit(over ? 1 : 0);

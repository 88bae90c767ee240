// `npm test`: the whole suite — typecheck, lint, the package build and its exports, then every Vitest project (unit, Storybook stories in
// Chromium, end-to-end walks of the demo). Ends with the plain line CI reads: "N passed, N failed".
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";

const checks = [
  ["typecheck", "npx", ["tsc", "-p", "tsconfig.json"]],
  ["lint", "npx", ["biome", "check", "."]],
  ["package build", "npm", ["run", "build", "--silent"]],
  ["package exports and types (publint, attw)", "npm", ["run", "check:pkg", "--silent"]],
];
let passed = 0;
let failed = 0;
for (const [name, command, args] of checks) {
  console.log(`\n> ${name}: ${command} ${args.join(" ")}`);
  const { status } = spawnSync(command, args, { stdio: "inherit" });
  if (status === 0) passed++;
  else {
    failed++;
    console.log(`✗ ${name} failed`);
  }
}

mkdirSync("artifacts", { recursive: true });
const report = "artifacts/vitest.json";
const vitestArgs = ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`];
console.log(`\n> tests: npx ${vitestArgs.join(" ")} ${process.argv.slice(2).join(" ")}`);
const run = spawnSync("npx", [...vitestArgs, ...process.argv.slice(2)], { stdio: "inherit" });
let skipped = 0;
try {
  const json = JSON.parse(readFileSync(report, "utf8"));
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  skipped = json.numPendingTests + json.numTodoTests;
  // A suite that fails to load has no failed test of its own: count it, or a crash would read as green.
  failed += json.testResults.filter((r) => r.status === "failed" && r.assertionResults.length === 0).length;
} catch {
  failed++;
  console.log("✗ vitest wrote no report");
}
if (run.status !== 0 && failed === 0) failed++;
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed ? 1 : 0);

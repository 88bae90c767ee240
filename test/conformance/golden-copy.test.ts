// @vitest-environment node
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

// The recordings are copied into the repo so a fresh clone can replay them. Where the shared originals
// sit beside the checkout (the team's machines and CI), the copy must be byte for byte the same.
const copy = fileURLToPath(new URL("./golden/", import.meta.url));
const original = fileURLToPath(new URL("../../../shared/stack-api/golden/", import.meta.url));

it.runIf(existsSync(original))("the copied golden recordings equal the shared originals", () => {
  const names = (dir: string) => readdirSync(dir).sort();
  expect(names(copy)).toEqual(names(original));
  for (const name of names(original)) {
    expect(readFileSync(`${copy}${name}`, "utf8"), name).toBe(readFileSync(`${original}${name}`, "utf8"));
  }
});

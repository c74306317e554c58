/** A temporary external catalog for authoring tests: scaffold a kata, then complete it. */

import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { newKata } from "../../graders/cli/commands/new.js";

export const FIXTURES = fileURLToPath(new URL("../fixtures", import.meta.url));

export interface TempCatalog {
  root: string;
  cleanup(): void;
}

export function tempCatalog(): TempCatalog {
  const root = mkdtempSync(join(tmpdir(), "mmkata-catalog-"));
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Edit a file in place. */
export function edit(file: string, change: (text: string) => string): void {
  writeFileSync(file, change(readFileSync(file, "utf8")));
}

/**
 * Scaffold `slug` (suite buddy: its API is buddy-coalesce's freeOnePage), then
 * do what an author would: replace the TODOs, write the proof, add one mutant.
 */
export function completedKata(root: string, slug: string): string {
  const dir = newKata(slug, { dir: root, suite: "buddy", title: "Coalescing, again" }).dir;
  edit(join(dir, "exercise.json"), (t) => t.replace("TODO: what the handcrafted cases check", "A handcrafted free"));
  edit(join(dir, "cases.json"), (t) => t.replace(/TODO: a handcrafted case/, "a handcrafted case"));
  writeFileSync(join(dir, "instructions.md"), "# Coalescing, again\n\nFree a block.\n\n## Task\n\nWrite `freeOnePage`.\n");
  writeFileSync(join(dir, "hints.md"), "## Hint 1\n\nBuddies.\n\n## Hint 2\n\nXOR.\n\n## Hint 3\n\nMerge upwards.\n");
  writeFileSync(join(dir, "public.test.ts"), 'import { it, expect } from "vitest";\nimport { freeOnePage } from "./solution";\n\nit("exports freeOnePage", () => {\n  expect(typeof freeOnePage).toBe("function");\n});\n');
  copyFileSync(join(FIXTURES, "solutions", "buddy-coalesce", "solution.ts"), join(dir, ".meta", "solution.ts"));
  copyFileSync(join(FIXTURES, "mutants", "buddy-coalesce", "always-head.ts"), join(dir, ".meta", "mutants", "always-head.ts"));
  return dir;
}

/**
 * A temporary copy of test/fixtures/catalog (three small kata), with
 * `public.test.ts.fixture` renamed to `public.test.ts`, and an empty scratch
 * folder for workspaces. Each call makes fresh folders; cleanup() removes them.
 */

import { cpSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const FIXTURES = fileURLToPath(new URL("../fixtures/catalog", import.meta.url));

export interface Sandbox {
  /** the catalog root to pass as `root` */
  root: string;
  /** an empty scratch folder to use as `cwd` */
  work: string;
  /** a folder for XDG_STATE_HOME */
  state: string;
  cleanup(): void;
}

export function makeSandbox(): Sandbox {
  const base = mkdtempSync(join(tmpdir(), "mmkata-cli-"));
  const root = join(base, "catalog");
  cpSync(FIXTURES, root, { recursive: true });
  rmSync(join(root, "README.md"));
  for (const d of readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    renameSync(join(root, d.name, "public.test.ts.fixture"), join(root, d.name, "public.test.ts"));
  }
  const work = join(base, "work");
  const state = join(base, "state");
  mkdirSync(work);
  return { root, work, state, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}

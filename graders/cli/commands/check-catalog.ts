/**
 * `mmkata check-catalog [dir] [--json] [--quick] [--jobs N]`: does every kata in a catalog
 * folder prove itself (graders/engine/check-catalog.ts)? Prints a checklist per
 * kata; exits 3 (input error) when anything fails, 0 when all pass. `dir`
 * defaults to the kit's own exercises/ folder.
 */

import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { pc } from "../colors.js";
import { checkCatalog, type CatalogCheck, type KataCheck } from "../../engine/check-catalog.js";
import { EXERCISES_DIR } from "../../engine/paths.js";
import { EXIT_INPUT, EXIT_OK, usageError } from "../errors.js";

export interface CheckCatalogOptions {
  json?: boolean;
  quick?: boolean;
  jobs?: number;
  cwd?: string;
}

/** One kata's checklist: a ✓/✗ line per check and its problems under it. */
export function formatKata(k: KataCheck): string {
  const lines = [`${k.ok ? pc.green("✓") : pc.red("✗")} ${pc.bold(k.slug)}  ${pc.dim(k.dir)}`];
  for (const i of k.items) {
    lines.push(`  ${i.ok ? pc.green("✓") : pc.red("✗")} ${i.check.padEnd(8)} ${i.summary}`);
    for (const p of i.problems) lines.push(`      - ${p.replace(/\n/g, "\n        ")}`);
  }
  return lines.join("\n") + "\n";
}

export function formatSummary(c: CatalogCheck): string {
  const bad = c.kata.filter((k) => !k.ok).length;
  if (!c.kata.length) return pc.red(`no kata in ${c.root} (a kata is a folder holding exercise.json)\n`);
  return bad ? pc.red(`${bad} of ${c.kata.length} kata need work\n`) : pc.green(`all ${c.kata.length} kata prove themselves\n`);
}

/** Run the check, printing as it goes; returns the exit code. */
export async function runCheckCatalog(dir: string | undefined, opts: CheckCatalogOptions = {}, write: (s: string) => void = (s) => void process.stdout.write(s)): Promise<number> {
  const root = dir === undefined ? EXERCISES_DIR : resolve(opts.cwd ?? process.cwd(), dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw usageError(`${root} is not a folder`, "pass the folder holding your kata folders");
  const quick = opts.quick ? { caseLimit: 3, mutantLimit: 0 } : {};
  const jobs = opts.jobs ?? 1;
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 16) throw usageError(`--jobs ${String(opts.jobs)}: expected a whole number from 1 to 16`);
  const result = await checkCatalog(root, { ...quick, jobs, onKata: opts.json ? undefined : (k) => write(formatKata(k)) });
  write(opts.json ? JSON.stringify(result, null, 2) + "\n" : formatSummary(result));
  return result.ok ? EXIT_OK : EXIT_INPUT;
}

export function register(program: Command): void {
  program
    .command("check-catalog")
    .description("check a catalog folder: schema, cases, proof scores 100, stub 0, mutants caught")
    .argument("[dir]", "the folder holding kata folders (default: the kit's exercises/)")
    .option("--json", "print machine-readable JSON")
    .option("--quick", "grade the proof and stub on 3 cases only; count mutants without grading them")
    .option("--jobs <n>", "kata checked at once (default 1)", (v) => Number(v))
    .action(async (dir: string | undefined, opts: CheckCatalogOptions) => {
      process.exitCode = await runCheckCatalog(dir, opts);
    });
}

/**
 * `mmkata new <slug> [--suite buddy] [--title T] [--dir ROOT]`: scaffold a kata
 * for an external catalog under ROOT/<slug> (ROOT defaults to the current
 * folder) from templates/authoring/. Refuses an invalid slug or an existing
 * folder (usage errors). The new kata is gradeable at once; `mmkata
 * check-catalog ROOT` then lists what is left to fill in. See docs/authoring.md.
 */

import { relative, resolve } from "node:path";
import type { Command } from "commander";
import { pc } from "../colors.js";
import { scaffoldKata, type ScaffoldResult } from "../../engine/scaffold.js";

export interface NewOptions {
  suite?: string;
  title?: string;
  dir?: string;
  /** base for a relative --dir (default process.cwd()) */
  cwd?: string;
}

/** Scaffold the kata; returns what was written. */
export function newKata(slug: string, opts: NewOptions = {}): ScaffoldResult {
  const root = resolve(opts.cwd ?? process.cwd(), opts.dir ?? ".");
  return scaffoldKata({ slug, root, suite: opts.suite, title: opts.title });
}

/** The message printed after scaffolding. */
export function formatNew(r: ScaffoldResult, cwd: string = process.cwd()): string {
  const shown = relative(cwd, r.dir) || ".";
  const root = relative(cwd, resolve(r.dir, "..")) || ".";
  return [
    `${pc.green("created")} ${shown}/ (API, generator and a first case copied from ${r.from})`,
    ...r.written.map((f) => `  ${f}`),
    "",
    `Next: replace every TODO, write .meta/solution.ts and mutants, then run`,
    `  mmkata check-catalog ${root}`,
    "",
  ].join("\n");
}

export function register(program: Command): void {
  program
    .command("new")
    .description("scaffold a kata for your own catalog (see docs/authoring.md)")
    .argument("<slug>", "kebab-case id of the kata, e.g. buddy-merge-order")
    .option("--suite <suite>", "the hidden suite's op vocabulary: buddy, zone or pgtable", "buddy")
    .option("--title <title>", "the kata's title")
    .option("--dir <root>", "the catalog folder to create <slug>/ in", ".")
    .action((slug: string, opts: NewOptions) => {
      process.stdout.write(formatNew(newKata(slug, opts)));
    });
}

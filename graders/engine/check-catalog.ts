/**
 * `checkCatalog()`: does a catalog folder prove itself? For each kata folder
 * (one holding an exercise.json) it checks, in order:
 *
 *   exercise   exercise.json is schema-valid and its rubric is sound (loadExerciseDir)
 *   api        the suite exists and every api.functions[].reference module exists
 *   content    instructions.md has a "## Task" heading, hints.md has "## Hint 1..3",
 *              and no content file still holds a "TODO" left by `mmkata new`
 *   cases      the hidden cases load and each matches exactly one rubric group (loadCases)
 *   proof      the proof solution scores 100
 *   stub       the stub rendered from the api IDL scores 0
 *   mutants    there is at least one mutant, and each scores below 100
 *
 * Where the proof and mutants live: for the kit's own exercises/ folder,
 * test/fixtures/solutions/<slug>/solution.ts and test/fixtures/mutants/<slug>/*.ts;
 * for any other catalog, <slug>/.meta/solution.ts and <slug>/.meta/mutants/*.ts.
 * Every problem names the file it is about; nothing here throws for bad input.
 */

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { suites } from "../suites/index.js";
import { MmkataError } from "../cli/errors.js";
import { listSlugs, loadExerciseDir } from "./catalog.js";
import { handcraftedFile, loadCases } from "./cases.js";
import type { Exercise } from "./exercise-types.js";
import { grade } from "./grade.js";
import { EXERCISES_DIR, KIT_ROOT } from "./paths.js";
import { renderStub } from "./stubs.js";

export type CheckName = "exercise" | "api" | "content" | "cases" | "proof" | "stub" | "mutants";

export interface CheckItem {
  check: CheckName;
  ok: boolean;
  /** one line per problem (empty when ok); each names its file */
  problems: string[];
  /** what was checked, for the checklist (e.g. "scores 100") */
  summary: string;
}

export interface KataCheck {
  slug: string;
  dir: string;
  ok: boolean;
  items: CheckItem[];
}

export interface CatalogCheck {
  root: string;
  ok: boolean;
  kata: KataCheck[];
}

export interface CheckOptions {
  /** only these kata (default: every kata folder) */
  slugs?: string[];
  /** grade the proof and the stub on only the first N hidden cases (a quick check; mutants get every case) */
  caseLimit?: number;
  /** grade only the first N mutants of each kata (a quick check; 0: only check that there are some) */
  mutantLimit?: number;
  seed?: number;
  /** kata checked at once (each grade runs in its own child process); default 1 */
  jobs?: number;
  /** called after each kata, in slug order (progress) */
  onKata?: (k: KataCheck) => void;
}

/** Where a kata's proof solution and mutants live (see the module comment). */
export function metaPaths(root: string, slug: string): { proof: string; mutants: string } {
  if (resolve(root) === resolve(EXERCISES_DIR)) {
    const fixtures = join(KIT_ROOT, "test", "fixtures");
    return { proof: join(fixtures, "solutions", slug, "solution.ts"), mutants: join(fixtures, "mutants", slug) };
  }
  return { proof: join(root, slug, ".meta", "solution.ts"), mutants: join(root, slug, ".meta", "mutants") };
}

const message = (e: unknown): string => (e instanceof MmkataError ? e.message : `unexpected error: ${(e as Error).message}`);
const item = (check: CheckName, summary: string, problems: string[]): CheckItem => ({ check, ok: problems.length === 0, problems, summary });

function checkApi(ex: Exercise, file: string): CheckItem {
  const problems: string[] = [];
  if (!suites[ex.suite]) problems.push(`${file}: /suite: unknown suite "${ex.suite}" (known: ${Object.keys(suites).join(", ")})`);
  ex.api.functions.forEach((f, i) => {
    if (!existsSync(join(KIT_ROOT, f.reference))) problems.push(`${file}: /api/functions/${i}/reference: no module ${f.reference} in the kit's reference`);
  });
  return item("api", `suite "${ex.suite}", ${ex.api.functions.length} function(s)`, problems);
}

/** Lines of `text` holding a TODO marker, as "file:line". */
function todos(file: string, text: string): string[] {
  return text.split("\n").flatMap((l, i) => (/\bTODO\b/.test(l) ? [`${file}:${i + 1}: still a TODO: ${l.trim().slice(0, 100)}`] : []));
}

function checkContent(ex: Exercise, casesFile: string): CheckItem {
  const problems: string[] = [];
  const read = (name: string): string => (existsSync(join(ex.dir, name)) ? readFileSync(join(ex.dir, name), "utf8") : "");
  const instructions = read("instructions.md");
  const hints = read("hints.md");
  if (!/^## Task\b/m.test(instructions)) problems.push(`${join(ex.dir, "instructions.md")}: no "## Task" heading`);
  for (const n of [1, 2, 3]) if (!new RegExp(`^## Hint ${n}\\b`, "m").test(hints)) problems.push(`${join(ex.dir, "hints.md")}: no "## Hint ${n}" heading`);
  for (const name of ["exercise.json", "instructions.md", "hints.md", "public.test.ts"]) problems.push(...todos(join(ex.dir, name), read(name)));
  if (existsSync(casesFile)) problems.push(...todos(casesFile, readFileSync(casesFile, "utf8")));
  return item("content", "instructions, three hints, public tests, no TODO left", problems);
}

async function score(ex: Exercise, root: string, entry: string, cases?: string[]): Promise<{ points: number; failing: string[] }> {
  const r = await grade({ exercise: ex, root, entry, seed: 1, cases, disclosure: "category", typecheck: false }); // only the score matters here
  return { points: r.score.points, failing: r.cases.filter((c) => c.status !== "pass").map((c) => c.id) };
}

async function checkProof(ex: Exercise, proof: string, cases?: string[]): Promise<CheckItem> {
  if (!existsSync(proof)) return item("proof", "scores 100", [`${proof}: missing (the proof solution, graded to 100)`]);
  const r = await score(ex, join(proof, ".."), "solution.ts", cases);
  // on a case subset (caseLimit) the points cannot reach 100: every graded case must pass
  const ok = r.failing.length === 0 && (cases !== undefined || r.points === 100);
  const problems = ok ? [] : [`${proof}: scores ${r.points}, not 100 (failing: ${r.failing.slice(0, 5).join(", ")}${r.failing.length > 5 ? ", …" : ""})`];
  return item("proof", "scores 100", problems);
}

async function checkStub(ex: Exercise, cases?: string[]): Promise<CheckItem> {
  const dir = mkdtempSync(join(tmpdir(), "mmkata-stub-"));
  try {
    writeFileSync(join(dir, "solution.ts"), renderStub(ex, "ts"));
    const r = await score(ex, dir, "solution.ts", cases);
    return item("stub", "the generated stub scores 0", r.points === 0 ? [] : [`${join(ex.dir, "exercise.json")}: the stub generated from /api scores ${r.points}, not 0`]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function checkMutants(ex: Exercise, dir: string, limit?: number): Promise<CheckItem> {
  const all = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".ts")).sort() : [];
  if (!all.length) return item("mutants", "every mutant scores < 100", [`${dir}: no mutants (*.ts); add plausible-bug copies of the proof`]);
  const files = all.slice(0, limit);
  if (!files.length) return item("mutants", `${all.length} mutant(s), not graded (quick check)`, []);
  const problems: string[] = [];
  for (const f of files) {
    const r = await score(ex, dir, f);
    if (r.points >= 100) problems.push(`${join(dir, f)}: scores 100; the hidden cases do not catch this mutant`);
  }
  return item("mutants", `${files.length} mutant(s), each scores < 100`, problems);
}

/** Check one kata folder; never throws for a broken kata. */
export async function checkKata(root: string, slug: string, opts: CheckOptions = {}): Promise<KataCheck> {
  const dir = join(root, slug);
  const file = join(dir, "exercise.json");
  const items: CheckItem[] = [];
  const done = (): KataCheck => ({ slug, dir, ok: items.every((i) => i.ok), items });
  let ex: Exercise;
  try {
    ex = loadExerciseDir(dir, slug);
    items.push(item("exercise", "schema and rubric", []));
  } catch (e) {
    items.push(item("exercise", "schema and rubric", [message(e)]));
    return done();
  }
  items.push(checkApi(ex, file));
  items.push(checkContent(ex, handcraftedFile(ex)));
  if (!items[1]!.ok) return done();
  let ids: string[] | undefined;
  try {
    const all = loadCases(ex, suites[ex.suite]!, opts.seed ?? 1);
    if (opts.caseLimit !== undefined) ids = all.slice(0, opts.caseLimit).map((c) => c.id);
    items.push(item("cases", `${all.length} hidden cases, each in exactly one rubric group`, []));
  } catch (e) {
    const text = message(e);
    items.push(item("cases", "hidden cases load, each in exactly one rubric group", [text.startsWith("/") ? text : `${handcraftedFile(ex)}: ${text}`]));
    return done();
  }
  const meta = metaPaths(root, slug);
  const graded: [CheckName, string, () => Promise<CheckItem>][] = [
    ["proof", "scores 100", () => checkProof(ex, meta.proof, ids)],
    ["stub", "the generated stub scores 0", () => checkStub(ex, ids)],
    ["mutants", "every mutant scores < 100", () => checkMutants(ex, meta.mutants, opts.mutantLimit)],
  ];
  for (const [check, summary, run] of graded) {
    try {
      items.push(await run());
    } catch (e) {
      items.push(item(check, summary, [`${join(dir, "exercise.json")}: grading failed: ${message(e)}`])); // e.g. the suite itself is broken
    }
  }
  return done();
}

/** Check every kata under `root` (or opts.slugs), `jobs` at a time; results in slug order. */
export async function checkCatalog(root: string, opts: CheckOptions = {}): Promise<CatalogCheck> {
  const abs = resolve(root);
  const slugs = opts.slugs ?? listSlugs(abs);
  const kata: (KataCheck | undefined)[] = slugs.map(() => undefined);
  let next = 0;
  let reported = 0;
  const worker = async (): Promise<void> => {
    while (next < slugs.length) {
      const i = next++;
      kata[i] = await checkKata(abs, slugs[i]!, opts);
      for (; reported < slugs.length && kata[reported]; reported++) opts.onKata?.(kata[reported]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.jobs ?? 1, slugs.length)) }, worker));
  const done = kata as KataCheck[];
  return { root: abs, ok: done.length > 0 && done.every((k) => k.ok), kata: done };
}

/**
 * `scaffoldKata()`: a new kata folder for an external catalog, rendered from
 * templates/authoring/. The result is a kata that loads and grades from the
 * start (schema-valid exercise.json, a case file whose one case matches the
 * rubric) but still holds TODO markers, a placeholder proof solution (the stub,
 * so it scores 0) and no mutants: exactly what `mmkata check-catalog` lists as
 * left to do.
 *
 * The API skeleton, kernel references, track, generator and first hidden case
 * are copied from the kit's first kata of the chosen suite, because only the
 * suite's op binding decides which functions a kata may target.
 *
 * Layout written under <root>/<slug>/:
 *   exercise.json  instructions.md  hints.md  public.test.ts  cases.json
 *   .meta/solution.ts  .meta/mutants/README.md
 */

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { didYouMean, usageError } from "../cli/errors.js";
import { suites } from "../suites/index.js";
import { listSlugs, loadExerciseDir } from "./catalog.js";
import { handcraftedFile } from "./cases.js";
import type { Exercise } from "./exercise-types.js";
import { EXERCISES_DIR } from "./paths.js";
import { renderTemplate } from "./render-template.js";
import { renderStub } from "./stubs.js";

export const SLUG_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export interface ScaffoldOptions {
  slug: string;
  /** catalog root; the kata goes in <root>/<slug> */
  root: string;
  suite?: string;
  title?: string;
}

export interface ScaffoldResult {
  dir: string;
  /** paths relative to dir */
  written: string[];
  /** the kit's kata whose API and first case were copied */
  from: string;
}

/** The kit's first kata (by slug) of `suite`; an unknown suite is a usage error. */
function templateKata(suite: string): Exercise {
  const all = listSlugs(EXERCISES_DIR).flatMap((slug) => {
    try {
      return [loadExerciseDir(join(EXERCISES_DIR, slug), slug)]; // a kata being written by someone is skipped
    } catch {
      return [];
    }
  }).filter((e) => suites[e.suite]);
  const names = [...new Set(all.map((e) => e.suite))].sort();
  const pick = all.filter((e) => e.suite === suite).sort((a, b) => a.slug.localeCompare(b.slug))[0];
  if (!pick) {
    const guess = didYouMean(suite, names);
    throw usageError(`unknown suite "${suite}"`, guess ? `did you mean "${guess}"? (suites: ${names.join(", ")})` : `suites: ${names.join(", ")}`);
  }
  return pick;
}

/** The first handcrafted case of `from`, renamed into the new kata's id space. */
function firstCase(from: Exercise, slug: string): string {
  const data = JSON.parse(readFileSync(handcraftedFile(from), "utf8")) as { cases: { setup?: unknown; ops: unknown[] }[] };
  const c = data.cases[0]!;
  const copy = { id: `${slug}.basic.1`, title: `TODO: a handcrafted case (copied from ${from.slug})`, ...(c.setup === undefined ? {} : { setup: c.setup }), ops: c.ops };
  return JSON.stringify([copy], null, 1).replace(/\n/g, "\n ");
}

function view(o: Required<Omit<ScaffoldOptions, "root">>, from: Exercise): Record<string, unknown> {
  const gen = from.cases.generated?.[0];
  const generated = gen ? [{ id: `${o.slug}.random`, generator: gen.generator, title: gen.title ?? gen.generator, count: 5, ops: gen.ops, ...(gen.params ? { params: gen.params } : {}) }] : [];
  const names = from.api.functions.map((f) => f.name);
  return {
    slug: o.slug,
    title: o.title,
    suite: o.suite,
    track: from.track,
    from: from.slug,
    api: JSON.stringify(from.api, null, 2).replace(/\n/g, "\n  "),
    kernelRefs: JSON.stringify(from.kernelRefs),
    generated: JSON.stringify(generated),
    basicGlob: `${o.slug}.basic.*`,
    randomGlob: gen ? `${o.slug}.random.*` : `${o.slug}.basic.*`,
    functions: names,
    functionList: names.join(", "),
    cases: firstCase(from, o.slug),
  };
}

/** Write a new kata folder; refuses a bad slug or an existing folder (usage errors). */
export function scaffoldKata(opts: ScaffoldOptions): ScaffoldResult {
  if (!SLUG_PATTERN.test(opts.slug)) throw usageError(`"${opts.slug}" is not a valid kata slug`, "use kebab-case: lower-case letters and digits, words joined by '-', e.g. buddy-merge-order");
  const dir = join(opts.root, opts.slug);
  if (existsSync(dir)) throw usageError(`${dir} already exists`, "choose another slug or --dir; mmkata new never overwrites a kata");
  const suite = opts.suite ?? "buddy";
  const from = templateKata(suite);
  const v = view({ slug: opts.slug, suite, title: opts.title ?? `TODO: title of ${opts.slug}` }, from);
  const files: [string, string][] = [
    ["exercise.json", renderTemplate("authoring/exercise.json.hbs", v)],
    ["instructions.md", renderTemplate("authoring/instructions.md.hbs", { ...v, kernelRefs: from.kernelRefs })],
    ["hints.md", renderTemplate("authoring/hints.md.hbs", v)],
    ["public.test.ts", renderTemplate("authoring/public.test.ts.hbs", v)],
    ["cases.json", renderTemplate("authoring/cases.json.hbs", v)],
    [".meta/solution.ts", renderTemplate("authoring/solution.ts.hbs", { slug: opts.slug, stub: renderStub({ slug: opts.slug, title: String(v.title), api: from.api }, "ts") })],
    [".meta/mutants/README.md", renderTemplate("authoring/mutants-README.md.hbs", v)],
  ];
  mkdirSync(join(dir, ".meta", "mutants"), { recursive: true });
  for (const [rel, text] of files) writeFileSync(join(dir, rel), text);
  return { dir, written: files.map(([rel]) => rel), from: from.slug };
}

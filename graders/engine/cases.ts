/**
 * The hidden cases of a kata: handcrafted ones from
 * graders/suites/<suite>/cases/<file> (or, when the name starts with "./",
 * from the exercise's own folder: how an external catalog ships its cases),
 * plus seeded generated traces. Each
 * generated case's seed derives from the run seed and its id, so
 * `--seed S --case ID` rebuilds exactly the case a report names.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Rng } from "../../reference/core/rng.js";
import { inputError, usageError, didYouMean } from "../cli/errors.js";
import { validateAgainst } from "./ajv.js";
import { SUITES_DIR } from "./paths.js";
import type { Exercise, RubricGroup } from "./exercise-types.js";
import type { Op } from "../runtime/protocol.js";
import type { Suite } from "../suites/index.js";

export interface HiddenCase {
  id: string;
  title: string;
  group: string;
  /** set for generated cases */
  seed?: number;
  setup: unknown;
  ops: Op[];
}

const caseFileSchema = {
  type: "object",
  additionalProperties: false,
  required: ["cases"],
  properties: {
    $comment: { type: "string" },
    cases: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["id", "title", "ops"],
        properties: {
          id: { type: "string", pattern: "^[a-z][a-z0-9-]*(\\.[a-z0-9-]+)+$" },
          title: { type: "string" },
          setup: { type: "object" },
          ops: { type: "array", minItems: 1, items: { type: "object", required: ["op"], properties: { op: { type: "string" } } } },
        },
      },
    },
  },
};

/** Glob over case ids: `*` matches any run of characters. */
export function globToRegExp(glob: string): RegExp {
  return new RegExp("^" + glob.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*") + "$");
}

/** The rubric group a case id belongs to; exactly one must match. */
export function groupOf(id: string, rubric: readonly RubricGroup[]): string[] {
  return rubric.filter((g) => g.cases.some((glob) => globToRegExp(glob).test(id))).map((g) => g.id);
}

/** A 32-bit seed for one generated case, from the run seed and the case id. */
export function caseSeed(runSeed: number, id: string): number {
  return new Rng(runSeed).fork(id).next();
}

/** The handcrafted case file: "./x.json" is next to exercise.json, anything else under the suite's cases/. */
export function handcraftedFile(ex: Pick<Exercise, "suite" | "cases" | "dir">): string {
  const name = ex.cases.handcrafted;
  return name.startsWith("./") ? join(ex.dir, name) : join(SUITES_DIR, ex.suite, "cases", name);
}

function loadHandcrafted(ex: Exercise): { id: string; title: string; setup?: unknown; ops: Op[] }[] {
  const file = handcraftedFile(ex);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw inputError(`${file}: cannot read hidden cases: ${(e as Error).message}`);
  }
  const problems = validateAgainst(caseFileSchema, data);
  if (problems.length) throw inputError(`${file} is not a valid case file:\n  - ${problems.join("\n  - ")}`);
  return (data as { cases: { id: string; title: string; setup?: unknown; ops: Op[] }[] }).cases;
}

function assign(ex: Exercise, id: string, where: string): string {
  const groups = groupOf(id, ex.rubric);
  if (groups.length !== 1) throw inputError(`${where}: ${ex.slug}: case "${id}" matches ${groups.length ? "rubric groups " + groups.join(", ") : "no rubric group"}; it must match exactly one`);
  return groups[0]!;
}

/** Every hidden case of the kata, in a stable order (handcrafted first). */
export function loadCases(ex: Exercise, suite: Suite, runSeed: number): HiddenCase[] {
  const out: HiddenCase[] = [];
  const seen = new Set<string>();
  const file = handcraftedFile(ex);
  const add = (c: HiddenCase): void => {
    if (seen.has(c.id)) throw inputError(`${file}: hidden case id "${c.id}" is used twice (${ex.slug})`);
    seen.add(c.id);
    out.push(c);
  };
  for (const c of loadHandcrafted(ex)) {
    let setup: unknown;
    try {
      setup = suite.materialize(c.setup);
    } catch (e) {
      throw inputError(`${file}: case "${c.id}": bad setup: ${String((e as Error)?.message ?? e)}`);
    }
    add({ id: c.id, title: c.title, group: assign(ex, c.id, file), setup, ops: c.ops });
  }
  for (const g of ex.cases.generated ?? []) {
    const gen = suite.generators[g.generator];
    if (!gen) throw inputError(`${ex.slug}: unknown generator "${g.generator}" (suite ${suite.name} has: ${Object.keys(suite.generators).join(", ")})`);
    for (let i = 0; i < g.count; i++) {
      const id = `${g.id}.${i}`;
      const seed = caseSeed(runSeed, id);
      const t = gen(new Rng(seed), g.ops, g.params ?? {});
      add({ id, title: `${g.title ?? g.generator} #${i} (${g.ops} ops)`, group: assign(ex, id, `generated cases "${g.id}"`), seed, setup: t.setup, ops: t.ops });
    }
  }
  for (const grp of ex.rubric) {
    if (!out.some((c) => c.group === grp.id)) throw inputError(`${ex.slug}: rubric group "${grp.id}" matches no hidden case (neither in ${file} nor generated)`);
  }
  return out;
}

/** Keep only the cases named by --case (exact ids or globs). Unknown → usage error. */
export function filterCases(cases: HiddenCase[], patterns: readonly string[]): HiddenCase[] {
  if (!patterns.length) return cases;
  const picked = cases.filter((c) => patterns.some((p) => globToRegExp(p).test(c.id)));
  if (!picked.length) {
    const guess = didYouMean(patterns[0]!, cases.map((c) => c.id));
    throw usageError(`--case ${patterns.join(", ")} matches no hidden case`, guess ? `did you mean "${guess}"?` : "case ids look like buddy.free.cascade.1; see a report for the ids");
  }
  return picked;
}

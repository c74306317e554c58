/**
 * The kata catalog: every folder under exercises/ holding an exercise.json.
 *
 * loadExercise() validates the file against exercises/exercise.schema.json and
 * then checks what a schema cannot: the slug equals the folder name, rubric
 * group ids are unique, parents exist and form no cycle, the points add up to
 * 100, and the content files exist. Every problem is reported with the file
 * and the JSON path, never as a stack trace.
 */

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { inputError, usageError, didYouMean } from "../cli/errors.js";
import { validateAgainst } from "./ajv.js";
import { EXERCISES_DIR, SUITES_DIR } from "./paths.js";
import type { Exercise, RubricGroup } from "./exercise-types.js";

export type { Exercise, RubricGroup, ApiFunction, ApiParam, IdlType } from "./exercise-types.js";

const CONTENT_FILES = ["instructions.md", "hints.md", "public.test.ts"] as const;

let schemaCache: object | undefined;
function exerciseSchema(): object {
  schemaCache ??= JSON.parse(readFileSync(join(EXERCISES_DIR, "exercise.schema.json"), "utf8")) as object;
  return schemaCache;
}

/** Semantic checks on a schema-valid exercise; returns sentences. */
export function checkRubric(groups: readonly RubricGroup[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const g of groups) {
    if (ids.has(g.id)) problems.push(`/rubric: group id "${g.id}" is used twice`);
    ids.add(g.id);
  }
  for (const g of groups) {
    if (g.parent !== undefined && !ids.has(g.parent)) problems.push(`/rubric: group "${g.id}" names parent "${g.parent}", which is not a group`);
  }
  const byId = new Map(groups.map((g) => [g.id, g]));
  for (const g of groups) {
    const seen = new Set<string>();
    for (let cur: RubricGroup | undefined = g; cur?.parent !== undefined; cur = byId.get(cur.parent)) {
      if (seen.has(cur.id)) {
        problems.push(`/rubric: group "${g.id}" is its own ancestor (parent cycle)`);
        break;
      }
      seen.add(cur.id);
    }
  }
  const total = groups.reduce((s, g) => s + g.points, 0);
  if (total !== 100) problems.push(`/rubric: points add up to ${total}, not 100`);
  return problems;
}

/** Parse and fully validate one exercise folder. Throws an input error listing every problem. */
export function loadExerciseDir(dir: string, folderName: string): Exercise {
  const file = join(dir, "exercise.json");
  let text: string;
  let data: unknown;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw inputError(`${file}: cannot read it: ${(e as Error).message}`);
  }
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw inputError(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  const problems = validateAgainst(exerciseSchema(), data);
  if (problems.length === 0) {
    const ex = data as Exercise;
    if (ex.slug !== folderName) problems.push(`/slug: "${ex.slug}" does not match its folder name "${folderName}"`);
    problems.push(...checkRubric(ex.rubric));
    for (const f of CONTENT_FILES) if (!existsSync(join(dir, f))) problems.push(`missing file ${f}`);
    if (ex.cases.handcrafted.startsWith("./") && !existsSync(join(dir, ex.cases.handcrafted))) problems.push(`/cases/handcrafted: missing file ${ex.cases.handcrafted}`);
  }
  if (problems.length) throw inputError(`${file} is not a valid exercise:\n  - ${problems.join("\n  - ")}`);
  return withLocalCases({ ...(data as Exercise), dir });
}

/**
 * An external kata's "./cases.json" names a file next to its exercise.json. It
 * is rewritten relative to graders/suites/<suite>/cases/, so every reader that
 * joins the name under the suite's folder (cases.ts, grade.ts's suite hash)
 * reaches the same file.
 */
function withLocalCases(ex: Exercise): Exercise {
  const name = ex.cases.handcrafted;
  if (!name.startsWith("./")) return ex;
  const local = relative(join(SUITES_DIR, ex.suite, "cases"), join(ex.dir, name));
  return { ...ex, cases: { ...ex.cases, handcrafted: local } };
}

/** Slugs of every kata folder, sorted. */
export function listSlugs(root: string = EXERCISES_DIR): string[] {
  if (!existsSync(root) || !statSync(root).isDirectory()) throw inputError(`${root}: the catalog folder does not exist or is not a folder`);
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, "exercise.json")))
    .map((d) => d.name)
    .sort();
}

/** Load one kata by slug; an unknown slug is a usage error with a suggestion. */
export function loadExercise(slug: string, root: string = EXERCISES_DIR): Exercise {
  const slugs = listSlugs(root);
  if (!slugs.includes(slug)) {
    const guess = didYouMean(slug, slugs);
    throw usageError(`unknown kata "${slug}"`, guess ? `did you mean "${guess}"? (mmkata list shows them all)` : "run `mmkata list` to see every kata");
  }
  return loadExerciseDir(join(root, slug), slug);
}

/** Every kata, validated; ordered by track then difficulty then slug. */
export function loadCatalog(root: string = EXERCISES_DIR): Exercise[] {
  return listSlugs(root)
    .map((s) => loadExerciseDir(join(root, s), s))
    .sort((a, b) => a.track.localeCompare(b.track) || a.difficulty - b.difficulty || a.slug.localeCompare(b.slug));
}

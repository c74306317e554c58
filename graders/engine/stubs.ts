/**
 * Solution stubs, rendered from an exercise's `api` IDL with the Handlebars
 * templates in templates/stubs/<lang>/solution.<lang>.hbs.
 *
 * IDL types map to TypeScript as: int, pfn, order, migratetype → number;
 * u64, vaddr, paddr → bigint; bool → boolean; string; void; a capitalised
 * name (Zone, …) → that class from mmkata/kata; `T[]` → an array.
 * Every function body throws "<name>: not implemented yet", so a fresh stub
 * fails every test and scores 0.
 *
 * Who calls it: `mmkata start` (renders the stub into a new workspace) and
 * scripts/gen.mjs, which keeps the committed exercises/<slug>/stub/ files equal
 * to what the templates produce (test/generation.test.ts checks the same).
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { inputError } from "../cli/errors.js";
import { validateAgainst } from "./ajv.js";
import { listSlugs } from "./catalog.js";
import type { Exercise, IdlType } from "./exercise-types.js";
import { EXERCISES_DIR } from "./paths.js";
import { renderTemplate } from "./render-template.js";

export type StubLang = "ts" | "js";
export const STUB_LANGS: readonly StubLang[] = ["ts", "js"];

/** What a stub needs from an exercise. */
export type StubSource = Pick<Exercise, "slug" | "title" | "api">;

const PRIMITIVE: Record<string, string> = {
  int: "number",
  pfn: "number",
  order: "number",
  migratetype: "number",
  u64: "bigint",
  vaddr: "bigint",
  paddr: "bigint",
  bool: "boolean",
  string: "string",
  void: "void",
};

/** The TypeScript (and JSDoc) spelling of an IDL type; kit type names map to themselves. */
export function tsType(t: IdlType): string {
  const array = t.endsWith("[]");
  const base = array ? t.slice(0, -2) : t;
  return (PRIMITIVE[base] ?? base) + (array ? "[]" : "");
}

const DOC_WIDTH = 90; // text width inside a ` * ` doc-comment line
const IMPORT_WIDTH = 100; // a longer import statement is split one name per line

/** Text made safe inside a block comment: a `*\/` in it cannot end the comment. */
const commentSafe = (text: string): string => text.replaceAll("*/", "*\\/");

/** Greedy word wrap of comment text; never breaks a word. */
export function wrapText(text: string, width: number = DOC_WIDTH): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of commentSafe(text).split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** The view the stub templates render: every value precomputed, no logic in templates. */
function stubView(ex: StubSource, lang: StubLang): object {
  const inline = ex.api.imports.join(", ");
  const fitsOneLine = `import { ${inline} } from "mmkata/kata";`.length <= IMPORT_WIDTH;
  return {
    slug: ex.slug,
    title: ex.title,
    imports: ex.api.imports,
    importLine: ex.api.imports.length > 0 && fitsOneLine ? inline : null,
    functions: ex.api.functions.map((f) => ({
      name: f.name,
      docLines: wrapText(f.doc),
      params: f.params.map((p) => ({ name: p.name, jsdocType: `{${tsType(p.type)}}`, doc: commentSafe(p.doc) })),
      signature: f.params.map((p) => (lang === "ts" ? `${p.name}: ${tsType(p.type)}` : p.name)).join(", "),
      returnType: tsType(f.returns.type),
      jsdocReturnType: `{${tsType(f.returns.type)}}`,
      returnsDoc: f.returns.doc === undefined ? null : commentSafe(f.returns.doc),
      returnsValue: f.returns.type !== "void",
      see: commentSafe(f.see),
    })),
  };
}

/** The stub file for `lang`, as text. Throws if a template names a missing variable. */
export function renderStub(exercise: StubSource, lang: StubLang): string {
  return renderTemplate(join("stubs", lang, `solution.${lang}.hbs`), stubView(exercise, lang));
}

/** File name of the learner's solution in a workspace. */
export const solutionFile = (lang: StubLang): string => `solution.${lang}`;

let schemaCache: object | undefined;

/**
 * Read an exercise.json for stub generation: schema-validated, but without the
 * catalog's content-file checks (a stub depends on exercise.json alone).
 */
export function readStubSource(root: string, slug: string): StubSource {
  const file = join(root, slug, "exercise.json");
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw inputError(`${file}: cannot read it as JSON: ${(e as Error).message}`);
  }
  schemaCache ??= JSON.parse(readFileSync(join(EXERCISES_DIR, "exercise.schema.json"), "utf8")) as object;
  const problems = validateAgainst(schemaCache, data);
  if (problems.length) throw inputError(`${file} is not a valid exercise:\n  - ${problems.join("\n  - ")}`);
  return data as StubSource;
}

/** Every committed stub file (absolute path) with the content it must have. */
export function expectedStubs(root: string = EXERCISES_DIR): { file: string; content: string }[] {
  return listSlugs(root).flatMap((slug) => {
    const ex = readStubSource(root, slug);
    return STUB_LANGS.map((lang) => ({ file: join(root, slug, "stub", solutionFile(lang)), content: renderStub(ex, lang) }));
  });
}

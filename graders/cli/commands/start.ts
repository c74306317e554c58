/**
 * `mmkata start <slug> [--dir D] [--lang ts|js] [--force]`: create a workspace.
 *
 * Every file comes from a template under templates/workspace/ (the solution
 * from templates/stubs/ via renderStub), except public.test.ts, copied from the
 * exercise. A non-empty folder is refused unless --force; even then start only
 * (re)writes the kit's files and never touches an existing solution file.
 */

import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, resolve } from "node:path";
import { Option, type Command } from "commander";
import { loadExercise, type Exercise } from "../../engine/catalog.js";
import { KIT_ROOT, KIT_VERSION } from "../../engine/paths.js";
import { renderTemplate } from "../../engine/render-template.js";
import { renderStub, solutionFile, type StubLang } from "../../engine/stubs.js";
import { MANIFEST } from "../../engine/workspace.js";
import { usageError } from "../errors.js";

export interface StartOptions {
  /** workspace folder; default ./<slug> */
  dir?: string;
  lang?: StubLang;
  force?: boolean;
  /** base for a relative --dir (default process.cwd()) */
  cwd?: string;
  /** folder holding the kata (tests point it at fixtures) */
  root?: string;
}

export interface StartResult {
  slug: string;
  title: string;
  lang: StubLang;
  /** absolute workspace folder */
  dir: string;
  written: string[];
  /** existing learner files left as they were */
  kept: string[];
}

/** The exact version of `pkg` installed with the kit, else the range the kit declares. */
export function kitDependencyVersion(pkg: string): string {
  try {
    const file = createRequire(join(KIT_ROOT, "package.json")).resolve(`${pkg}/package.json`);
    return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
  } catch {
    const kit = JSON.parse(readFileSync(join(KIT_ROOT, "package.json"), "utf8")) as Record<string, Record<string, string> | undefined>;
    return kit.dependencies?.[pkg] ?? kit.devDependencies?.[pkg] ?? "*";
  }
}

/** Every file of a workspace: [name, content, learner-owned?]. */
export function workspaceFiles(ex: Exercise, lang: StubLang): [string, string, boolean][] {
  const entry = solutionFile(lang);
  const devDependencies = [
    { name: "mmkata", spec: `file:${KIT_ROOT}` },
    ...(lang === "ts" ? [{ name: "@types/node", spec: kitDependencyVersion("@types/node") }, { name: "typescript", spec: kitDependencyVersion("typescript") }] : []),
    { name: "vitest", spec: kitDependencyVersion("vitest") },
  ];
  const view = {
    slug: ex.slug,
    title: ex.title,
    language: lang,
    entry,
    kitVersion: KIT_VERSION,
    packageName: `mmkata-${ex.slug}`,
    typecheck: lang === "ts",
    devDependencies,
    instructions: readFileSync(join(ex.dir, "instructions.md"), "utf8").trimEnd(),
  };
  const t = (name: string): string => renderTemplate(join("workspace", `${name}.hbs`), view);
  return [
    ["package.json", t("package.json"), false],
    [".npmrc", t("npmrc"), false],
    [".gitignore", t("gitignore"), false],
    ["vitest.config.js", t("vitest.config.js"), false],
    ...(lang === "ts" ? [["tsconfig.json", t("tsconfig.json"), false] as [string, string, boolean]] : []),
    ["README.md", t("README.md"), false],
    [MANIFEST, t("mmkata.json"), false],
    ["public.test.ts", readFileSync(join(ex.dir, "public.test.ts"), "utf8"), false],
    [entry, renderStub(ex, lang), true],
  ];
}

/** Refuse a file, or a non-empty folder without --force. */
function checkTarget(dir: string, shown: string, force: boolean): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw usageError(`${shown} exists and is not a folder`, "choose another folder with --dir");
  if (!force && readdirSync(dir).length > 0) {
    throw usageError(
      `${shown} already exists and is not empty`,
      "choose another folder with --dir, or pass --force to rewrite the kit's files there (your solution file is kept)",
    );
  }
}

/** Create the workspace for `slug`; returns what was written and kept. */
export async function start(slug: string, opts: StartOptions = {}): Promise<StartResult> {
  const lang = opts.lang ?? "ts";
  if (lang !== "ts" && lang !== "js") throw usageError(`unknown language "${String(lang)}"`, 'use --lang ts or --lang js');
  const ex = loadExercise(slug, opts.root);
  const cwd = opts.cwd ?? process.cwd();
  const dir = resolve(cwd, opts.dir ?? ex.slug);
  checkTarget(dir, opts.dir ?? ex.slug, opts.force ?? false);
  const files = workspaceFiles(ex, lang);
  mkdirSync(dir, { recursive: true });
  const result: StartResult = { slug: ex.slug, title: ex.title, lang, dir, written: [], kept: [] };
  for (const [name, content, learnerOwned] of files) {
    const file = join(dir, name);
    if (learnerOwned && existsSync(file)) result.kept.push(name);
    else {
      writeFileSync(file, content);
      result.written.push(name);
    }
  }
  return result;
}

/** What `mmkata start` prints: what it did, then the next steps. */
export function formatStart(r: StartResult, cwd: string = process.cwd()): string {
  const relPath = relative(cwd, r.dir) || ".";
  const rel = relPath.startsWith("..") ? r.dir : relPath;
  const shown = /\s/.test(rel) ? JSON.stringify(rel) : rel;
  const lines = [`Created the ${r.lang === "ts" ? "TypeScript" : "JavaScript"} workspace for "${r.title}" in ${shown}/`, `  wrote ${r.written.join(", ")}`];
  for (const k of r.kept) lines.push(`  kept your ${k} as it was (not overwritten)`);
  lines.push("", "Next steps:");
  if (rel !== ".") lines.push(`  cd ${shown}`);
  lines.push(
    "  npm install       # once: vitest and a link to the mmkata kit",
    "  npm test          # the public tests (npm run test:watch re-runs them on save)",
    "  npm run grade     # the hidden suite",
    `Write your code in ${solutionFile(r.lang)}; stuck? npx mmkata hint`,
  );
  return lines.join("\n") + "\n";
}

export function register(program: Command): void {
  program
    .command("start")
    .description("create a workspace for a kata: stub, public tests, package.json")
    .argument("<slug>", "the kata (see `mmkata list`)")
    .option("--dir <dir>", "workspace folder (default: ./<slug>)")
    .addOption(new Option("--lang <lang>", "language of the stub").choices(["ts", "js"]).default("ts"))
    .option("--force", "write into a non-empty folder (only the kit's files; your solution is kept)")
    .action(async (slug: string, opts: { dir?: string; lang: StubLang; force?: boolean }) => {
      process.stdout.write(formatStart(await start(slug, opts)));
    });
}

/**
 * CI workflows from templates/ci/*.hbs (`mmkata ci init github|gitlab`).
 *
 * GitHub Actions: .github/workflows/mmkata.yml — checkout, setup-node, install
 * the kit, `mmkata grade` with terminal/json/junit/markdown/html/github
 * formats into mmkata-reports/ and `--min-score` (the step fails below it),
 * the annotations printed as workflow commands, the step summary appended by
 * the github format itself, and the reports uploaded as an artifact even when
 * grading failed. GitLab CI: .gitlab-ci.yml — the same on a node image, the
 * JUnit file as the test report, every format as an artifact.
 * Both end with a commented shard-matrix example (grade-batch --shard i/n, merge).
 */

import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { inputError, usageError } from "../cli/errors.js";
import { loadExercise } from "./catalog.js";
import { KIT_VERSION } from "./paths.js";
import { renderTemplate } from "./render-template.js";

export const CI_PROVIDERS = ["github", "gitlab"] as const;
export type CiProvider = (typeof CI_PROVIDERS)[number];

/** Where each provider reads its workflow, relative to the repository root. */
export const CI_FILES: Record<CiProvider, string> = {
  github: join(".github", "workflows", "mmkata.yml"),
  gitlab: ".gitlab-ci.yml",
};

export interface CiOptions {
  exercise?: string;
  minScore?: number;
  /** npm install spec of the kit (default mmkata@<this version>) */
  kitSpec?: string;
  /** the workspace folder inside the repository (default ".") */
  workspace?: string;
  /** catalog root (tests) */
  root?: string;
}

/** The workflow text for a provider. */
export function renderCiWorkflow(provider: CiProvider, o: CiOptions = {}): string {
  if (!CI_PROVIDERS.includes(provider)) throw usageError(`unknown CI provider "${String(provider)}"`, `use one of: ${CI_PROVIDERS.join(", ")}`);
  if (o.exercise) loadExercise(o.exercise, o.root); // an unknown kata is a usage error now, not a red CI run later
  const workspace = o.workspace ?? ".";
  if (!/^[A-Za-z0-9._/-]+$/.test(workspace)) throw usageError(`--workspace "${workspace}": use a plain relative path (letters, digits, . _ / -)`);
  const view = {
    exercise: o.exercise ?? null,
    minScore: o.minScore ?? 100,
    kitSpec: o.kitSpec ?? `mmkata@${KIT_VERSION}`,
    workspace,
    nodeVersion: "20.19",
    nodeImage: "20",
    shard: "${{ matrix.shard }}",
  };
  return renderTemplate(join("ci", provider === "github" ? "github.yml.hbs" : "gitlab-ci.yml.hbs"), view);
}

/** Write the workflow under dir; refuses to overwrite unless force. Returns the file. */
export function writeCiWorkflow(provider: CiProvider, dir: string, o: CiOptions & { force?: boolean } = {}): string {
  const text = renderCiWorkflow(provider, o);
  const file = resolve(dir, CI_FILES[provider]);
  if (existsSync(file) && !o.force) throw usageError(`${file} already exists`, "pass --force to replace it");
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  } catch (e) {
    throw inputError(`cannot write ${file}: ${(e as Error).message}`);
  }
  return file;
}

/**
 * A learner's workspace: a folder with a `.mmkata.json` manifest written by
 * `mmkata start` ({slug, language, entry, kitVersion}). Grading reads it to
 * know the kata and the entry file; `--exercise` and `--entry` override it, so
 * a bare folder (a bootcamp's checkout of a submission) can be graded too.
 */

import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { inputError, usageError } from "../cli/errors.js";
import { validateAgainst } from "./ajv.js";

export interface WorkspaceManifest {
  slug: string;
  language: "ts" | "js";
  entry: string;
  kitVersion?: string;
}

export const MANIFEST = ".mmkata.json";

const manifestSchema = {
  type: "object",
  required: ["slug", "language", "entry"],
  properties: {
    slug: { type: "string", minLength: 1 },
    language: { enum: ["ts", "js"] },
    entry: { type: "string", pattern: "^[^/\\\\][^\\\\]*$" },
    kitVersion: { type: "string" },
  },
};

/** Read and validate the manifest in dir; undefined when there is none. */
export function readManifest(dir: string): WorkspaceManifest | undefined {
  const file = join(dir, MANIFEST);
  if (!existsSync(file)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw inputError(`${file}: not valid JSON: ${(e as Error).message}`, "re-create it with `mmkata start <slug> --dir <folder> --force`");
  }
  const problems = validateAgainst(manifestSchema, data);
  if (problems.length) throw inputError(`${file} is not a valid workspace manifest:\n  - ${problems.join("\n  - ")}`);
  return data as WorkspaceManifest;
}

export interface ResolvedWorkspace {
  root: string;
  slug: string;
  entry: string;
}

/** Work out what to grade from a folder and optional overrides. */
export function resolveWorkspace(dir: string, over: { exercise?: string; entry?: string }): ResolvedWorkspace {
  const root = resolve(dir);
  if (!existsSync(root)) throw usageError(`workspace folder ${dir} does not exist`);
  const m = readManifest(root);
  const slug = over.exercise ?? m?.slug;
  if (!slug) throw usageError(`${root} is not an mmkata workspace (no ${MANIFEST})`, "run `mmkata start <slug>` to create one, or pass --exercise <slug> [--entry file]");
  const entry = over.entry ?? m?.entry ?? (existsSync(join(root, "solution.ts")) ? "solution.ts" : "solution.js");
  return { root, slug, entry };
}

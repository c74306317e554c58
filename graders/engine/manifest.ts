/**
 * The workspace manifest, `.mmkata.json`, written by `mmkata start` at the top
 * of a learner's workspace:
 *
 *   { "slug": "buddy-coalesce", "language": "ts", "entry": "solution.ts", "kitVersion": "0.1.0" }
 *
 * Commands run inside a workspace (hint, grade) find it by walking up from the
 * current directory, the way git finds .git.
 */

import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { inputError } from "../cli/errors.js";

export const MANIFEST_FILE = ".mmkata.json";

export interface WorkspaceManifest {
  slug: string;
  language: "ts" | "js";
  entry: string;
  kitVersion: string;
}

export interface Workspace {
  /** absolute folder holding .mmkata.json */
  dir: string;
  manifest: WorkspaceManifest;
}

/** Parse and check one manifest file; a bad one is an input error naming the file. */
export function readManifest(file: string): WorkspaceManifest {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw inputError(`${file}: not valid JSON: ${(e as Error).message}`, "re-create the workspace with `mmkata start <slug> --force` (your solution is kept)");
  }
  const m = data as Partial<WorkspaceManifest> | null;
  const problems: string[] = [];
  if (typeof m !== "object" || m === null || Array.isArray(m)) problems.push("it must be a JSON object");
  else {
    for (const key of ["slug", "entry", "kitVersion"] as const) if (typeof m[key] !== "string" || m[key] === "") problems.push(`"${key}" must be a non-empty string`);
    if (m.language !== "ts" && m.language !== "js") problems.push(`"language" must be "ts" or "js"`);
  }
  if (problems.length) throw inputError(`${file} is not a valid workspace manifest: ${problems.join("; ")}`, "re-create it with `mmkata start <slug> --force` (your solution is kept)");
  return m as WorkspaceManifest;
}

/** The workspace containing `from` (or `from` itself), or undefined when there is none. */
export function findWorkspace(from: string = process.cwd()): Workspace | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const file = join(dir, MANIFEST_FILE);
    if (existsSync(file)) return { dir, manifest: readManifest(file) };
    if (dirname(dir) === dir) return undefined;
  }
}

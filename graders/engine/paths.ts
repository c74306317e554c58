/**
 * Where the kit lives. Works from the TypeScript sources (graders/engine) and
 * from the compiled output (dist/graders/engine): both walk up to the folder
 * holding mmkata's package.json.
 */

import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findKitRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "mmkata") return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error("mmkata: cannot find the kit's package.json above " + fileURLToPath(import.meta.url));
    dir = up;
  }
}

/** Absolute path of the installed kit (the folder with mmkata's package.json). */
export const KIT_ROOT = findKitRoot();
export const EXERCISES_DIR = join(KIT_ROOT, "exercises");
export const SUITES_DIR = join(KIT_ROOT, "graders", "suites");
export const TEMPLATES_DIR = join(KIT_ROOT, "templates");

/** The kit's version from package.json. */
export const KIT_VERSION: string = (JSON.parse(readFileSync(join(KIT_ROOT, "package.json"), "utf8")) as { version: string }).version;

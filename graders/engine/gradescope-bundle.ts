/**
 * A Gradescope autograder zip (`mmkata gradescope bundle --exercise slug`):
 *   setup.sh        installs Node.js (≥ 20.19) and the mmkata kit (templates/gradescope/setup.sh.hbs)
 *   run_autograder  grades /autograder/submission with --format gradescope into
 *                   /autograder/results/results.json; writes a zero-score
 *                   results.json saying why when grading could not run
 * Both are executable (mode 0755 in the zip). The root can be moved with
 * $AUTOGRADER_ROOT and the command with $MMKATA_BIN, which is how the tests run
 * run_autograder against a fake /autograder in a temporary folder.
 */

import { join, resolve } from "node:path";
import { usageError } from "../cli/errors.js";
import { DISCLOSURES } from "./disclose.js";
import type { Disclosure } from "../report/report-types.js";
import { loadExercise } from "./catalog.js";
import { KIT_VERSION } from "./paths.js";
import { renderTemplate } from "./render-template.js";
import { writeZip, type ZipEntry } from "./takehome.js";

export interface GradescopeBundleOptions {
  exercise: string;
  /** the zip to write (default ./mmkata-<slug>-autograder.zip) */
  out?: string;
  /** npm install spec of the kit (default mmkata@<this version>) */
  kitSpec?: string;
  /** disclosure tier of the results (default counterexample: visible after publishing) */
  disclosure?: Disclosure;
  /** zip entry time (default now) */
  now?: Date;
  /** catalog root (tests) */
  root?: string;
}

/** The autograder's files: [name, content], both executable. */
export function gradescopeFiles(o: GradescopeBundleOptions): ZipEntry[] {
  const ex = loadExercise(o.exercise, o.root);
  const disclosure = o.disclosure ?? "counterexample";
  if (!DISCLOSURES.includes(disclosure)) throw usageError(`unknown disclosure "${disclosure}"`, `use one of: ${DISCLOSURES.join(", ")}`);
  const view = { exercise: ex.slug, kitSpec: o.kitSpec ?? `mmkata@${KIT_VERSION}`, nodeMajor: "22", disclosure };
  return ["setup.sh", "run_autograder"].map((name) => ({ path: name, data: renderTemplate(join("gradescope", `${name}.hbs`), view), mode: 0o100755 }));
}

/** Write the autograder zip; returns its absolute path. */
export async function writeGradescopeBundle(o: GradescopeBundleOptions): Promise<string> {
  const files = gradescopeFiles(o);
  const out = resolve(o.out ?? `mmkata-${o.exercise}-autograder.zip`);
  await writeZip(out, files, o.now ?? new Date());
  return out;
}

/**
 * The report schema, compiled once, behind an assertion. Every report is
 * validated before anything is written or rendered; a report given to us
 * (later: `verify`, `merge`) is read through parseReport().
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { validateAgainst } from "../engine/ajv.js";
import { KIT_ROOT } from "../engine/paths.js";
import { inputError, MmkataError } from "../cli/errors.js";
import type { Report } from "./report-types.js";

let schema: object | undefined;
export function reportSchema(): object {
  schema ??= JSON.parse(readFileSync(join(KIT_ROOT, "graders", "report", "report.schema.json"), "utf8")) as object;
  return schema;
}

/** Problems with a candidate report, as sentences; empty when valid. */
export function reportProblems(x: unknown): string[] {
  return validateAgainst(reportSchema(), x);
}

/** Throws an internal error if a report we built is invalid (that is our bug). */
export function assertReport(x: unknown): asserts x is Report {
  const p = reportProblems(x);
  if (p.length) throw new MmkataError("internal", `built an invalid report:\n  - ${p.join("\n  - ")}`);
}

/** Parse a report someone gave us; bad JSON or shape is an input error naming the file. */
export function parseReport(text: string, file: string): Report {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw inputError(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  const p = reportProblems(data);
  if (p.length) throw inputError(`${file} is not an mmkata report:\n  - ${p.join("\n  - ")}`);
  return data as Report;
}

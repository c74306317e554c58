/** Shared helpers for engine tests: grade a fixture folder, strip timing. */

import { loadExercise } from "../../graders/engine/catalog.js";
import { grade } from "../../graders/engine/grade.js";
import type { Disclosure, Report } from "../../graders/report/report-types.js";

export async function gradeDir(slug: string, root: string, opts: { seed?: number; cases?: string[]; disclosure?: Disclosure; caseMs?: number; startMs?: number; entry?: string } = {}): Promise<Report> {
  return grade({
    exercise: loadExercise(slug),
    root,
    entry: opts.entry ?? "solution.ts",
    seed: opts.seed ?? 1,
    cases: opts.cases,
    disclosure: opts.disclosure ?? "counterexample",
    limits: { ...(opts.caseMs ? { caseMs: opts.caseMs } : {}), ...(opts.startMs ? { startMs: opts.startMs } : {}) },
  });
}

/** The report without its timing section (the only part that may vary). */
export function withoutTiming(r: Report): Omit<Report, "timing"> {
  const { timing: _t, ...rest } = r;
  return rest;
}

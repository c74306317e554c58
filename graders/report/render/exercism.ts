/**
 * The report as Exercism test-runner results.json, version 3: top-level
 * status (pass/fail/error, same semantics as ours) and message (only for
 * error), then one test per hidden case in report order with name, status,
 * message (for fail/error), output (the case's failure detail, at most 500
 * characters: longer output is cut and says so, as the spec asks), test_code
 * (the command that replays the case: hidden cases have no test code a student
 * may see) and task_id (from the kata's instructions, see metrics
 * exercismTaskIds; left out when there are no task headings).
 */

import type { CaseSummary } from "../metrics.js";
import { reportMetrics } from "../metrics.js";
import type { Report } from "../report-types.js";

/** Exercism's limit on a test's output field. */
export const EXERCISM_OUTPUT_LIMIT = 500;
const TRUNCATED = "\n[output truncated: limit is 500 characters]";

export interface ExercismTest {
  name: string;
  status: "pass" | "fail" | "error";
  message?: string;
  output?: string;
  test_code: string;
  task_id?: number;
}

export interface ExercismResults {
  version: 3;
  status: "pass" | "fail" | "error";
  message?: string;
  tests: ExercismTest[];
}

/** Cut s to the 500-character rule (counted in characters, not UTF-16 units), saying so when cut. */
export function limitOutput(s: string): string {
  const chars = [...s];
  if (chars.length <= EXERCISM_OUTPUT_LIMIT) return s;
  return chars.slice(0, EXERCISM_OUTPUT_LIMIT - TRUNCATED.length).join("") + TRUNCATED;
}

function detail(c: CaseSummary): string {
  const cx = c.counterexample;
  if (!cx) return c.invariant ? `broken invariant: ${c.invariant}` : "";
  const ops = cx.ops.map((op) => `#${op.index} ${op.text}: expected ${op.expected}, got ${op.actual}`);
  return [...(c.invariant ? [`broken invariant: ${c.invariant}`] : []), ...cx.setup.map((l) => `start ${l}`), ...ops, ...cx.differences.map((d) => `- ${d}`)].join("\n");
}

function toTest(c: CaseSummary, taskIds: Readonly<Record<string, number>>): ExercismTest {
  // Exercism has no "skipped": a case skipped by a limit did not pass, and it did not run: error.
  const status = c.status === "pass" ? "pass" : c.status === "fail" ? "fail" : "error";
  const out = status === "pass" ? "" : detail(c);
  return {
    name: `${c.id}: ${c.title}`,
    status,
    ...(status !== "pass" ? { message: c.headline } : {}),
    ...(out ? { output: limitOutput(out) } : {}),
    test_code: c.replay,
    ...(taskIds[c.group] !== undefined ? { task_id: taskIds[c.group] } : {}),
  };
}

/** The results object; `taskIds` maps rubric group ids to Exercism task ids. */
export function exercismResults(r: Report, taskIds: Readonly<Record<string, number>> = {}): ExercismResults {
  const m = reportMetrics(r);
  const tests = m.cases.map((c) => toTest(c, taskIds));
  if (m.status === "error") return { version: 3, status: "error", message: m.message, tests };
  return { version: 3, status: m.status, tests };
}

/** Render a report as Exercism results.json (version 3). */
export function renderExercism(r: Report, taskIds: Readonly<Record<string, number>> = {}): string {
  return JSON.stringify(exercismResults(r, taskIds), null, 2) + "\n";
}

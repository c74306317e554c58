/**
 * Reports for the renderer tests, produced by the real engine: a mutant graded
 * at disclosure `full` (counterexamples with buddy states), a submission that
 * does not compile (status error), one that prints and throws (output, error
 * cases), and a hostile copy whose learner-controlled strings hold markup,
 * control characters and workflow-command syntax.
 */

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { disclose } from "../../graders/engine/disclose.js";
import { reportProblems } from "../../graders/report/validate.js";
import type { Disclosure, Report } from "../../graders/report/report-types.js";
import { gradeDir } from "../engine/helpers.js";

const fixture = (path: string): string => fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url));

let graded: Promise<Report> | undefined;

/**
 * always-head.ts (fails placement and random: 15 failing cases), graded once
 * per test file at disclosure `full`; lower tiers are cut from it by the
 * engine's own disclose(), exactly as grade() does before it builds a report.
 */
export async function mutantReport(disclosure: Disclosure = "full"): Promise<Report> {
  graded ??= gradeDir("buddy-coalesce", fixture("mutants/buddy-coalesce"), { entry: "always-head.ts", disclosure: "full" });
  const r = await graded;
  const out = { ...r, run: { ...r.run, disclosure }, cases: r.cases.map((c) => disclose(c, disclosure)) };
  const problems = reportProblems(out);
  if (problems.length) throw new Error(`disclosed report is not schema-valid: ${problems.join("; ")}`);
  return out;
}

/** A syntax error: status error, no cases. */
export function errorReport(): Promise<Report> {
  return gradeDir("buddy-coalesce", fixture("broken/compile-error"), { cases: ["buddy.free.single.*"] });
}

/** Prints 12 kB and throws on every op: output captured, failing cases. */
export function noisyReport(): Promise<Report> {
  return gradeDir("buddy-coalesce", fixture("broken/prints-a-lot"), { cases: ["buddy.free.single.*", "buddy.free.merge.*"] });
}

/** Text a submission could get into a report: markup, quotes, control characters, command syntax. */
export const NASTY = [
  `<script>alert("x")</script><img src=x onerror=alert(1)> & &amp; ]]> <!-- -->`,
  "::error title=forged::pwned\r\n::warning::x %0A 100% , : | `code` ``` **bold** [link](http://example.invalid)",
  "bell\u0007 nul\u0000 esc\u001b[31m vt\u000b ff\u000c",
  "=HYPERLINK(\"http://example.invalid\") \"quoted\", comma",
].join("\n");

/** A copy of a real report with NASTY in the places a submission controls. */
export function hostile(r: Report): Report {
  const copy = structuredClone(r);
  copy.output = { stdout: NASTY, stderr: NASTY, truncated: true };
  copy.diagnostics.push({ severity: "warning", source: "sandbox", message: NASTY });
  const bad = copy.cases.find((c) => c.status !== "pass");
  if (bad) {
    bad.message = NASTY;
    const cx = bad.failure?.counterexample;
    if (cx?.ops[0]) cx.ops[0].actual = NASTY;
  }
  const problems = reportProblems(copy);
  if (problems.length) throw new Error(`hostile report is not schema-valid: ${problems.join("; ")}`);
  return copy;
}

export function loadSchema(name: string): object {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`./schemas/${name}`, import.meta.url)), "utf8")) as object;
}

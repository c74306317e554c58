/**
 * The report as a Gradescope autograder results.json. One Gradescope test per
 * rubric group (our scoring unit: groups are all-or-nothing), so per-test
 * score/max_score add up to the report's score, which is also given at the top.
 * Each test's output is Markdown (output_format "md"): the group's failing
 * cases with their counterexamples, as far as the report's disclosure holds.
 *
 * Visibility follows the disclosure tier the report was graded at: the more a
 * test's output reveals about the hidden inputs, the later a student sees it.
 *   category, invariant → "visible"         (titles and invariant names only)
 *   counterexample      → "after_published" (minimal failing inputs)
 *   full                → "hidden"          (exact hidden states: staff only)
 * stdout_visibility (the autograder's own stdout) is "hidden" throughout.
 */

import type { GroupSummary, ReportMetrics } from "../metrics.js";
import { reportMetrics } from "../metrics.js";
import type { Disclosure, Report } from "../report-types.js";
import { CASE_MARK, mdCode, mdFence, mdText } from "./markdown.js";

export type GradescopeVisibility = "hidden" | "after_due_date" | "after_published" | "visible";

export interface GradescopeTest {
  score: number;
  max_score: number;
  status: "passed" | "failed";
  name: string;
  number: string;
  output: string;
  output_format: "md";
  tags: string[];
  visibility: GradescopeVisibility;
}

export interface GradescopeResults {
  score: number;
  execution_time: number;
  output: string;
  output_format: "md";
  test_output_format: "md";
  visibility: GradescopeVisibility;
  stdout_visibility: GradescopeVisibility;
  tests: GradescopeTest[];
}

export const VISIBILITY: Record<Disclosure, GradescopeVisibility> = {
  category: "visible",
  invariant: "visible",
  counterexample: "after_published",
  full: "hidden",
};

/** Failing cases of a group shown with their ops; the rest as one line each. */
const DETAILED = 5;

function groupOutput(g: GroupSummary): string {
  if (g.status === "pass") return `All ${g.total} cases passed.`;
  if (g.status === "not-run") return "Not run (no case of this group was selected).";
  const lines = [g.status === "parent-failed" ? `${mdText(g.message ?? "Parent failed")}. ${g.passed}/${g.total} cases passed.` : `${g.passed}/${g.total} cases passed.`, ""];
  g.failing.forEach((c, i) => {
    lines.push(`- ${CASE_MARK[c.status]} ${mdCode(c.id)} — ${mdText(c.title)}: ${mdText(c.headline)}`);
    const cx = c.counterexample;
    if (cx && i < DETAILED) {
      const trace = [...cx.setup.map((l) => `start ${l}`), ...cx.ops.map((op) => `#${op.index} ${op.text}: expected ${op.expected}, got ${op.actual}`), ...cx.differences.map((d) => `- ${d}`)];
      lines.push("", mdFence(trace.join("\n")).replace(/^/gm, "  "), "");
    }
  });
  return lines.join("\n");
}

function summary(m: ReportMetrics, r: Report): string {
  const head = `**${mdText(m.slug)}**: ${m.points}/${m.max} · ${m.status} · ${mdText(m.message)}`;
  const diag = m.diagnostics.map((d) => `- ${d.severity}: ${mdText(d.message)}`);
  return [head, "", `Seed ${r.run.seed}, disclosure ${r.run.disclosure}. Replay: ${mdCode(r.run.replay)}`, ...(diag.length ? ["", ...diag] : [])].join("\n");
}

/** The results object Gradescope reads from /autograder/results/results.json. */
export function gradescopeResults(r: Report): GradescopeResults {
  const m = reportMetrics(r);
  const visibility = VISIBILITY[r.run.disclosure];
  const tests = m.groups.map((g, i) => ({
    score: g.points,
    max_score: g.max,
    status: g.status === "pass" ? ("passed" as const) : ("failed" as const),
    name: `${g.id}: ${g.title}`,
    number: String(i + 1),
    output: groupOutput(g),
    output_format: "md" as const,
    tags: [m.slug, g.id],
    visibility,
  }));
  return {
    score: m.points,
    execution_time: Math.round(r.timing.totalMs / 1000),
    output: summary(m, r),
    output_format: "md",
    test_output_format: "md",
    visibility,
    stdout_visibility: "hidden",
    tests,
  };
}

/** Render a report as Gradescope results.json. */
export function renderGradescope(r: Report): string {
  return JSON.stringify(gradescopeResults(r), null, 2) + "\n";
}

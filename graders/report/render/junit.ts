/**
 * The report as JUnit XML, the dialect GitLab, Jenkins and GitHub test
 * reporters read: <testsuites> → one <testsuite> per rubric group → one
 * <testcase> per hidden case (classname `mmkata.<slug>.<group>`), with
 * <failure> for a failed case, <error> for a case that errored and <skipped/>
 * for a skipped one. The submission's stdout/stderr go in the first suite's
 * <system-out>/<system-err> (the run has one output, not one per case). A
 * report whose status is `error` (nothing could run) becomes one suite with one
 * errored testcase, so CI shows why. Built with xmlbuilder2, which escapes
 * markup and replaces characters XML 1.0 forbids (with U+FFFD).
 */

import { create } from "xmlbuilder2";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces.js";
import type { CaseSummary, GroupSummary, ReportMetrics } from "../metrics.js";
import { reportMetrics } from "../metrics.js";
import type { Report } from "../report-types.js";

const seconds = (ms: number | undefined): string => ((ms ?? 0) / 1000).toFixed(3);

/**
 * xmlbuilder2 leaves an `&` that already starts an entity (`&amp;`, `&lt;`…)
 * unescaped, which would turn a submission's literal "&amp;" into "&". Escaping
 * every `&` first makes each one such an entity, so text round-trips exactly.
 */
const x = (s: string): string => s.replace(/&/g, "&amp;");
/** An attribute value on one line (parsers fold newlines in attributes to spaces anyway). */
const attr = (s: string): string => x(s.replace(/\r\n?|\n/g, " "));

/** The failure text: invariant, counterexample ops, differences, replay. */
function failureBody(c: CaseSummary): string {
  const lines = [c.headline];
  if (c.invariant) lines.push(`broken invariant: ${c.invariant}`);
  const cx = c.counterexample;
  if (cx) {
    lines.push(`counterexample: ${cx.ops.length} op(s), shrunk from ${cx.shrunkFrom}`, ...cx.setup.map((l, i) => `${i ? "      " : "start "}${l}`));
    for (const op of cx.ops) lines.push(`#${op.index} ${op.text}: expected ${op.expected}, got ${op.actual}${op.index === cx.divergedAt ? "  <- diverges" : ""}`);
    lines.push(...cx.differences.map((d) => `- ${d}`));
  }
  lines.push(`replay: ${c.replay}`);
  return lines.join("\n");
}

function addCase(suite: XMLBuilder, slug: string, c: CaseSummary): void {
  const tc = suite.ele("testcase", { classname: attr(`mmkata.${slug}.${c.group}`), name: attr(`${c.id}: ${c.title}`), time: seconds(c.ms) });
  if (c.status === "fail") tc.ele("failure", { message: attr(c.headline), type: c.kind ?? "fail" }).txt(x(failureBody(c)));
  else if (c.status === "error") tc.ele("error", { message: attr(c.headline), type: c.kind ?? "error" }).txt(x(failureBody(c)));
  else if (c.status === "skipped") tc.ele("skipped", { message: attr(c.headline) });
}

function addOutput(suite: XMLBuilder, m: ReportMetrics): void {
  if (m.stdout || m.outputTruncated) suite.ele("system-out").txt(x(m.stdout + (m.outputTruncated ? "\n[output truncated at the limit]" : "")));
  if (m.stderr) suite.ele("system-err").txt(x(m.stderr));
}

function addSuite(root: XMLBuilder, r: Report, m: ReportMetrics, g: GroupSummary, first: boolean): void {
  const count = (s: CaseSummary["status"]) => g.cases.filter((c) => c.status === s).length;
  const ms = g.cases.reduce((s, c) => s + (c.ms ?? 0), 0);
  const suite = root.ele("testsuite", {
    name: attr(`${m.slug}/${g.id}: ${g.title}`),
    tests: String(g.cases.length),
    failures: String(count("fail")),
    errors: String(count("error")),
    skipped: String(count("skipped")),
    time: seconds(ms),
  });
  const props = suite.ele("properties");
  const prop = (name: string, value: string) => props.ele("property", { name, value: attr(value) });
  prop("points", `${g.points}/${g.max}`);
  prop("group.status", g.status);
  if (g.message) prop("group.message", g.message);
  prop("seed", String(r.run.seed));
  prop("disclosure", r.run.disclosure);
  for (const c of g.cases) addCase(suite, m.slug, c);
  if (first) addOutput(suite, m);
}

function addErrorSuite(root: XMLBuilder, r: Report, m: ReportMetrics): void {
  const suite = root.ele("testsuite", { name: attr(`${m.slug}: ${m.title}`), tests: "1", failures: "0", errors: "1", skipped: "0", time: seconds(r.timing.totalMs) });
  const diag = m.diagnostics.map((d) => `${d.severity}${d.source ? ` (${d.source})` : ""}: ${d.message}`).join("\n");
  suite
    .ele("testcase", { classname: attr(`mmkata.${m.slug}`), name: "load submission", time: seconds(r.timing.totalMs) })
    .ele("error", { message: attr(m.message), type: "error" })
    .txt(x(diag || m.message));
  addOutput(suite, m);
}

/** Render a report as JUnit XML. */
export function renderJunit(r: Report): string {
  const m = reportMetrics(r);
  const doc = create({ version: "1.0", encoding: "UTF-8", invalidCharReplacement: "\uFFFD" });
  const root = doc.ele("testsuites", {
    name: attr(`mmkata ${m.slug}`),
    tests: String(m.status === "error" ? 1 : m.counts.total),
    failures: String(m.counts.fail),
    errors: String(m.status === "error" ? 1 : m.counts.error),
    skipped: String(m.counts.skipped),
    time: seconds(r.timing.totalMs),
  });
  if (m.status === "error") addErrorSuite(root, r, m);
  else m.groups.filter((g) => g.cases.length > 0).forEach((g, i) => addSuite(root, r, m, g, i === 0));
  return doc.end({ prettyPrint: true }) + "\n";
}

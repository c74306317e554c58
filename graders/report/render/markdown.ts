/**
 * The report as Markdown (CommonMark + GFM tables): score table by rubric
 * group, failing cases with their counterexample as an op table (expected vs
 * actual), the differences and the replay command, then diagnostics and what
 * the submission printed. Also the Markdown helpers the Gradescope and GitHub
 * renderers share. Every string from the report is escaped: cases, messages
 * and output may hold learner-controlled text.
 */

import type { CaseSummary, GroupSummary, ReportMetrics } from "../metrics.js";
import { reportMetrics } from "../metrics.js";
import type { Report } from "../report-types.js";

/** Failing cases shown with their full counterexample; the rest get one line. */
const DETAILED = 20;

/** Text safe in a Markdown paragraph or table cell: punctuation escaped, one line. */
export function mdText(s: string): string {
  return s.replace(/[\\`*_{}[\]<>|~&#!]/g, "\\$&").replace(/\r?\n|\r/g, " ");
}

/** An inline code span that survives backticks and table pipes in s. */
export function mdCode(s: string): string {
  const runs = s.match(/`+/g) ?? [];
  const fence = "`".repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const body = s.replace(/\r?\n|\r/g, " ").replace(/\|/g, "\\|");
  const pad = body.startsWith("`") || body.endsWith("`") ? " " : "";
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** A fenced code block whose fence is longer than any backtick run in s. */
export function mdFence(s: string, info = "text"): string {
  const runs = s.match(/`{3,}/g) ?? [];
  const fence = "`".repeat(Math.max(3, ...runs.map((r) => r.length + 1)));
  return `${fence}${info}\n${s.replace(/\n$/, "")}\n${fence}`;
}

export const GROUP_MARK: Record<GroupSummary["status"], string> = { pass: "✅", fail: "❌", "parent-failed": "⚠️", "not-run": "➖" };
export const CASE_MARK: Record<CaseSummary["status"], string> = { pass: "✅", fail: "❌", error: "💥", skipped: "⏭️" };

/** The score table by rubric group, as GFM table lines. */
export function groupTable(m: ReportMetrics): string[] {
  const rows = m.groups.map((g) => {
    const note = g.status === "pass" ? "" : g.status === "fail" ? `${g.failing.length} failing` : mdText(g.message ?? g.status);
    return `| ${GROUP_MARK[g.status]} | ${mdCode(g.id)} | ${mdText(g.title)} | ${g.points}/${g.max} | ${g.passed}/${g.total} | ${note} |`;
  });
  return ["| | group | what it checks | points | cases passed | note |", "|---|---|---|---:|---:|---|", ...rows];
}

function opTable(c: CaseSummary): string[] {
  const cx = c.counterexample!;
  const rows = cx.ops.map((op) => {
    const mark = op.index === cx.divergedAt ? " **← diverges**" : "";
    const diff = op.expected === op.actual ? "" : " ❗";
    return `| ${op.index} | ${mdText(op.text)}${mark} | ${mdCode(op.expected)} | ${mdCode(op.actual)}${diff} |`;
  });
  return ["| # | op | expected | actual |", "|---:|---|---|---|", ...rows];
}

function counterexampleLines(c: CaseSummary): string[] {
  const cx = c.counterexample!;
  const out = [`Counterexample: ${cx.ops.length} op${cx.ops.length === 1 ? "" : "s"}, shrunk from ${cx.shrunkFrom}. Start state:`, "", mdFence(cx.setup.join("\n")), "", ...opTable(c)];
  if (cx.differences.length) out.push("", `Differences after op #${cx.divergedAt}:`, "", ...cx.differences.map((d) => `- ${mdText(d)}`));
  return out;
}

function caseSection(c: CaseSummary, detailed: boolean): string[] {
  const head = `### ${CASE_MARK[c.status]} ${mdCode(c.id)} — ${mdText(c.title)}`;
  const meta = [`group ${mdCode(c.group)}`, c.kind ? mdText(c.kind) : c.status, ...(c.invariant ? [`broken invariant: ${mdText(c.invariant)}`] : [])].join(" · ");
  const out = [head, "", meta];
  if (c.counterexample && detailed) out.push("", ...counterexampleLines(c));
  else out.push("", mdText(c.headline));
  out.push("", `Replay: ${mdCode(c.replay)}`, "");
  return out;
}

function outputLines(m: ReportMetrics): string[] {
  const out: string[] = [];
  if (m.diagnostics.length) out.push("## Diagnostics", "", ...m.diagnostics.map((d) => `- **${d.severity}**${d.source ? ` (${d.source})` : ""}: ${mdText(d.message)}`), "");
  if (m.stdout) out.push("## Your code printed (stdout)", "", mdFence(m.stdout), "");
  if (m.stderr) out.push("## Your code printed (stderr)", "", mdFence(m.stderr), "");
  if (m.outputTruncated) out.push("_Output truncated at the output limit._", "");
  return out;
}

/** Render a report as Markdown. */
export function renderMarkdown(r: Report): string {
  const m = reportMetrics(r);
  const lines = [
    `# ${mdText(m.slug)} — ${mdText(m.title)}`,
    "",
    `**Score ${m.points}/${m.max} (${m.percent}%)** · ${m.status} · ${mdText(m.message)}`,
    "",
    `Submission ${mdCode(r.submission.entry)} (sha256 ${mdCode(r.submission.sha256.slice(0, 12))}) · seed ${r.run.seed} · disclosure ${r.run.disclosure} · isolation ${r.run.isolation} · mmkata ${mdText(r.tool.version)} · ${m.totalSeconds} s`,
    "",
  ];
  if (m.status !== "error") lines.push(...groupTable(m), "");
  if (m.failing.length) {
    lines.push(`## Failing cases (${m.failing.length})`, "");
    m.failing.forEach((c, i) => lines.push(...caseSection(c, i < DETAILED)));
    if (m.failing.length > DETAILED) lines.push(`_Counterexamples shown for the first ${DETAILED}; report.json has them all._`, "");
  }
  lines.push(...outputLines(m), `Replay the run: ${mdCode(r.run.replay)}`, "");
  return lines.join("\n");
}

/**
 * The report for GitHub Actions: workflow commands (one `::error` annotation
 * per failing case, one `::notice` with the score) and a Markdown job summary
 * for $GITHUB_STEP_SUMMARY.
 *
 * Escaping (as the runner decodes it): in a command's data `%` → %25, CR →
 * %0D, LF → %0A; in property values additionally `:` → %3A and `,` → %2C.
 * GitHub shows at most 10 error annotations per step, so past 10 failing cases
 * the 10th annotation summarises the rest. The step summary must stay under
 * 1 MiB: rows past the budget are replaced by one line saying how many were cut.
 */

import type { ReportMetrics } from "../metrics.js";
import { reportMetrics } from "../metrics.js";
import type { Report } from "../report-types.js";
import { CASE_MARK, groupTable, mdCode, mdText } from "./markdown.js";

/** GitHub's limit on error annotations per step. */
export const MAX_ERROR_ANNOTATIONS = 10;
/** The step summary's size limit, and the budget we keep under it (bytes of UTF-8). */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;
export const STEP_SUMMARY_BUDGET = STEP_SUMMARY_LIMIT - 16 * 1024;

/** Escape a workflow command's data (the part after `::`). */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escape a workflow command's property value (e.g. title=…). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** One workflow command line. */
export function command(name: "error" | "warning" | "notice", props: Record<string, string>, message: string): string {
  const p = Object.entries(props).map(([k, v]) => `${k}=${escapeProperty(v)}`).join(",");
  return `::${name}${p ? " " + p : ""}::${escapeData(message)}`;
}

function annotations(m: ReportMetrics): string[] {
  const errs: string[] = [];
  if (m.status === "error") errs.push(command("error", { title: `mmkata ${m.slug}: could not grade` }, m.message));
  const room = MAX_ERROR_ANNOTATIONS - errs.length;
  const shown = m.failing.length > room ? m.failing.slice(0, room - 1) : m.failing;
  for (const c of shown) {
    const detail = [c.headline, ...(c.invariant ? [`broken invariant: ${c.invariant}`] : []), `replay: ${c.replay}`];
    errs.push(command("error", { title: `mmkata ${m.slug}: ${c.id} (${c.group})` }, detail.join("\n")));
  }
  const rest = m.failing.slice(shown.length);
  if (rest.length) {
    const ids = rest.map((c) => c.id);
    const list = ids.length > 50 ? [...ids.slice(0, 50), `… and ${ids.length - 50} more`] : ids;
    errs.push(command("error", { title: `mmkata ${m.slug}: ${rest.length} more failing cases` }, list.join("\n")));
  }
  return errs;
}

/** The workflow commands, one per line: annotations for failures and a notice with the score. */
export function renderGithub(r: Report): string {
  const m = reportMetrics(r);
  const notice = command("notice", { title: `mmkata ${m.slug}: ${m.points}/${m.max}` }, `${m.status}: ${m.message}`);
  return [...annotations(m), notice].join("\n") + "\n";
}

const bytes = (s: string): number => Buffer.byteLength(s, "utf8");

/** The Markdown job summary for $GITHUB_STEP_SUMMARY, under STEP_SUMMARY_BUDGET bytes. */
export function renderGithubSummary(r: Report): string {
  const m = reportMetrics(r);
  const head = [`### mmkata ${mdText(m.slug)}: ${m.points}/${m.max} (${m.percent}%) · ${m.status}`, "", mdText(m.message.slice(0, 4000)), ""];
  if (m.status !== "error") head.push(...groupTable(m), "");
  const rows = m.failing.map((c) => `| ${CASE_MARK[c.status]} | ${mdCode(c.id)} | ${mdCode(c.group)} | ${mdText(c.headline).slice(0, 2000)} |`);
  const tail = ["", `Replay: ${mdCode(r.run.replay)}`, ""];
  let used = bytes(head.join("\n")) + bytes(tail.join("\n")) + 512;
  const table = rows.length ? ["| | case | group | why |", "|---|---|---|---|"] : [];
  let kept = 0;
  for (const row of rows) {
    if (used + bytes(row) + 1 > STEP_SUMMARY_BUDGET) break;
    table.push(row);
    used += bytes(row) + 1;
    kept++;
  }
  if (kept < rows.length) table.push("", `_${rows.length - kept} more failing cases left out to stay under GitHub's 1 MiB summary limit._`);
  return [...head, ...table, ...tail].join("\n");
}

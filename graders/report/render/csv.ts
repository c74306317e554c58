/**
 * Gradebook CSV (RFC 4180): one row per report — slug, submission entry,
 * sha256, seed, score, max, status, then the points of each rubric group —
 * and a header row naming the same columns. Fields holding a comma, a double
 * quote, CR or LF are quoted with inner quotes doubled; records end in CRLF.
 * A field that a spreadsheet would read as a formula (=, +, -, @, tab, CR at
 * the start) is prefixed with a single quote, since entries name
 * learner-chosen files. Batch grading joins the rows of many reports under
 * one header; rows of one kata share its group columns.
 */

import type { Report } from "../report-types.js";
import { reportMetrics } from "../metrics.js";

export const FIXED_COLUMNS = ["slug", "entry", "sha256", "seed", "score", "max", "status"] as const;

/** One RFC 4180 field. */
export function csvField(v: string | number): string {
  let s = String(v);
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV record, CRLF-terminated. */
export function csvRecord(fields: readonly (string | number)[]): string {
  return fields.map(csvField).join(",") + "\r\n";
}

/** The group ids a report's rows carry, in rubric order. */
export function csvGroupIds(r: Report): string[] {
  return r.groups.map((g) => g.id);
}

/** The header record for rows with these group columns. */
export function csvHeader(groupIds: readonly string[]): string {
  return csvRecord([...FIXED_COLUMNS, ...groupIds.map((id) => `group:${id}`)]);
}

/**
 * The report's gradebook record. `groupIds` fixes the group columns (default:
 * the report's own); a group the report lacks is an empty field.
 */
export function csvRow(r: Report, groupIds: readonly string[] = csvGroupIds(r)): string {
  const m = reportMetrics(r);
  const points = new Map(m.groups.map((g) => [g.id, g.points]));
  return csvRecord([m.slug, r.submission.entry, r.submission.sha256, r.run.seed, m.points, m.max, m.status, ...groupIds.map((id) => points.get(id) ?? "")]);
}

/** Header plus the report's row: the gradebook of one submission. */
export function renderCsv(r: Report): string {
  const ids = csvGroupIds(r);
  return csvHeader(ids) + csvRow(r, ids);
}

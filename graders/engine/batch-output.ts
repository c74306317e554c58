/**
 * The files a batch writes under its --out folder, and reading them back:
 *   reports/<name>.json  one schema-valid report per submission, written
 *                        atomically (temp file in the same folder + rename),
 *                        so a batch killed at any instant leaves each report
 *                        either complete or absent
 *   gradebook.csv        header + one row per submission sorted by name:
 *                        `name` then the csv renderer's columns; always
 *                        rebuilt from the report files, never appended to
 *   summary.json         counts by status, mean score, the batch's identity
 *   batch.json           the batch's parameters (written by batch.ts)
 * `merge` uses the same functions, so a merged gradebook is byte-identical
 * to the one an unsharded batch writes.
 */

import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { inputError } from "../cli/errors.js";
import { csvField, csvGroupIds, csvHeader, csvRow } from "../report/render/csv.js";
import type { Report } from "../report/report-types.js";
import { parseReport, reportProblems } from "../report/validate.js";
import type { Exercise } from "./exercise-types.js";
import { resolveLimits, suiteHash, type GradeLimits } from "./grade.js";
import { planIsolation, type IsolationRequest } from "./isolation.js";
import { KIT_VERSION } from "./paths.js";
import { scoreGroups } from "./score.js";
import { matrixFromPrints, similarTo } from "./similarity.js";

/** A named report: the submission name is the report file's base name. */
export interface NamedReport {
  name: string;
  report: Report;
}

/** What every report of one batch (or of shards being merged) must share. */
export interface BatchIdentity {
  slug: string;
  seed: number;
  suiteHash: string;
  caseFilter: string[];
}

export const REPORTS_DIR = "reports";

export function reportFile(out: string, name: string): string {
  return join(out, REPORTS_DIR, `${name}.json`);
}

let tmpCounter = 0;

/** Write `text` to `file` atomically: a temp file in the same folder, then rename. */
export function writeAtomic(file: string, text: string): void {
  const tmp = join(file, "..", `.${basename(file)}.${process.pid}.${++tmpCounter}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw inputError(`cannot write ${file}: ${(e as Error).message}`);
  }
}

export function identityOf(r: Report): BatchIdentity {
  return { slug: r.exercise.slug, seed: r.run.seed, suiteHash: r.exercise.suiteHash, caseFilter: r.run.caseFilter };
}

function describeIdentity(i: BatchIdentity): string {
  return `${i.slug}, seed ${i.seed}, suite ${i.suiteHash.slice(0, 19)}…${i.caseFilter.length ? `, cases ${i.caseFilter.join(" ")}` : ""}`;
}

/** Undefined when a and b agree, else a sentence saying how they differ. */
export function identityMismatch(a: BatchIdentity, b: BatchIdentity): string | undefined {
  const same = a.slug === b.slug && a.seed === b.seed && a.suiteHash === b.suiteHash && a.caseFilter.join("\0") === b.caseFilter.join("\0");
  return same ? undefined : `${describeIdentity(a)} vs ${describeIdentity(b)}`;
}

/**
 * The finished report for `name` in `out`, if there is one that is
 * schema-valid and graded with the same identity; undefined otherwise
 * (missing, torn, invalid or stale reports are regraded).
 */
export function reusableReport(out: string, name: string, want: BatchIdentity): Report | undefined {
  const file = reportFile(out, name);
  if (!existsSync(file)) return undefined;
  try {
    const data: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (reportProblems(data).length) return undefined;
    const r = data as Report;
    return identityMismatch(identityOf(r), want) ? undefined : r;
  } catch {
    return undefined;
  }
}

/** Read and validate a report file (input error naming the file when it is not a report). */
export function readReportFile(file: string): Report {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw inputError(`cannot read ${file}: ${(e as Error).message}`);
  }
  return parseReport(text, file);
}

/** gradebook.csv: `name` + the csv renderer's columns, rows sorted by name. */
export function renderGradebook(reports: readonly NamedReport[], prints?: ReadonlyMap<string, ReadonlySet<number>>): string {
  const sorted = [...reports].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const first = sorted.find((r) => r.report.groups.length > 0)?.report;
  const ids = first ? csvGroupIds(first) : [];
  if (!prints) return `name,${csvHeader(ids)}` + sorted.map((r) => `${csvField(r.name)},${csvRow(r.report, ids)}`).join("");
  const cells = similarityCells(sorted, prints);
  const noEol = (line: string): string => line.replace(/\r\n$/, "");
  return `name,${noEol(csvHeader(ids))},similar_to\r\n` + sorted.map((r) => `${csvField(r.name)},${noEol(csvRow(r.report, ids))},${csvField(cells[r.name] ?? "")}\r\n`).join("");
}

/**
 * Similarity across a batch. Each graded submission's winnowed token
 * fingerprint (starter code excluded; graders/engine/similarity.ts) is stored
 * as fingerprints/<name>.json next to reports/, so the gradebook's
 * `similar_to` column can be rebuilt from files alone — after a resume, and by
 * `merge` from shard folders. Flagged at Jaccard >= SIMILARITY_THRESHOLD.
 */
export const FINGERPRINTS_DIR = "fingerprints";
export const SIMILARITY_THRESHOLD = 0.8;

export function fingerprintFile(out: string, name: string): string {
  return join(out, FINGERPRINTS_DIR, `${name}.json`);
}

/** <batch>/reports/x.json → <batch>/fingerprints/x.json */
export function fingerprintBeside(reportPath: string): string {
  return join(dirname(dirname(reportPath)), FINGERPRINTS_DIR, basename(reportPath));
}

/** A stored fingerprint set, or undefined when absent or malformed. */
export function readFingerprint(file: string): Set<number> | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const data: unknown = JSON.parse(readFileSync(file, "utf8"));
    return Array.isArray(data) && data.every((x) => Number.isInteger(x)) ? new Set(data as number[]) : undefined;
  } catch {
    return undefined;
  }
}

/** The `similar_to` cell of each submission that has a fingerprint. */
export function similarityCells(reports: readonly NamedReport[], prints: ReadonlyMap<string, ReadonlySet<number>>): Record<string, string> {
  const entries = reports.filter((r) => prints.has(r.name)).map((r) => ({ id: r.name, prints: prints.get(r.name)! }));
  return similarTo(matrixFromPrints(entries), SIMILARITY_THRESHOLD);
}

export interface BatchSummary {
  identity: BatchIdentity | null;
  submissions: number;
  byStatus: { pass: number; fail: number; error: number };
  meanScore: number;
  belowMinScore?: string[];
}

/** Counts by status and the mean score, over reports sorted by name. */
export function summarize(reports: readonly NamedReport[], minScore?: number): BatchSummary {
  const byStatus = { pass: 0, fail: 0, error: 0 };
  for (const { report } of reports) byStatus[report.status]++;
  const total = reports.reduce((s, r) => s + r.report.score.points, 0);
  const names = reports.map((r) => r.name).sort();
  const below = minScore === undefined ? undefined : names.filter((n) => reports.find((r) => r.name === n)!.report.score.points < minScore);
  return {
    identity: reports[0] ? identityOf(reports[0].report) : null,
    submissions: reports.length,
    byStatus,
    meanScore: reports.length ? Math.round((total / reports.length) * 100) / 100 : 0,
    ...(below ? { belowMinScore: below } : {}),
  };
}

export interface SyntheticErrorOptions {
  exercise: Exercise;
  seed: number;
  caseFilter: string[];
  isolation?: IsolationRequest;
  limits?: Partial<GradeLimits>;
  /** bytes that identify the submission (the archive file) for its sha256 */
  bytes: Buffer;
  message: string;
}

/**
 * A schema-valid error report for a submission that could not be graded at
 * all (a refused or unreadable archive, a bad manifest), so the gradebook has
 * a row for it like any other.
 */
export function syntheticErrorReport(o: SyntheticErrorOptions): Report {
  const ex = o.exercise;
  return {
    schemaVersion: 1,
    tool: { name: "mmkata", version: KIT_VERSION },
    exercise: { slug: ex.slug, title: ex.title, track: ex.track, suite: ex.suite, suiteHash: suiteHash(ex) },
    submission: { entry: "<solution>/", language: "ts", sha256: createHash("sha256").update(o.bytes).digest("hex") },
    run: { seed: o.seed, caseFilter: o.caseFilter, disclosure: "counterexample", isolation: planIsolation(o.isolation ?? "standard").level, limits: resolveLimits(ex, o.limits), replay: "mmkata grade-batch" },
    status: "error",
    message: o.message,
    score: { points: 0, max: 100 },
    groups: scoreGroups(ex.rubric, []),
    cases: [],
    diagnostics: [{ severity: "error", source: "load", message: o.message }],
    timing: { totalMs: 0, compileMs: 0, casesMs: {} },
  };
}

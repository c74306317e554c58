/**
 * Batch grading: many submissions of one kata, `jobs` at a time, in one
 * grader process (each grade() runs its own sandboxed child). For each
 * submission: reuse its report under --resume when it is valid for the same
 * kata, seed, suite hash and case filter; else extract it if it is an archive
 * (archive.ts), resolve the workspace, grade, and write the report
 * atomically. Nothing a submission does stops the batch: a refused archive,
 * a bad manifest, a kata mismatch or even a grader failure on it becomes a
 * schema-valid error report with the reason as its message. At the end the
 * gradebook and summary are rebuilt from the report files on disk.
 */

import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Report } from "../report/report-types.js";
import { ArchiveError, extractArchive } from "./archive.js";
import { fingerprintFile, readFingerprint, readReportFile, reportFile, reusableReport, syntheticErrorReport, writeAtomic, type BatchIdentity, type NamedReport } from "./batch-output.js";
import { fingerprint, readSources } from "./similarity.js";
import { renderStub } from "./stubs.js";
import type { Submission } from "./batch-submissions.js";
import type { Exercise } from "./exercise-types.js";
import { grade, suiteHash, type GradeLimits } from "./grade.js";
import type { IsolationRequest } from "./isolation.js";
import { readManifest, resolveWorkspace } from "./workspace.js";
import type { Disclosure } from "../report/report-types.js";

export interface BatchOptions {
  exercise: Exercise;
  submissions: Submission[];
  out: string;
  seed: number;
  jobs: number;
  resume: boolean;
  cases?: string[];
  disclosure?: Disclosure;
  isolation?: IsolationRequest;
  limits?: Partial<GradeLimits>;
  /** called when a submission is done (graded or resumed) */
  onDone?: (r: BatchItem, done: number, total: number) => void;
}

export interface BatchItem extends NamedReport {
  resumed: boolean;
  /** wall time of this submission in this run (0 when resumed) */
  ms: number;
}

export function batchIdentity(o: Pick<BatchOptions, "exercise" | "seed" | "cases">): BatchIdentity {
  return { slug: o.exercise.slug, seed: o.seed, suiteHash: suiteHash(o.exercise), caseFilter: o.cases ?? [] };
}

/** Grade every submission; returns one item per submission, in name order. */
export async function runBatch(o: BatchOptions): Promise<BatchItem[]> {
  const identity = batchIdentity(o);
  const items: BatchItem[] = new Array(o.submissions.length);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < o.submissions.length) {
      const i = next++;
      items[i] = await oneSubmission(o, o.submissions[i]!, identity);
      o.onDone?.(items[i]!, ++done, o.submissions.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.jobs, o.submissions.length)) }, worker));
  return items;
}

async function oneSubmission(o: BatchOptions, s: Submission, identity: BatchIdentity): Promise<BatchItem> {
  const old = o.resume ? reusableReport(o.out, s.name, identity) : undefined;
  if (old) return { name: s.name, report: old, resumed: true, ms: 0 };
  const t0 = performance.now();
  const report = await gradeSubmission(o, s);
  writeAtomic(reportFile(o.out, s.name), JSON.stringify(report, null, 2) + "\n");
  return { name: s.name, report, resumed: false, ms: performance.now() - t0 };
}

/** Grade one submission; whatever goes wrong is an error report, never a throw. */
export async function gradeSubmission(o: BatchOptions, s: Submission): Promise<Report> {
  let tmp: string | undefined;
  try {
    let root = s.path;
    if (s.kind !== "folder") {
      tmp = mkdtempSync(join(tmpdir(), "mmkata-batch-"));
      await extractArchive(s.path, tmp);
      root = singleFolder(tmp);
    }
    writeFingerprint(o, s.name, root);
    return await gradeFolder(o, root);
  } catch (e) {
    const why = e instanceof ArchiveError ? `archive refused: ${e.message}` : `cannot grade this submission: ${(e as Error)?.message ?? String(e)}`;
    return syntheticErrorReport({ ...commonOf(o), bytes: identifyingBytes(s), message: why });
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

function commonOf(o: BatchOptions): { exercise: Exercise; seed: number; caseFilter: string[]; isolation?: IsolationRequest; limits?: Partial<GradeLimits> } {
  return { exercise: o.exercise, seed: o.seed, caseFilter: o.cases ?? [], isolation: o.isolation, limits: o.limits };
}

async function gradeFolder(o: BatchOptions, root: string): Promise<Report> {
  const manifest = readManifest(root);
  if (manifest && manifest.slug !== o.exercise.slug) throw new Error(`its .mmkata.json is for kata ${manifest.slug}, this batch grades ${o.exercise.slug}`);
  const ws = resolveWorkspace(root, { exercise: manifest ? undefined : o.exercise.slug });
  return grade({
    exercise: o.exercise,
    root: ws.root,
    entry: ws.entry,
    seed: o.seed,
    cases: o.cases,
    disclosure: o.disclosure ?? "counterexample",
    limits: o.limits,
    isolation: o.isolation,
  });
}

/** An archive holding only one folder (zip of a folder) is graded from inside it. */
function singleFolder(dir: string): string {
  const entries = readdirSync(dir).filter((e) => e !== "__MACOSX");
  if (entries.length === 1 && statSync(join(dir, entries[0]!)).isDirectory()) return join(dir, entries[0]!);
  return dir;
}

function identifyingBytes(s: Submission): Buffer {
  try {
    return s.kind === "folder" ? Buffer.from(s.name) : readFileSync(s.path);
  } catch {
    return Buffer.from(s.name);
  }
}

/** The reports of these names read back from `out` (each must exist and be valid). */
export function readBatchReports(out: string, names: readonly string[]): NamedReport[] {
  return names.map((name) => ({ name, report: readReportFile(reportFile(out, name)) }));
}

const starters = new Map<string, string>();

/** The generated stubs of a kata: their tokens are not evidence of copying. */
function starterOf(ex: Exercise): string {
  let s = starters.get(ex.slug);
  if (s === undefined) {
    s = `${renderStub(ex, "ts")}\n${renderStub(ex, "js")}`;
    starters.set(ex.slug, s);
  }
  return s;
}

/** Store the submission's similarity fingerprint (see batch-output.ts); written before its report. */
function writeFingerprint(o: BatchOptions, name: string, root: string): void {
  const prints = [...fingerprint(readSources(root), { starter: starterOf(o.exercise) })].sort((a, b) => a - b);
  mkdirSync(dirname(fingerprintFile(o.out, name)), { recursive: true });
  writeAtomic(fingerprintFile(o.out, name), JSON.stringify(prints) + "\n");
}

/** The stored fingerprints of the named submissions (those that have one). */
export function readBatchFingerprints(out: string, names: readonly string[]): Map<string, Set<number>> {
  const m = new Map<string, Set<number>>();
  for (const n of names) {
    const f = readFingerprint(fingerprintFile(out, n));
    if (f) m.set(n, f);
  }
  return m;
}

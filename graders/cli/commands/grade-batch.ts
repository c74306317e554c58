/**
 * `mmkata grade-batch <dir>`: grade every submission in a folder (folders,
 * zips, tarballs) against one kata, `--jobs` at a time, into --out DIR:
 * reports/<name>.json, gradebook.csv, summary.json, batch.json. `--shard i/n`
 * grades a stable subset for one of n CI jobs (`mmkata merge` joins them);
 * `--resume` keeps every finished report of an interrupted batch. Exit 0
 * when the batch ran; `--min-score N` exits 1 if any submission scored below N.
 */

import { mkdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { Command, Option } from "commander";
import { loadExercise } from "../../engine/catalog.js";
import { batchIdentity, readBatchFingerprints, readBatchReports, runBatch } from "../../engine/batch.js";
import { renderGradebook, summarize, writeAtomic, REPORTS_DIR } from "../../engine/batch-output.js";
import { batchProgress, summaryTable } from "../../engine/batch-progress.js";
import { discoverSubmissions, inShard, parseShard, type Shard, type Submission } from "../../engine/batch-submissions.js";
import { DISCLOSURES } from "../../engine/disclose.js";
import { DEFAULT_SEED } from "../../engine/grade.js";
import { defaultIsolationFor, ISOLATION_REQUESTS, type IsolationRequest } from "../../engine/isolation.js";
import { KIT_VERSION } from "../../engine/paths.js";
import { readManifest } from "../../engine/workspace.js";
import type { Disclosure } from "../../report/report-types.js";
import { EXIT_BELOW_MIN_SCORE, EXIT_OK, inputError, usageError } from "../errors.js";
import { collect, intInRange } from "../options.js";

export interface GradeBatchOptions {
  exercise?: string;
  jobs?: number;
  shard?: Shard;
  resume?: boolean;
  out: string;
  seed: number;
  isolation?: IsolationRequest;
  minScore?: number;
  case?: string[];
  timeoutMs?: number;
  disclosure: Disclosure;
  progress?: boolean;
}

/** Default --jobs: the CPUs, at most 4 (the grader's own process computes every reference answer). */
export const defaultJobs = (): number => Math.max(1, Math.min(4, availableParallelism()));

/** --exercise, else the kata named by the first folder submission's .mmkata.json. */
function batchSlug(opts: GradeBatchOptions, subs: readonly Submission[]): string {
  if (opts.exercise) return opts.exercise;
  for (const s of subs.filter((x) => x.kind === "folder")) {
    try {
      const m = readManifest(s.path);
      if (m) return m.slug;
    } catch {
      /* a broken manifest becomes that submission's error report */
    }
  }
  throw usageError("no submission folder has a .mmkata.json naming its kata", "pass --exercise <slug>");
}

/** Run the batch; returns the exit code. */
export async function gradeBatch(dir: string, opts: GradeBatchOptions): Promise<number> {
  const found = discoverSubmissions(dir);
  const subs = inShard(found.submissions, opts.shard);
  const exercise = loadExercise(batchSlug(opts, found.submissions));
  const out = resolve(opts.out);
  try {
    mkdirSync(resolve(out, REPORTS_DIR), { recursive: true });
  } catch (e) {
    throw inputError(`cannot create the batch folder ${opts.out}: ${(e as Error).message}`);
  }
  const jobs = opts.jobs ?? defaultJobs();
  const isolation = defaultIsolationFor("batch", opts.isolation);
  const identity = batchIdentity({ exercise, seed: opts.seed, cases: opts.case });
  const params = { tool: { name: "mmkata", version: KIT_VERSION }, ...identity, submissionsDir: resolve(dir), shard: opts.shard ?? null, jobs, isolation, disclosure: opts.disclosure, timeoutMs: opts.timeoutMs ?? null, minScore: opts.minScore ?? null, submissions: subs.map((s) => s.name), skipped: found.skipped };
  writeAtomic(resolve(out, "batch.json"), JSON.stringify(params, null, 2) + "\n");
  if (found.skipped.length) process.stderr.write(`skipped (not a folder or archive): ${found.skipped.join(", ")}\n`);
  const progress = batchProgress(subs.length, process.stderr, opts.progress !== false);
  const items = await runBatch({
    exercise,
    submissions: subs,
    out,
    seed: opts.seed,
    jobs,
    resume: !!opts.resume,
    cases: opts.case,
    disclosure: opts.disclosure,
    isolation,
    limits: opts.timeoutMs ? { caseMs: opts.timeoutMs } : undefined,
    onDone: (item, done, total) => progress.done(item, done, total),
  }).finally(() => progress.stop());
  const reports = readBatchReports(out, subs.map((s) => s.name));
  const summary = summarize(reports, opts.minScore);
  writeAtomic(resolve(out, "gradebook.csv"), renderGradebook(reports, readBatchFingerprints(out, subs.map((s) => s.name))));
  writeAtomic(resolve(out, "summary.json"), JSON.stringify(summary, null, 2) + "\n");
  process.stdout.write(summaryTable(items, summary));
  process.stderr.write(`batch written to ${opts.out} (gradebook.csv, reports/)\n`);
  return summary.belowMinScore?.length ? EXIT_BELOW_MIN_SCORE : EXIT_OK;
}

export function register(program: Command): void {
  program
    .command("grade-batch <submissions>")
    .description("grade every submission (folder, .zip, .tar, .tar.gz) in a folder: one report each, a gradebook CSV")
    .option("--exercise <slug>", "the kata (default: from the submissions' .mmkata.json)")
    .option("--jobs <n>", "submissions graded at a time (default: CPUs, at most 4)", intInRange("--jobs", 1, 64))
    .option("--shard <i/n>", "grade only shard i of n (stable by submission name; join with `mmkata merge`)", parseShard)
    .option("--resume", "keep finished reports of an interrupted batch (same kata, seed, suite, cases)")
    .option("--out <dir>", "output folder", "mmkata-batch")
    .option("--seed <n>", "seed for the generated cases", intInRange("--seed", 0, 2 ** 32 - 1), DEFAULT_SEED)
    .option("--case <id>", "grade only this case id or glob (repeatable)", collect)
    .option("--timeout-ms <n>", "wall-time limit per case in ms (default: the kata's)", intInRange("--timeout-ms", 100, 600_000))
    .addOption(new Option("--disclosure <tier>", "how much of a failing hidden case the reports show").choices(DISCLOSURES).default("counterexample"))
    .addOption(new Option("--isolation <level>", "sandbox level: strict, standard, or auto (default: strict, which needs root; pass standard or auto elsewhere)").choices(ISOLATION_REQUESTS))
    .option("--min-score <n>", "exit 1 when any submission scored below n", intInRange("--min-score", 0, 100))
    .option("--no-progress", "no progress bar (one line per submission instead)")
    .action(async (dir: string, opts: GradeBatchOptions) => {
      process.exitCode = await gradeBatch(dir, opts);
    });
}

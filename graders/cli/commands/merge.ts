/**
 * `mmkata merge <reports-or-dirs…> --out DIR`: join the outputs of batch
 * shards. Each argument is a report file (<name>.json) or a folder (a batch
 * --out folder: its reports/; else the *.json in it). Every report is
 * validated; reports of different kata, seeds, suite hashes or case filters
 * are refused, as is one name with two different reports. Writes
 * reports/<name>.json, gradebook.csv and summary.json exactly as
 * grade-batch does, so merged shards equal the unsharded batch.
 */

import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { Command } from "commander";
import { fingerprintBeside, fingerprintFile, identityMismatch, identityOf, readFingerprint, readReportFile, renderGradebook, reportFile, summarize, writeAtomic, REPORTS_DIR, type NamedReport } from "../../engine/batch-output.js";
import type { BatchItem } from "../../engine/batch.js";
import { summaryTable } from "../../engine/batch-progress.js";
import { EXIT_BELOW_MIN_SCORE, EXIT_OK, inputError, usageError } from "../errors.js";
import { intInRange } from "../options.js";

export interface MergeOptions {
  out: string;
  minScore?: number;
}

/** The report files an argument stands for. */
function reportFiles(arg: string): string[] {
  if (!existsSync(arg)) throw usageError(`${arg} does not exist`);
  if (!statSync(arg).isDirectory()) return [resolve(arg)];
  const dir = existsSync(join(arg, REPORTS_DIR)) ? join(arg, REPORTS_DIR) : arg;
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json") && !f.startsWith("."))
    .sort()
    .map((f) => resolve(dir, f));
}

/** Similarity fingerprints found beside the inputs' reports (<shard>/fingerprints/<name>.json). */
export function collectPrints(inputs: readonly string[]): Map<string, Set<number>> {
  const prints = new Map<string, Set<number>>();
  for (const file of inputs.flatMap(reportFiles)) {
    const p = readFingerprint(fingerprintBeside(file));
    if (p) prints.set(basename(file, ".json"), p);
  }
  return prints;
}

/** Every report of the inputs, validated and checked to belong to one batch. */
export function collectReports(inputs: readonly string[]): NamedReport[] {
  const byName = new Map<string, { file: string; text: string; report: NamedReport }>();
  for (const file of inputs.flatMap(reportFiles)) {
    const report = readReportFile(file);
    const name = basename(file, ".json");
    const text = JSON.stringify({ ...report, timing: null });
    const prev = byName.get(name);
    if (prev && prev.text !== text) throw inputError(`two different reports for submission ${name}: ${prev.file} and ${file}`, "merge each shard's output once");
    if (!prev) byName.set(name, { file, text, report: { name, report } });
  }
  const reports = [...byName.values()].map((v) => v.report);
  if (reports.length === 0) throw usageError(`no reports found in ${inputs.join(", ")}`);
  const first = reports[0]!;
  for (const r of reports) {
    const diff = identityMismatch(identityOf(first.report), identityOf(r.report));
    if (diff) throw inputError(`cannot merge reports of different batches: ${first.name} and ${r.name} differ (${diff})`, "merge shards graded with the same kata, seed, suite and --case filters");
  }
  return reports.sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Merge and write; returns the exit code. */
export function merge(inputs: readonly string[], opts: MergeOptions): number {
  const reports = collectReports(inputs);
  const out = resolve(opts.out);
  try {
    mkdirSync(join(out, REPORTS_DIR), { recursive: true });
  } catch (e) {
    throw inputError(`cannot create ${opts.out}: ${(e as Error).message}`);
  }
  for (const r of reports) {
    const target = reportFile(out, r.name);
    if (!inputs.some((i) => resolve(i) === target)) writeAtomic(target, JSON.stringify(r.report, null, 2) + "\n");
  }
  const summary = summarize(reports, opts.minScore);
  const printsByName = collectPrints(inputs);
  for (const [name, prints] of printsByName) {
    if (!reports.some((r) => r.name === name)) continue;
    mkdirSync(join(out, "fingerprints"), { recursive: true });
    writeAtomic(fingerprintFile(out, name), JSON.stringify([...prints].sort((a, b) => a - b)) + "\n");
  }
  writeAtomic(join(out, "gradebook.csv"), renderGradebook(reports, printsByName));
  writeAtomic(join(out, "summary.json"), JSON.stringify(summary, null, 2) + "\n");
  const items: BatchItem[] = reports.map((r) => ({ ...r, resumed: false, ms: r.report.timing.totalMs }));
  process.stdout.write(summaryTable(items, summary));
  process.stderr.write(`merged ${reports.length} reports into ${opts.out} (gradebook.csv, reports/)\n`);
  return summary.belowMinScore?.length ? EXIT_BELOW_MIN_SCORE : EXIT_OK;
}

export function register(program: Command): void {
  program
    .command("merge <inputs...>")
    .description("join batch shards: validate their reports, rebuild gradebook.csv and summary.json")
    .requiredOption("--out <dir>", "output folder")
    .option("--min-score <n>", "exit 1 when any submission scored below n", intInRange("--min-score", 0, 100))
    .action((inputs: string[], opts: MergeOptions) => {
      process.exitCode = merge(inputs, opts);
    });
}

/**
 * What a person watching a batch sees, on stderr: a cli-progress bar when
 * stderr is a TTY, otherwise one plain line per finished submission (CI logs
 * keep every line); then, on stdout, a summary table of every submission
 * (name, score, status, time) and the totals.
 */

import cliProgress from "cli-progress";
import type { BatchItem } from "./batch.js";
import type { BatchSummary } from "./batch-output.js";

export interface BatchProgress {
  done(item: BatchItem, done: number, total: number): void;
  stop(): void;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function itemLine(item: BatchItem): string {
  const r = item.report;
  return `${item.name}: ${r.score.points}/${r.score.max} ${r.status}${item.resumed ? " (resumed)" : ` (${seconds(item.ms)})`}`;
}

/** A progress reporter writing to `stream` (a bar when it is a TTY and `bar` is not false). */
export function batchProgress(total: number, stream: NodeJS.WriteStream = process.stderr, bar = true): BatchProgress {
  if (!bar || !stream.isTTY) {
    return {
      done: (item, done) => stream.write(`[${done}/${total}] ${itemLine(item)}\n`),
      stop: () => undefined,
    };
  }
  const b = new cliProgress.SingleBar(
    { stream, format: "grading {bar} {value}/{total} | {eta_formatted} left | {last}", hideCursor: true, clearOnComplete: true, etaBuffer: 8 },
    cliProgress.Presets.shades_classic,
  );
  b.start(total, 0, { last: "" });
  return {
    done: (item, done) => b.update(done, { last: itemLine(item).slice(0, 50) }),
    stop: () => b.stop(),
  };
}

/** The summary table: one row per submission, then totals. */
export function summaryTable(items: readonly BatchItem[], summary: BatchSummary): string {
  const rows = [["name", "score", "status", "time"], ...items.map((i) => [i.name, `${i.report.score.points}/${i.report.score.max}`, i.report.status, i.resumed ? "resumed" : seconds(i.ms)])];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]): string => r.map((cell, c) => (c === 1 || c === 3 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join("  ").trimEnd();
  const out = [line(rows[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)];
  const s = summary.byStatus;
  out.push("", `${summary.submissions} submissions: ${s.pass} pass, ${s.fail} fail, ${s.error} error; mean score ${summary.meanScore}`);
  if (summary.belowMinScore?.length) out.push(`below --min-score: ${summary.belowMinScore.join(", ")}`);
  return out.join("\n") + "\n";
}

/**
 * `mmkata grade [workspace]`: grade a workspace against the kata's hidden
 * suite and print the report. Exit 0 whenever grading ran (pass, fail or
 * error report); `--min-score N` makes a lower score exit 1 for CI.
 */

import { Command, InvalidArgumentError, Option } from "commander";
import { loadExercise } from "../../engine/catalog.js";
import { DEFAULT_SEED, grade } from "../../engine/grade.js";
import { resolveWorkspace } from "../../engine/workspace.js";
import { DISCLOSURES, maxTier, parseDisclosureSpec, type DisclosureSpec } from "../../engine/disclose.js";
import type { Report } from "../../report/report-types.js";
import { emitFormats } from "../../report/render/emit.js";
import { DEFAULT_FORMATS, FORMATS, parseFormats, renderFormat, type Format } from "../../report/render/index.js";
import { EXIT_BELOW_MIN_SCORE, EXIT_OK } from "../errors.js";
import { collect, intInRange } from "../options.js";
import { defaultIsolationFor, ISOLATION_REQUESTS, type IsolationRequest } from "../../engine/isolation.js";
import { gradeTakeHome } from "../../engine/takehome.js";

export { FORMATS, type Format };

export interface GradeCommandOptions {
  seed: number;
  case?: string[];
  format: Format[];
  out?: string;
  minScore?: number;
  disclosure: DisclosureSpec;
  timeoutMs?: number;
  heapMb?: number;
  runMs?: number;
  isolation?: IsolationRequest;
  exercise?: string;
  entry?: string;
  progress?: boolean;
  /** take-home: the interviewer's key; derives the seed and signs the report */
  keyFile?: string;
  candidate?: string;
}

/** Render a report in a format; colour only for terminal output to a TTY. */
export function renderReport(report: Report, format: Format, color: boolean): string {
  return renderFormat(report, format, { color });
}

/** Write or print the report and return the exit code. */
export function emitReport(report: Report, opts: Pick<GradeCommandOptions, "format" | "out" | "minScore"> & { disclosure?: DisclosureSpec }): number {
  const files = emitFormats(report, opts);
  if (files.length) process.stderr.write(`report written to ${files.join(", ")} (score ${report.score.points}/${report.score.max}, ${report.status})\n`);
  return opts.minScore !== undefined && report.score.points < opts.minScore ? EXIT_BELOW_MIN_SCORE : EXIT_OK;
}

/** Grade the workspace at dir (default "."); returns the report. */
export async function gradeWorkspace(dir: string, opts: GradeCommandOptions): Promise<Report> {
  const ws = resolveWorkspace(dir, { exercise: opts.exercise, entry: opts.entry });
  const exercise = loadExercise(ws.slug);
  const showProgress = opts.progress !== false && process.stderr.isTTY && !opts.out;
  return grade({
    exercise,
    root: ws.root,
    entry: ws.entry,
    seed: opts.seed,
    cases: opts.case,
    disclosure: maxTier(opts.disclosure, opts.format),
    limits: { ...(opts.timeoutMs ? { caseMs: opts.timeoutMs } : {}), ...(opts.heapMb ? { heapMb: opts.heapMb } : {}), ...(opts.runMs ? { runMs: opts.runMs } : {}) },
    isolation: opts.isolation,
    replayTarget: dir === "." ? undefined : dir,
    onCase: showProgress ? (_c, done, total) => process.stderr.write(`\rgrading ${ws.slug}: ${done}/${total} cases`) : undefined,
  }).finally(() => {
    if (showProgress) process.stderr.write("\r\x1b[K");
  });
}

/** commander parser for --disclosure (a bad value is a usage error naming the accepted forms). */
function disclosureArg(value: string): DisclosureSpec {
  try {
    return parseDisclosureSpec(value, FORMATS);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

export function register(program: Command): void {
  program
    .command("grade [workspace]")
    .description("grade a workspace against the kata's hidden suite and show the report")
    .option("--seed <n>", "seed for the generated cases (recorded in the report)", intInRange("--seed", 0, 2 ** 32 - 1), DEFAULT_SEED)
    .option("--case <id>", "grade only this case id or glob (repeatable)", collect)
    .addOption(new Option("--format <formats>", `report formats, comma-separated or repeated: ${FORMATS.join(", ")}`).argParser(parseFormats).default(DEFAULT_FORMATS, "terminal"))
    .option("--out <path>", "write the report to a file, or with several formats to a folder (one file per format)")
    .option("--min-score <n>", "exit 1 when the score is below n (for CI)", intInRange("--min-score", 0, 100))
    .addOption(
      new Option("--disclosure <spec>", `how much of a failing hidden case to show: a tier (${DISCLOSURES.join(", ")}), optionally per format, e.g. full,gradescope=category`)
        .argParser(disclosureArg)
        .default({ base: "counterexample", per: {} }, "counterexample"),
    )
    .option("--timeout-ms <n>", "wall-time limit per case in ms (default: the kata's)", intInRange("--timeout-ms", 100, 600_000))
    .option("--run-ms <n>", "wall-time budget for the whole run in ms (default: the kata's, else 120000)", intInRange("--run-ms", 1000, 3_600_000))
    .option("--heap-mb <n>", "heap cap of the submission's process in MB (default: the kata's, else 256)", intInRange("--heap-mb", 32, 8192))
    .addOption(new Option("--isolation <level>", "sandbox level: strict (network namespace, uid 65534, rlimits; needs root), standard, or auto (default: auto; with --key-file: strict)").choices(ISOLATION_REQUESTS).default("auto"))
    .option("--exercise <slug>", "grade as this kata (for a folder without .mmkata.json)")
    .option("--entry <file>", "the submission's entry file (default: from .mmkata.json, or solution.ts/js)")
    .option("--no-progress", "do not show the progress line")
    .option("--key-file <file>", "take-home: grade a returned bundle or workspace with the interviewer's key (seed from the key, full disclosure, signed report.json + .sig under --out)")
    .option("--candidate <id>", "take-home: the candidate (default: from the bundle's .mmkata-assignment.json)")
    .action(async (workspace: string | undefined, opts: GradeCommandOptions, cmd: Command) => {
      if (opts.keyFile) {
        const given = (name: string) => cmd.getOptionValueSource(name) === "cli";
        const take = { ...opts, disclosure: given("disclosure") ? opts.disclosure : { base: "full" as const, per: {} }, isolation: defaultIsolationFor("take-home", given("isolation") ? opts.isolation : undefined) };
        const run = (dir: string, seed: number) => gradeWorkspace(dir, { ...take, seed });
        process.exitCode = await gradeTakeHome(workspace ?? ".", { ...opts, keyFile: opts.keyFile, seed: given("seed") ? opts.seed : undefined }, run);
        return;
      }
      const report = await gradeWorkspace(workspace ?? ".", opts);
      process.exitCode = emitReport(report, opts);
    });
}

/**
 * `mmkata demo`: grade the bundled, plausibly buggy buddy-coalesce submission
 * (graders/demo/buddy-coalesce/solution.ts) on the default seed and show the
 * report — what a learner sees after `mmkata grade`, with nothing to set up.
 */

import { Command, Option } from "commander";
import { join } from "node:path";
import { loadExercise } from "../../engine/catalog.js";
import { DEFAULT_SEED, grade } from "../../engine/grade.js";
import { KIT_ROOT } from "../../engine/paths.js";
import type { Report } from "../../report/report-types.js";
import { collect, intInRange } from "../options.js";
import { DEFAULT_FORMATS, parseFormats } from "../../report/render/index.js";
import { emitReport, FORMATS, type Format } from "./grade.js";

export const DEMO_SLUG = "buddy-coalesce";
export const DEMO_DIR = join(KIT_ROOT, "graders", "demo", DEMO_SLUG);

export interface DemoOptions {
  seed: number;
  case?: string[];
  format: Format[];
  out?: string;
}

/** Grade the demo submission; returns the report. */
export async function runDemo(opts: Pick<DemoOptions, "seed" | "case">): Promise<Report> {
  return grade({ exercise: loadExercise(DEMO_SLUG), root: DEMO_DIR, entry: "solution.ts", seed: opts.seed, cases: opts.case, disclosure: "counterexample" });
}

export function register(program: Command): void {
  program
    .command("demo")
    .description("grade a bundled, plausibly buggy buddy-coalesce submission and show the report")
    .option("--seed <n>", "seed for the generated cases", intInRange("--seed", 0, 2 ** 32 - 1), DEFAULT_SEED)
    .option("--case <id>", "grade only this case id or glob (repeatable)", collect)
    .addOption(new Option("--format <formats>", `report formats, comma-separated or repeated: ${FORMATS.join(", ")}`).argParser(parseFormats).default(DEFAULT_FORMATS, "terminal"))
    .option("--out <path>", "write the report to a file, or with several formats to a folder (one file per format)")
    .action(async (opts: DemoOptions) => {
      if (opts.format.includes("terminal") && (!opts.out || opts.format.length > 1)) {
        process.stdout.write(`Grading the bundled demo submission ${DEMO_DIR.replace(KIT_ROOT + "/", "")}\n(a first attempt at __free_one_page with one plausible bug). Your own: mmkata start ${DEMO_SLUG}\n\n`);
      }
      const report = await runDemo(opts);
      emitReport(report, opts);
    });
}

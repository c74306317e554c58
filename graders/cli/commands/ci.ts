/**
 * `mmkata ci init github|gitlab [--exercise slug] [--min-score N] [--out DIR]`:
 * write a CI workflow that grades, uploads reports, annotates and fails below
 * the minimum score (graders/engine/ci-templates.ts).
 */

import { Argument, type Command } from "commander";
import { CI_FILES, CI_PROVIDERS, writeCiWorkflow, type CiProvider } from "../../engine/ci-templates.js";
import { intInRange } from "../options.js";

interface CiFlags {
  exercise?: string;
  minScore?: number;
  out: string;
  kit?: string;
  workspace?: string;
  force?: boolean;
}

export function register(program: Command): void {
  const ci = program.command("ci").description("CI set-up: `mmkata ci init github|gitlab` writes a grading workflow");
  ci.command("init")
    .description(`write a grading workflow (${CI_PROVIDERS.map((p) => CI_FILES[p]).join(" or ")})`)
    .addArgument(new Argument("<provider>", "the CI system").choices(CI_PROVIDERS))
    .option("--exercise <slug>", "grade as this kata (for a repository without .mmkata.json)")
    .option("--min-score <n>", "fail the pipeline below this score (default 100)", intInRange("--min-score", 0, 100))
    .option("--out <dir>", "the repository root to write into", ".")
    .option("--kit <spec>", "npm install spec of the kit (default: mmkata@<this version>)")
    .option("--workspace <path>", "the workspace folder inside the repository", ".")
    .option("--force", "replace an existing workflow file")
    .action((provider: CiProvider, opts: CiFlags) => {
      const file = writeCiWorkflow(provider, opts.out, { exercise: opts.exercise, minScore: opts.minScore, kitSpec: opts.kit, workspace: opts.workspace, force: opts.force });
      process.stdout.write(`wrote ${file}\n`);
    });
}

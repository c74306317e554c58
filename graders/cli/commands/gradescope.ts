/**
 * `mmkata gradescope bundle --exercise slug [--out FILE]`: write a Gradescope
 * autograder zip (setup.sh, run_autograder); see graders/engine/gradescope-bundle.ts.
 */

import { Option, type Command } from "commander";
import { DISCLOSURES } from "../../engine/disclose.js";
import { writeGradescopeBundle } from "../../engine/gradescope-bundle.js";
import type { Disclosure } from "../../report/report-types.js";

export function register(program: Command): void {
  const gs = program.command("gradescope").description("Gradescope set-up: `mmkata gradescope bundle` writes an autograder zip");
  gs.command("bundle")
    .description("write a Gradescope autograder zip (setup.sh, run_autograder) for a kata")
    .requiredOption("--exercise <slug>", "the kata to grade")
    .option("--out <file>", "the zip to write (default: ./mmkata-<slug>-autograder.zip)")
    .option("--kit <spec>", "npm install spec of the kit (default: mmkata@<this version>)")
    .addOption(new Option("--disclosure <tier>", "how much of a failing hidden case the students see").choices(DISCLOSURES).default("counterexample"))
    .action(async (opts: { exercise: string; out?: string; kit?: string; disclosure: Disclosure }) => {
      const file = await writeGradescopeBundle({ exercise: opts.exercise, out: opts.out, kitSpec: opts.kit, disclosure: opts.disclosure });
      process.stdout.write(`wrote ${file}: upload it as the assignment's autograder (Gradescope > Configure Autograder > Zip file upload)\n`);
    });
}

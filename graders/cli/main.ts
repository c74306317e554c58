/**
 * The `mmkata` program: composes one command per file from commands/, and
 * turns every failure, commander's own usage errors included, into one
 * message and one exit code (see errors.ts) through reportError.
 */

import { Command, CommanderError } from "commander";
import { KIT_VERSION } from "../engine/paths.js";
import * as demo from "./commands/demo.js";
import * as grade from "./commands/grade.js";
import * as gradeBatch from "./commands/grade-batch.js";
import * as merge from "./commands/merge.js";
import * as hint from "./commands/hint.js";
import * as list from "./commands/list.js";
import * as show from "./commands/show.js";
import * as start from "./commands/start.js";
import * as assign from "./commands/assign.js";
import * as verify from "./commands/verify.js";
import * as keygen from "./commands/keygen.js";
import * as ci from "./commands/ci.js";
import * as gradescope from "./commands/gradescope.js";
import * as newKata from "./commands/new.js";
import * as checkCatalog from "./commands/check-catalog.js";
import { EXIT_OK, reportError, usageError } from "./errors.js";

const COMMANDS: { register(program: Command): void }[] = [list, show, start, hint, grade, gradeBatch, merge, demo, keygen, assign, verify, ci, gradescope, newKata, checkCatalog];

const EXIT_CODES = `
Exit codes:
  0    success (grade: grading ran, whatever the score)
  1    grade --min-score N and the score is below N (grade-batch, merge: any score); verify: the report does not match its signature
  2    usage error: unknown command, bad flag value, unknown kata
  3    input error: a malformed exercise, workspace, case file or report
  4    internal error: a bug in mmkata (rerun with --debug and report it)
  130  interrupted (Ctrl-C in a prompt)`;

/** The program with every command registered; parsing throws instead of exiting. */
export function buildProgram(): Command {
  const program = new Command("mmkata")
    .description("Linux memory-management kata: practise, grade, repeat")
    .version(KIT_VERSION, "-V, --version", "print the kit's version")
    .option("--debug", "print stack traces on errors (also MMKATA_DEBUG=1)")
    .exitOverride()
    .configureOutput({ outputError: () => {} })
    .addHelpText("after", EXIT_CODES);
  for (const command of COMMANDS) command.register(program);
  return program;
}

/** A commander parse error as a usage error; commander's "(Did you mean x?)" becomes the hint. */
function fromCommander(err: CommanderError, program: Command, argv: readonly string[]): Error {
  const [message = "", ...rest] = err.message.replace(/^error: /, "").split("\n");
  const guess = /\(Did you mean (.+)\?\)/.exec(rest.join(" "))?.[1];
  const sub = program.commands.find((c) => argv.slice(2).includes(c.name()))?.name();
  const fallback = err.code === "commander.unknownCommand" ? "run `mmkata --help` to see every command" : `run \`mmkata ${sub ? `${sub} ` : ""}--help\` for usage`;
  const quoted = guess?.startsWith("one of ") ? guess : `"${guess}"`;
  return usageError(message, guess ? `did you mean ${quoted}?` : fallback);
}

/** Run mmkata with `argv` (node, script, args…); returns the exit code. */
export async function main(argv: readonly string[] = process.argv): Promise<number> {
  const debug = argv.includes("--debug") || process.env.MMKATA_DEBUG === "1";
  const program = buildProgram();
  try {
    if (argv.slice(2).every((a) => a === "--debug")) {
      const prompts = await import("./prompts.js"); // loads @inquirer/prompts only when needed
      if (prompts.isInteractive()) process.stdout.write(await prompts.pickAndStart());
      else program.outputHelp();
      return EXIT_OK;
    }
    await program.parseAsync([...argv]);
    return typeof process.exitCode === "number" ? process.exitCode : EXIT_OK;
  } catch (err) {
    if (err instanceof CommanderError && err.exitCode === 0) return EXIT_OK; // --help, --version
    return reportError(err instanceof CommanderError ? fromCommander(err, program, argv) : err, debug);
  }
}

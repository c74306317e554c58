/**
 * `mmkata assign --exercises a,b --candidate ID [--key-file F | --seed S] [--now ISO] --out DIR`:
 * build a take-home bundle (folder + DIR.zip) for one candidate; see
 * graders/engine/takehome.ts for what is (and is not) in it.
 */

import { InvalidArgumentError, type Command } from "commander";
import { assign, type AssignResult } from "../../engine/takehome.js";
import { readKeyFile } from "../../engine/signing.js";
import { intInRange } from "../options.js";

interface AssignFlags {
  exercises: string;
  candidate: string;
  out: string;
  keyFile?: string;
  seed?: number;
  now?: Date;
  force?: boolean;
}

function parseNow(v: string): Date {
  const d = new Date(v);
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(d.getTime())) throw new InvalidArgumentError(`--now must be an ISO date-time such as 2026-11-22T09:00:00Z, got "${v}"`);
  return d;
}

/** What assign prints for the interviewer. */
export function formatAssign(r: AssignResult): string {
  const a = r.assignment;
  return [
    `take-home ${a.bundleId} for ${a.candidate}: ${a.exercises.join(", ")} (time box ${a.timeBoxMinutes} min)`,
    `  folder ${r.dir}`,
    `  zip    ${r.zip}   <- send this to the candidate`,
    a.seedSource === "key" ? `  seeds derive from key ${a.keyId}; grade the returned bundle with: mmkata grade <bundle> --key-file <key> --out <dir>` : "  explicit --seed: grade the returned bundle with the same --seed and your --key-file",
  ].join("\n") + "\n";
}

export function register(program: Command): void {
  program
    .command("assign")
    .description("build a take-home bundle for a candidate: workspaces, rules, time box (no hidden suite, no seed)")
    .requiredOption("--exercises <slugs>", "the kata, comma-separated (see `mmkata list`)")
    .requiredOption("--candidate <id>", "the candidate's id (letters, digits, . _ @ + -)")
    .requiredOption("--out <dir>", "the bundle folder to create; the zip is written next to it as <dir>.zip")
    .option("--key-file <file>", "your key (from `mmkata keygen`): per-candidate seeds derive from it")
    .option("--seed <n>", "one explicit seed instead of per-candidate seeds from the key", intInRange("--seed", 0, 2 ** 32 - 1))
    .option("--now <iso>", "the assignment time to record (default: now)", parseNow)
    .option("--force", "write into a non-empty --out folder")
    .action(async (opts: AssignFlags) => {
      const exercises = opts.exercises.split(",").map((s) => s.trim()).filter(Boolean);
      const key = opts.keyFile ? readKeyFile(opts.keyFile) : undefined;
      const r = await assign({ exercises, candidate: opts.candidate, out: opts.out, key, seed: opts.seed, now: opts.now, force: opts.force });
      process.stdout.write(formatAssign(r));
    });
}

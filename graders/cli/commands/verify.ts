/**
 * `mmkata verify report.json --key-file F [--sig FILE]`: check a signed
 * take-home report. Exit 0 and one line "verified: …" when the signature
 * matches; exit 1 and the reason when anything was changed.
 */

import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { readKeyFile, verifySigned } from "../../engine/signing.js";
import { EXIT_OK, inputError } from "../errors.js";

/** verify's failure exit code: the same 1 as "below --min-score" (a check that did not pass). */
export const EXIT_NOT_VERIFIED = 1;

/** Verify a report file; returns [exit code, the line to print]. */
export function verifyFile(reportFile: string, keyFile: string, sigFile = `${reportFile}.sig`): [number, string] {
  let text: string;
  try {
    text = readFileSync(reportFile, "utf8");
  } catch (e) {
    throw inputError(`cannot read the report ${reportFile}: ${(e as Error).message}`);
  }
  const r = verifySigned(text, sigFile, readKeyFile(keyFile));
  if (!r.ok) return [EXIT_NOT_VERIFIED, `NOT verified: ${reportFile}: ${r.reason}\n`];
  const { exercise, score, status } = r.report;
  return [EXIT_OK, `verified: ${r.candidate}, ${exercise.slug}, ${score.points}/${score.max} (${status})\n`];
}

export function register(program: Command): void {
  program
    .command("verify")
    .description("check the signature of a take-home report graded with --key-file")
    .argument("<report>", "the signed report.json")
    .requiredOption("--key-file <file>", "the interviewer's key the report was signed with")
    .option("--sig <file>", "the signature file (default: <report>.sig)")
    .action((report: string, opts: { keyFile: string; sig?: string }) => {
      const [code, line] = verifyFile(report, opts.keyFile, opts.sig);
      (code === EXIT_OK ? process.stdout : process.stderr).write(line);
      process.exitCode = code;
    });
}

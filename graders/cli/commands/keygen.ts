/**
 * `mmkata keygen --out F [--force]`: create an interviewer's key file (mode
 * 0600) for take-home seeds and signed reports. Prints only the key's
 * fingerprint; the key itself stays in the file.
 */

import type { Command } from "commander";
import { writeKeyFile } from "../../engine/signing.js";

export function register(program: Command): void {
  program
    .command("keygen")
    .description("create an interviewer's secret key file (take-home seeds and report signatures)")
    .requiredOption("--out <file>", "the key file to create (mode 0600; keep it away from candidates)")
    .option("--force", "replace an existing key file (reports signed with the old key will no longer verify)")
    .action((opts: { out: string; force?: boolean }) => {
      const id = writeKeyFile(opts.out, opts.force ?? false);
      process.stdout.write(`wrote key ${id} to ${opts.out} (mode 0600): keep it secret; use it with mmkata assign/grade/verify --key-file\n`);
    });
}

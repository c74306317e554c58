/**
 * Typed errors for everything a user can get wrong, and the one place that
 * turns them into a message and an exit code.
 *
 * Exit codes (documented in the README and `mmkata --help`):
 *   0  success; for `grade`, grading ran (whatever the score) unless --min-score says otherwise
 *   1  `grade --min-score N` and the score is below N
 *   2  usage error: unknown command, bad flag value, unknown kata
 *   3  input error: a malformed exercise, workspace, case file or report
 *   4  internal error (a bug in mmkata: please report it, with --debug output)
 * 130 interrupted (Ctrl-C in a prompt)
 */

import { pcErr as pc } from "./colors.js";

export const EXIT_OK = 0;
export const EXIT_BELOW_MIN_SCORE = 1;
export const EXIT_USAGE = 2;
export const EXIT_INPUT = 3;
export const EXIT_INTERNAL = 4;
export const EXIT_INTERRUPTED = 130;

export type ErrorCode = "usage" | "input" | "internal";

export interface MmkataErrorOptions {
  suggestion?: string;
  cause?: unknown;
}

export class MmkataError extends Error {
  readonly suggestion?: string;
  constructor(readonly code: ErrorCode, message: string, opts: MmkataErrorOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "MmkataError";
    this.suggestion = opts.suggestion;
  }

  get exitCode(): number {
    return this.code === "usage" ? EXIT_USAGE : this.code === "input" ? EXIT_INPUT : EXIT_INTERNAL;
  }
}

export const usageError = (message: string, suggestion?: string): MmkataError => new MmkataError("usage", message, { suggestion });
export const inputError = (message: string, suggestion?: string, cause?: unknown): MmkataError => new MmkataError("input", message, { suggestion, cause });

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length]!;
}

/** The closest candidate to `word`, if it is close enough to be a likely typo. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const dist = editDistance(word, c);
    if (dist < bestD) [best, bestD] = [c, dist];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/**
 * Print an error for a person and return the exit code. Stack traces only with
 * --debug (or MMKATA_DEBUG=1).
 */
export function reportError(err: unknown, debug: boolean, write: (s: string) => void = (s) => process.stderr.write(s)): number {
  if (err && typeof err === "object" && (err as { name?: string }).name === "ExitPromptError") return EXIT_INTERRUPTED;
  if (err instanceof MmkataError) {
    write(`${pc.red("error:")} ${err.message}\n`);
    if (err.suggestion) write(`${pc.dim("hint:")} ${err.suggestion}\n`);
    if (debug && err.cause) write(`${String((err.cause as Error)?.stack ?? err.cause)}\n`);
    if (debug) write(`${err.stack}\n`);
    return err.exitCode;
  }
  const e = err as Error;
  write(`${pc.red("internal error:")} ${e?.message ?? String(err)}\n`);
  write(debug ? `${e?.stack}\n` : `${pc.dim("This is a bug in mmkata. Run again with --debug for a stack trace and report it.")}\n`);
  return EXIT_INTERNAL;
}

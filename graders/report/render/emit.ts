/**
 * Writing a report in the formats a command was asked for.
 *   one format, no --out       → stdout (terminal in colour on a TTY)
 *   one format, --out FILE     → that file
 *   --out DIR (several formats, an existing folder, or a path ending in /)
 *                              → one file per format (FORMAT_SPECS[f].file);
 *                                terminal still goes to stdout
 * The github format also appends its Markdown summary to $GITHUB_STEP_SUMMARY
 * when that is set. Several formats without --out is a usage error.
 */

import { discloseReport, tierFor, type DisclosureSpec } from "../../engine/disclose.js";
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { inputError, usageError } from "../../cli/errors.js";
import { EXERCISES_DIR } from "../../engine/paths.js";
import { exercismTaskIds } from "../metrics.js";
import type { Report } from "../report-types.js";
import { renderGithubSummary } from "./github.js";
import { FORMAT_SPECS, renderFormat, type Format, type RenderContext } from "./index.js";
import { wantsColor } from "./terminal.js";

export interface EmitOptions {
  format: Format[];
  out?: string;
  /** where the GitHub step summary goes (default: $GITHUB_STEP_SUMMARY) */
  stepSummary?: string;
  write?: (s: string) => void;
  /** per-output disclosure tiers; each format's report is cut to its tier before rendering */
  disclosure?: DisclosureSpec;
}

/** Exercism task ids for the report's kata, from its instructions.md (none if absent). */
function taskIdsFor(r: Report): Record<string, number> {
  const file = join(EXERCISES_DIR, r.exercise.slug, "instructions.md");
  if (!existsSync(file)) return {};
  return exercismTaskIds(readFileSync(file, "utf8"), r.groups.map((g) => g.id));
}

function isDirTarget(out: string, formats: readonly Format[]): boolean {
  if (formats.length > 1 || out.endsWith("/")) return true;
  return existsSync(out) && statSync(out).isDirectory();
}

function writeOrThrow(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (e) {
    throw inputError(`cannot write the report to ${file}: ${(e as Error).message}`);
  }
}

function appendSummary(r: Report, target: string | undefined): void {
  if (!target) return;
  try {
    appendFileSync(target, renderGithubSummary(r) + "\n");
  } catch (e) {
    throw inputError(`cannot append to $GITHUB_STEP_SUMMARY (${target}): ${(e as Error).message}`);
  }
}

/** Write or print the report in every requested format; returns the files written. */
export function emitFormats(r: Report, opts: EmitOptions): string[] {
  const written = writeFormats(r, opts);
  if (opts.format.includes("github")) appendSummary(forFormat(r, "github", opts), opts.stepSummary ?? process.env.GITHUB_STEP_SUMMARY);
  return written;
}

/** The report as format `f` may show it (see EmitOptions.disclosure). */
function forFormat(r: Report, f: Format, opts: EmitOptions): Report {
  return opts.disclosure ? discloseReport(r, tierFor(opts.disclosure, f)) : r;
}

function writeFormats(r: Report, opts: EmitOptions): string[] {
  const write = opts.write ?? ((s: string) => process.stdout.write(s));
  const ctx = (f: Format): RenderContext => ({ color: false, ...(f === "exercism" ? { taskIds: taskIdsFor(r) } : {}) });
  const formats = [...new Set(opts.format)];
  const written: string[] = [];
  if (!opts.out) {
    if (formats.length > 1) throw usageError(`--format ${formats.join(",")}: several formats need --out DIR (one file per format)`);
    const f = formats[0]!;
    write(renderFormat(forFormat(r, f, opts), f, { ...ctx(f), color: f === "terminal" && !opts.write && wantsColor(process.stdout) }));
    return written;
  }
  const out = resolve(opts.out);
  if (!isDirTarget(out, formats)) {
    writeOrThrow(out, renderFormat(forFormat(r, formats[0]!, opts), formats[0]!, ctx(formats[0]!)));
    return [out];
  }
  try {
    mkdirSync(out, { recursive: true });
  } catch (e) {
    throw inputError(`cannot create the report folder ${opts.out}: ${(e as Error).message}`);
  }
  for (const f of formats) {
    const file = FORMAT_SPECS[f].file;
    if (!file) write(renderFormat(forFormat(r, f, opts), f, { ...ctx(f), color: !opts.write && wantsColor(process.stdout) }));
    else {
      writeOrThrow(join(out, file), renderFormat(forFormat(r, f, opts), f, ctx(f)));
      written.push(join(out, file));
    }
  }
  return written;
}

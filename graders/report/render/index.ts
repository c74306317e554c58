/**
 * The format registry: every report format by name, the file it is written
 * to under `--out DIR`, and its renderer. `mmkata grade` and `mmkata demo`
 * take several formats at once (`--format json,junit` or repeated `--format`).
 */

import { InvalidArgumentError } from "commander";
import type { Report } from "../report-types.js";
import { renderCsv } from "./csv.js";
import { renderExercism } from "./exercism.js";
import { renderGithub } from "./github.js";
import { renderGradescope } from "./gradescope.js";
import { renderHtml } from "./html.js";
import { renderJson } from "./json.js";
import { renderJunit } from "./junit.js";
import { renderMarkdown } from "./markdown.js";
import { renderTerminal } from "./terminal.js";

export const FORMATS = ["terminal", "json", "markdown", "html", "junit", "exercism", "gradescope", "github", "csv"] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderContext {
  /** ANSI colours (terminal format only) */
  color: boolean;
  /** rubric group id → Exercism task id (exercism format only) */
  taskIds?: Readonly<Record<string, number>>;
}

export interface FormatSpec {
  /** file name under --out DIR; undefined: always printed to stdout */
  file?: string;
  description: string;
  render: (r: Report, ctx: RenderContext) => string;
}

export const FORMAT_SPECS: Record<Format, FormatSpec> = {
  terminal: { description: "for a person at a terminal (stdout)", render: (r, ctx) => renderTerminal(r, ctx.color) },
  json: { file: "report.json", description: "the schema-valid report itself", render: (r) => renderJson(r) },
  markdown: { file: "report.md", description: "Markdown: score table, failing cases, op tables", render: (r) => renderMarkdown(r) },
  html: { file: "report.html", description: "self-contained HTML with diagrams", render: (r) => renderHtml(r) },
  junit: { file: "junit.xml", description: "JUnit XML for GitLab, Jenkins, GitHub test reporters", render: (r) => renderJunit(r) },
  exercism: { file: "exercism-results.json", description: "Exercism test-runner results.json (v3)", render: (r, ctx) => renderExercism(r, ctx.taskIds) },
  gradescope: { file: "gradescope-results.json", description: "Gradescope autograder results.json", render: (r) => renderGradescope(r) },
  github: { file: "github-annotations.txt", description: "GitHub Actions annotations (+ $GITHUB_STEP_SUMMARY)", render: (r) => renderGithub(r) },
  csv: { file: "gradebook.csv", description: "gradebook CSV (header + one row)", render: (r) => renderCsv(r) },
};

/** Render a report in one format. */
export function renderFormat(r: Report, format: Format, ctx: RenderContext): string {
  return FORMAT_SPECS[format].render(r, ctx);
}

/** The --format default; parseFormats replaces it rather than appending to it. */
export const DEFAULT_FORMATS: Format[] = ["terminal"];

/**
 * Commander parser for --format: comma-separated names, repeatable; the
 * result has no duplicates. An unknown name is a usage error listing the formats.
 */
export function parseFormats(value: string, prev: Format[] = DEFAULT_FORMATS): Format[] {
  const out = prev === DEFAULT_FORMATS ? [] : [...prev];
  for (const raw of value.split(",")) {
    const name = raw.trim();
    if (!name) continue;
    if (!(FORMATS as readonly string[]).includes(name)) throw new InvalidArgumentError(`unknown format "${name}"; formats: ${FORMATS.join(", ")}`);
    if (!out.includes(name as Format)) out.push(name as Format);
  }
  if (!out.length) throw new InvalidArgumentError(`no format given; formats: ${FORMATS.join(", ")}`);
  return out;
}

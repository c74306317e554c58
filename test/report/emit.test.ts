/**
 * `--format` with several formats and `--out`: the registry, the flag parser,
 * writing one file per format, the step summary, and one run of the real CLI
 * (`node bin/mmkata.js demo`, which needs `npm run build`; `npm test` builds).
 */

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InvalidArgumentError } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KIT_ROOT } from "../../graders/engine/paths.js";
import { emitFormats } from "../../graders/report/render/emit.js";
import { DEFAULT_FORMATS, FORMAT_SPECS, FORMATS, parseFormats } from "../../graders/report/render/index.js";
import type { Report } from "../../graders/report/report-types.js";
import { reportProblems } from "../../graders/report/validate.js";
import { mutantReport } from "./fixtures.js";

let dir: string;
let full: Report;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mmkata-emit-"));
  full = await mutantReport("counterexample");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("parseFormats", () => {
  it("takes comma-separated and repeated values, drops duplicates, replaces the default", () => {
    const once = parseFormats("json, junit", DEFAULT_FORMATS);
    expect(once).toEqual(["json", "junit"]);
    expect(parseFormats("html,json", once)).toEqual(["json", "junit", "html"]);
    expect(DEFAULT_FORMATS).toEqual(["terminal"]);
  });
  it("an unknown or empty format is a usage error naming the formats", () => {
    expect(() => parseFormats("json,xml")).toThrow(InvalidArgumentError);
    expect(() => parseFormats("xml")).toThrow(/unknown format "xml"; formats: terminal, json, markdown/);
    expect(() => parseFormats(" , ")).toThrow(/no format given/);
  });
  it("every format but terminal has its own file name", () => {
    const files = FORMATS.map((f) => FORMAT_SPECS[f].file).filter(Boolean);
    expect(files).toHaveLength(FORMATS.length - 1);
    expect(new Set(files).size).toBe(files.length);
  });
});

describe("emitFormats", () => {
  it("--out DIR writes one file per format; terminal goes to stdout; github appends the step summary", () => {
    const out = join(dir, "all");
    const summary = join(dir, "summary.md");
    writeFileSync(summary, "earlier step\n");
    let stdout = "";
    const files = emitFormats(full, { format: [...FORMATS], out, stepSummary: summary, write: (s) => (stdout += s) });
    expect(readdirSync(out).sort()).toEqual(["exercism-results.json", "github-annotations.txt", "gradebook.csv", "gradescope-results.json", "junit.xml", "report.html", "report.json", "report.md"]);
    expect(files).toHaveLength(8);
    expect(stdout).toContain("Score 70/100");
    expect(reportProblems(JSON.parse(readFileSync(join(out, "report.json"), "utf8")))).toEqual([]);
    expect(readFileSync(summary, "utf8")).toMatch(/^earlier step\n### mmkata buddy-coalesce: 70\/100/);
    const ex = JSON.parse(readFileSync(join(out, "exercism-results.json"), "utf8")) as { tests: { task_id?: number }[] };
    expect(ex.tests.every((t) => t.task_id === 1)).toBe(true); // buddy-coalesce's instructions have one `## Task`
  });

  it("one format with --out FILE writes that file; with no --out it prints", () => {
    const file = join(dir, "junit-one.xml");
    expect(emitFormats(full, { format: ["junit"], out: file })).toEqual([file]);
    expect(readFileSync(file, "utf8")).toMatch(/^<\?xml/);
    let stdout = "";
    expect(emitFormats(full, { format: ["csv"], write: (s) => (stdout += s) })).toEqual([]);
    expect(stdout.split("\r\n")[0]).toMatch(/^slug,entry,sha256,seed,score,max,status,group:no-merge/);
  });

  it("several formats without --out is a usage error; an unwritable folder an input error", () => {
    expect(() => emitFormats(full, { format: ["json", "junit"], write: () => undefined })).toThrow(/several formats need --out DIR/);
    const blocker = join(dir, "a-file");
    writeFileSync(blocker, "");
    expect(() => emitFormats(full, { format: ["json", "junit"], out: join(blocker, "sub") })).toThrow(/cannot create the report folder/);
  });
});

describe("node bin/mmkata.js demo --format … --out DIR", () => {
  it("writes every requested file and prints the terminal report", () => {
    if (!existsSync(join(KIT_ROOT, "dist", "graders", "cli", "main.js"))) throw new Error("dist/ is missing: run `npm run build` (npm test does it first)");
    const out = join(dir, "cli");
    const r = spawnSync(process.execPath, [join(KIT_ROOT, "bin", "mmkata.js"), "demo", "--case", "buddy.free.single.*", "--format", "terminal,json", "--format", "junit,gradescope", "--out", out], {
      cwd: KIT_ROOT,
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", HOME: process.env.HOME ?? "" },
    });
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["gradescope-results.json", "junit.xml", "report.json"]);
    expect(r.stdout).toContain("Grading the bundled demo submission");
    expect(r.stdout).toMatch(/Score \d+\/100/);
    const bad = spawnSync(process.execPath, [join(KIT_ROOT, "bin", "mmkata.js"), "demo", "--format", "json,yaml"], { cwd: KIT_ROOT, encoding: "utf8", env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" } });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown format "yaml"');
  });
});

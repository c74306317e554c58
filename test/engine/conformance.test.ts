/**
 * The kata prove themselves: for every kata the proof solution scores 100,
 * each generated stub (TypeScript and JavaScript) scores 0, and every
 * plausible-bug mutant scores below 100 with a report that names the op where
 * it diverged. Mutant reports are compared with golden terminal renderings
 * (timing stripped); re-record with UPDATE_GOLDEN=1.
 */

import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { listSlugs } from "../../graders/engine/catalog.js";
import { renderTerminal } from "../../graders/report/render/terminal.js";
import { reportProblems } from "../../graders/report/validate.js";
import type { Report } from "../../graders/report/report-types.js";
import { gradeDir } from "./helpers.js";

const FIXTURES = fileURLToPath(new URL("../fixtures", import.meta.url));
const EXERCISES = fileURLToPath(new URL("../../exercises", import.meta.url));
const slugs = listSlugs();

/** The terminal report without the run-time figure, for golden comparison. */
function golden(r: Report): string {
  return renderTerminal(r, false).replace(/ · [\d.]+ s\n$/, "\n");
}

describe.each(slugs)("%s", (slug) => {
  it("the proof solution scores 100", async () => {
    const r = await gradeDir(slug, join(FIXTURES, "solutions", slug));
    expect(reportProblems(r)).toEqual([]);
    const failing = r.cases.filter((c) => c.status !== "pass").map((c) => `${c.id}: ${c.message}`);
    expect(failing).toEqual([]);
    expect(r.score.points).toBe(100);
    expect(r.status).toBe("pass");
  });

  it.each(["ts", "js"])("the generated %s stub scores 0", async (lang) => {
    const r = await gradeDir(slug, join(EXERCISES, slug, "stub"), { entry: `solution.${lang}` });
    expect(reportProblems(r)).toEqual([]);
    expect(r.score.points).toBe(0);
    expect(r.cases.every((c) => c.status === "fail")).toBe(true);
    expect(r.cases[0]!.message).toMatch(/not implemented yet/);
  });

  const mutantDir = join(FIXTURES, "mutants", slug);
  const mutants = existsSync(mutantDir) ? readdirSync(mutantDir).filter((f) => f.endsWith(".ts")).sort() : [];

  it("has at least five plausible-bug mutants", () => {
    expect(mutants.length).toBeGreaterThanOrEqual(5);
  });

  it.each(mutants)("mutant %s scores below 100, names the diverging op, and matches its golden report", async (file) => {
    const r = await gradeDir(slug, mutantDir, { entry: file });
    expect(reportProblems(r)).toEqual([]);
    expect(r.score.points).toBeLessThan(100);
    const failed = r.cases.filter((c) => c.status !== "pass");
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.some((c) => /^op #\d+ /.test(c.message ?? ""))).toBe(true);
    const goldenFile = join(mutantDir, basename(file, ".ts") + ".golden.txt");
    const text = golden(r);
    if (process.env.UPDATE_GOLDEN === "1" || !existsSync(goldenFile)) writeFileSync(goldenFile, text);
    expect(text).toBe(readFileSync(goldenFile, "utf8"));
  });
});

/** The report schema as a product: types generated from it, valid and invalid documents. */

import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseReport, reportProblems } from "../../graders/report/validate.js";
import { gradeDir } from "./helpers.js";

const TYPES = fileURLToPath(new URL("../../graders/report/report-types.ts", import.meta.url));

describe("report schema", () => {
  it("the committed TypeScript types are what the schema generates", async () => {
    // @ts-expect-error -- a plain .mjs script without type declarations
    const { renderReportTypes } = await import("../../scripts/gen-report-types.mjs");
    expect(readFileSync(TYPES, "utf8")).toBe(await renderReportTypes());
  });

  it("accepts a real report and rejects broken ones with sentences that say where", async () => {
    const r = await gradeDir("buddy-find-buddy", fileURLToPath(new URL("../fixtures/solutions/buddy-find-buddy", import.meta.url)), { cases: ["buddy.find.lower.*"] });
    expect(reportProblems(r)).toEqual([]);
    expect(reportProblems({ ...r, status: "maybe" })).toEqual(['/status: must be one of "pass", "fail", "error"']);
    expect(reportProblems({ ...r, extra: 1 })).toEqual(['(top level): unknown property "extra"']);
    const { score: _s, ...noScore } = r;
    expect(reportProblems(noScore)).toEqual(['(top level): missing required property "score"']);
    expect(reportProblems({ ...r, run: { ...r.run, seed: -1 } })).toEqual(["/run/seed: must be >= 0"]);
  });

  it("parseReport names the file for bad JSON and bad shape", () => {
    expect(() => parseReport("{", "r.json")).toThrow(/^r\.json: not valid JSON/);
    expect(() => parseReport("{}", "r.json")).toThrow(/r\.json is not an mmkata report:\n {2}- \(top level\): missing required property/);
  });
});

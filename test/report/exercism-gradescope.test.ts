/**
 * Exercism results.json (v3) and Gradescope results.json, each validated with
 * ajv against a schema written from the format's own spec (schemas/).
 */

import { beforeAll, describe, expect, it } from "vitest";
import { validateAgainst } from "../../graders/engine/ajv.js";
import { EXERCISM_OUTPUT_LIMIT, exercismResults, limitOutput, renderExercism } from "../../graders/report/render/exercism.js";
import { gradescopeResults, renderGradescope, VISIBILITY } from "../../graders/report/render/gradescope.js";
import type { Report } from "../../graders/report/report-types.js";
import { errorReport, hostile, loadSchema, mutantReport, noisyReport } from "./fixtures.js";

const EXERCISM = loadSchema("exercism-results.schema.json");
const GRADESCOPE = loadSchema("gradescope-results.schema.json");

let full: Report;
let cx: Report;
let err: Report;
let noisy: Report;
beforeAll(async () => {
  [full, cx, err, noisy] = await Promise.all([mutantReport("full"), mutantReport("category"), errorReport(), noisyReport()]);
});

describe("Exercism results.json v3", () => {
  it("is valid for pass/fail/error reports and hostile text", () => {
    for (const r of [full, cx, err, noisy, hostile(full)]) expect(validateAgainst(EXERCISM, JSON.parse(renderExercism(r, { placement: 1 })), 20)).toEqual([]);
  });

  it("the schema rejects what the spec forbids", () => {
    const ok = exercismResults(full);
    expect(validateAgainst(EXERCISM, { ...ok, version: 2 })).not.toEqual([]);
    expect(validateAgainst(EXERCISM, { version: 3, status: "error", tests: [] })).toContain('(top level): missing required property "message"');
    const long = { ...ok, tests: [{ ...ok.tests[0]!, output: "x".repeat(501) }] };
    expect(validateAgainst(EXERCISM, long).join()).toMatch(/must NOT have more than 500 characters/);
  });

  it("one test per case in report order, statuses mapped, message only for error", () => {
    const res = exercismResults(full, { "no-merge": 1, placement: 1 });
    expect(res.status).toBe("fail");
    expect(res.message).toBeUndefined();
    expect(res.tests.map((t) => t.name.split(":")[0])).toEqual(full.cases.map((c) => c.id));
    const tail = res.tests.find((t) => t.name.startsWith("buddy.free.placement.tail"))!;
    expect(tail.status).toBe("fail");
    expect(tail.task_id).toBe(1);
    expect(tail.test_code).toBe("mmkata grade --seed 1 --case buddy.free.placement.tail");
    expect(tail.output).toContain("#0 free order-0 block at pfn 0x0 (freeOnePage): expected done, got done");
    expect(res.tests.find((t) => t.name.startsWith("buddy.free.random.0"))!.task_id).toBeUndefined();
    const e = exercismResults(err);
    expect(e.status).toBe("error");
    expect(e.message).toMatch(/does not compile/);
  });

  it("the 500-character rule: long output is cut to 500 and says so", () => {
    const cut = limitOutput("é".repeat(2000));
    expect([...cut].length).toBe(EXERCISM_OUTPUT_LIMIT);
    expect(cut).toMatch(/\[output truncated: limit is 500 characters\]$/);
    expect(limitOutput("short")).toBe("short");
    for (const t of exercismResults(hostile(noisy)).tests) expect([...(t.output ?? "")].length).toBeLessThanOrEqual(500);
  });
});

describe("Gradescope results.json", () => {
  it("is valid for every tier and for error and hostile reports", () => {
    for (const r of [full, cx, err, noisy, hostile(full)]) expect(validateAgainst(GRADESCOPE, JSON.parse(renderGradescope(r)), 20)).toEqual([]);
    expect(validateAgainst(GRADESCOPE, { tests: [{ max_score: 1 }] })).not.toEqual([]);
    expect(validateAgainst(GRADESCOPE, { score: 1, visibility: "public" })).not.toEqual([]);
  });

  it("one test per rubric group; test scores add up to the report's score", () => {
    const res = gradescopeResults(full);
    expect(res.tests.map((t) => t.name.split(":")[0])).toEqual(full.groups.map((g) => g.id));
    expect(res.tests.reduce((s, t) => s + t.score, 0)).toBe(full.score.points);
    expect(res.tests.reduce((s, t) => s + t.max_score, 0)).toBe(100);
    expect(res.score).toBe(70);
    expect(res.tests.every((t) => t.output_format === "md")).toBe(true);
    const placement = res.tests.find((t) => t.name.startsWith("placement"))!;
    expect(placement.status).toBe("failed");
    expect(placement.output).toContain("`buddy.free.placement.tail`");
  });

  it("visibility follows the disclosure tier: hidden inputs never visible before publishing", () => {
    expect(gradescopeResults(full).tests.every((t) => t.visibility === "hidden")).toBe(true);
    expect(gradescopeResults(cx).visibility).toBe("visible");
    expect(VISIBILITY.counterexample).toBe("after_published");
    expect(gradescopeResults(cx).tests.find((t) => t.name.startsWith("placement"))!.output).not.toContain("free_list order");
  });
});

/**
 * Submissions that do not work must still get a valid report with a clear
 * message, and the grader must survive them. (The full hostile set is the
 * sandbox issue's; these are the cases a learner hits by accident.)
 */

import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { gradeDir } from "./helpers.js";
import { reportProblems } from "../../graders/report/validate.js";

const dir = (name: string): string => fileURLToPath(new URL(`../fixtures/broken/${name}`, import.meta.url));
const coalesce = (name: string, caseMs = 2000) => gradeDir("buddy-coalesce", dir(name), { caseMs, cases: ["buddy.free.single.*", "buddy.free.merge.*"] });

describe("broken submissions get a report, never a crash", () => {
  it("a syntax error is status error with the file, line and column", async () => {
    const r = await coalesce("compile-error");
    expect(reportProblems(r)).toEqual([]);
    expect(r.status).toBe("error");
    expect(r.message).toMatch(/solution\.ts does not compile: solution\.ts:3:\d+/);
    expect(r.score.points).toBe(0);
  });

  it("throwing while loading is status error naming the exception", async () => {
    const r = await coalesce("throws-at-load");
    expect(r.status).toBe("error");
    expect(r.message).toMatch(/failed while loading.*boom while loading/);
  });

  it("a misspelt export is status error with a did-you-mean", async () => {
    const r = await coalesce("wrong-export");
    expect(r.status).toBe("error");
    expect(r.message).toContain('does not export freeOnePage (it exports "freeOnepage": a typo?)');
  });

  it("an infinite loop is killed at the case limit and the circuit breaker skips the rest", async () => {
    const r = await coalesce("infinite-loop", 300);
    expect(r.status).toBe("fail");
    const [first, ...rest] = r.cases;
    expect(first!.status).toBe("error");
    expect(first!.message).toBe("killed after 300 ms wall (limit)");
    expect(rest.filter((c) => c.status === "skipped").length).toBeGreaterThan(0);
    expect(rest.find((c) => c.status === "skipped")!.message).toMatch(/circuit breaker/);
  });

  it("a load that never finishes is status error", async () => {
    const r = await gradeDir("buddy-coalesce", dir("loop-at-load"), { cases: ["buddy.free.single.head"], startMs: 2000 });
    expect(r.status).toBe("error");
    expect(r.message).toMatch(/failed while loading: timeout after 2000 ms/);
  }, 30_000);

  it("process.exit in the submission throws instead of exiting, and the case fails", async () => {
    const r = await coalesce("process-exit");
    expect(r.cases[0]!.status).toBe("fail");
    expect(r.cases[0]!.failure?.kind).toBe("threw");
    expect(r.cases[0]!.message).toMatch(/process\.exit is not available when grading/);
  });

  it("throwing a non-Error is a failed case that says what was thrown", async () => {
    const r = await coalesce("throws-non-error");
    expect(r.cases[0]!.status).toBe("fail");
    expect(r.cases[0]!.failure?.kind).toBe("threw");
    expect(r.cases[0]!.failure?.counterexample?.ops.at(-1)?.actual).toBe("threw threw a non-Error value: 42");
  });

  it("importing files outside the submission is a compile error", async () => {
    const r = await coalesce("imports-outside");
    expect(r.status).toBe("error");
    expect(r.message).toMatch(/leaves the submission folder/);
  });

  it("importing the reference is refused", async () => {
    const r = await coalesce("imports-reference");
    expect(r.status).toBe("error");
    expect(r.message).toMatch(/import "mmkata\/reference" is not allowed/);
  });

  it("re-exporting the kit's helper for a target function scores 0", async () => {
    const r = await gradeDir("buddy-find-buddy", fileURLToPath(new URL("../fixtures/broken-find/imports-target", import.meta.url)));
    expect(r.score.points).toBe(0);
    expect(r.cases.every((c) => c.status === "fail")).toBe(true);
    expect(r.cases[0]!.message).toMatch(/not available when grading/);
  });

  it("output is captured with a cap and shown truncated", async () => {
    const r = await gradeDir("buddy-coalesce", dir("prints-a-lot"), { cases: ["buddy.free.*"] });
    expect(r.output!.truncated).toBe(true);
    expect(r.output!.stdout.length).toBeLessThanOrEqual(64 * 1024);
    expect(r.diagnostics.some((d) => /output was cut/.test(d.message))).toBe(true);
  });

  it("a heap bomb is stopped by the heap cap and reported as a crash", async () => {
    const r = await gradeDir("buddy-coalesce", dir("heap-bomb"), { cases: ["buddy.free.single.head"], caseMs: 20_000 });
    expect(r.cases[0]!.status).toBe("error");
    expect(r.cases[0]!.message).toMatch(/child process|heap/i);
  }, 60_000);
});

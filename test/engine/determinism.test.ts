/** Same input, same report (timing aside); a reported case replays exactly. */

import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gradeDir, withoutTiming } from "./helpers.js";

const DEMO = fileURLToPath(new URL("../../graders/demo/buddy-coalesce", import.meta.url));
const MUTANTS = fileURLToPath(new URL("../fixtures/mutants/buddy-coalesce", import.meta.url));

describe("reproducibility", () => {
  it("grading the same submission twice gives byte-identical reports apart from timing", async () => {
    const a = await gradeDir("buddy-coalesce", DEMO);
    const b = await gradeDir("buddy-coalesce", DEMO);
    expect(JSON.stringify(withoutTiming(a))).toBe(JSON.stringify(withoutTiming(b)));
    expect(a.run.seed).toBe(1);
    expect(a.exercise.suiteHash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("--case replays one failing case with the same counterexample", async () => {
    const full = await gradeDir("buddy-coalesce", MUTANTS, { entry: "no-cascade.ts", seed: 7 });
    const failing = full.cases.find((c) => c.status === "fail" && c.id.includes("random"))!;
    expect(failing).toBeDefined();
    const one = await gradeDir("buddy-coalesce", MUTANTS, { entry: "no-cascade.ts", seed: 7, cases: [failing.id] });
    expect(one.cases).toEqual([failing]);
    expect(failing.failure?.counterexample?.replay).toBe(`mmkata grade --seed 7 --case ${failing.id}`);
  });

  it("a different seed gives different generated cases", async () => {
    const a = await gradeDir("buddy-coalesce", join(MUTANTS), { entry: "always-head.ts", seed: 1, cases: ["buddy.free.random.*"] });
    const b = await gradeDir("buddy-coalesce", join(MUTANTS), { entry: "always-head.ts", seed: 2, cases: ["buddy.free.random.*"] });
    expect(a.cases.map((c) => c.seed)).not.toEqual(b.cases.map((c) => c.seed));
  });
});

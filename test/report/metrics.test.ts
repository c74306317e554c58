import { beforeAll, describe, expect, it } from "vitest";
import { buddyDiagram, caseReplay, exercismTaskIds, percent, reportMetrics } from "../../graders/report/metrics.js";
import type { Report } from "../../graders/report/report-types.js";
import { errorReport, mutantReport } from "./fixtures.js";

let full: Report;
let cx: Report;
let err: Report;
beforeAll(async () => {
  [full, cx, err] = await Promise.all([mutantReport("full"), mutantReport("counterexample"), errorReport()]);
});

describe("reportMetrics", () => {
  it("counts cases and summarises groups consistently with the report", () => {
    const m = reportMetrics(full);
    expect(m.counts.total).toBe(full.cases.length);
    expect(m.counts.pass + m.counts.fail + m.counts.error + m.counts.skipped).toBe(m.counts.total);
    expect(m.failing.map((c) => c.id)).toEqual(full.cases.filter((c) => c.status !== "pass").map((c) => c.id));
    expect(m.failing.length).toBe(15);
    expect(m.groups.reduce((s, g) => s + g.points, 0)).toBe(m.points);
    expect(m.percent).toBe(70);
    const placement = m.groups.find((g) => g.id === "placement")!;
    expect(placement.failing.map((c) => c.id)).toContain("buddy.free.placement.tail");
    expect(placement.percent).toBe(0);
    expect(m.cases.every((c) => c.ms !== undefined)).toBe(true);
  });

  it("gives every case a replay command narrowed to it", () => {
    const m = reportMetrics(full);
    expect(m.cases.find((c) => c.id === "buddy.free.single.head")!.replay).toBe("mmkata grade --seed 1 --case buddy.free.single.head");
    expect(caseReplay({ ...full, run: { ...full.run, replay: "mmkata grade ws --seed 3 --case a.* --case b" } }, "c.1")).toBe("mmkata grade ws --seed 3 --case c.1");
  });

  it("an error report has no cases and keeps its message", () => {
    const m = reportMetrics(err);
    expect(m.status).toBe("error");
    expect(m.counts.total).toBe(0);
    expect(m.message).toMatch(/does not compile/);
  });

  it("percent rounds to one decimal and survives max 0", () => {
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(0, 0)).toBe(0);
  });
});

describe("exercismTaskIds", () => {
  const ids = ["a", "b", "c", "d"];
  it("one `## Task` heading: every group is task 1", () => {
    expect(exercismTaskIds("# T\n\n## Task\n\nx\n\n## Interface\n", ids)).toEqual({ a: 1, b: 1, c: 1, d: 1 });
  });
  it("numbered headings spread groups over tasks in rubric order", () => {
    expect(exercismTaskIds("## 1. Split\n## 2. Merge\n## Hints\n", ids)).toEqual({ a: 1, b: 1, c: 2, d: 2 });
  });
  it("no task heading: no task ids", () => {
    expect(exercismTaskIds("## Interface\n### Task\n", ids)).toEqual({});
  });
});

describe("buddyDiagram", () => {
  it("is built from a full-disclosure counterexample: start, expected, actual", () => {
    const c = full.cases.find((k) => k.id === "buddy.free.placement.tail")!;
    const d = buddyDiagram(c.failure!.counterexample)!;
    expect(d.states.map((s) => s.label)).toEqual(["start", "expected", "actual"]);
    expect(d.states[0]!.blocks.map((b) => [b.pfn, b.order])).toEqual([[2, 1], [9, 0]]);
    expect(d.states[1]!.nrFree.slice(0, 2)).toEqual([2, 1]);
    expect(d.states[1]!.nrFree.length).toBe(11);
    // same blocks, different list order: nothing differs as a set
    expect(d.states[2]!.blocks.some((b) => b.differs)).toBe(false);
    expect([d.viewStart, d.viewPages]).toEqual([0, 16]);
    expect(d.migratetypes).toEqual([{ mt: 1, name: "Movable" }]);
  });

  it("marks blocks that differ between expected and actual", async () => {
    const c = full.cases.find((k) => k.id === "buddy.free.random.0")!;
    const cxx = structuredClone(c.failure!.counterexample!);
    (cxx.actualState as { lists: { pfns: number[] }[] }).lists[0]!.pfns.pop();
    const d = buddyDiagram(cxx)!;
    expect(d.states[1]!.blocks.filter((b) => b.differs).length).toBe(1);
  });

  it("is absent below full disclosure and for states of another shape", () => {
    const c = cx.cases.find((k) => k.status === "fail")!;
    expect(buddyDiagram(c.failure!.counterexample)).toBeUndefined();
    const base = full.cases.find((k) => k.status === "fail")!.failure!.counterexample!;
    expect(buddyDiagram({ ...base, actualState: { lists: "nope" } })).toBeUndefined();
    expect(buddyDiagram({ ...base, expectedState: { zoneStartPfn: 0, spannedPages: 8, lists: [{ order: 1e9, mt: 0, pfns: [0] }] } })).toBeUndefined();
    expect(buddyDiagram({ ...base, setupState: 42 })!.states.map((s) => s.label)).toEqual(["expected", "actual"]);
  });
});

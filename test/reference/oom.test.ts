/**
 * reference/oom: oom_badness and /proc/PID/oom_score (worked examples, the kernel's
 * formulas re-derived independently with BigInt C-style division), the legacy oom_adj
 * mapping, oom_score_adj writes, victim selection, the kill and its log lines.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as index from "../../reference/index.js";
import * as kata from "../../reference/kata.js";
import * as taskMod from "../../reference/oom/task.js";
import * as badnessMod from "../../reference/oom/badness.js";
import * as adjMod from "../../reference/oom/adj.js";
import * as selectMod from "../../reference/oom/select.js";
import {
  LONG_MIN,
  OomTask,
  newOomMm,
  newOomTask,
  oomBadness,
  oomScoreProc,
  oomAdjToScoreAdj,
  oomScoreAdjToOomAdj,
  setOomAdj,
  EACCES,
  EINVAL,
  selectBadProcess,
  killedProcessLine,
  oomKillProcess,
  checkPanicOnOom,
  outOfMemory,
} from "../../reference/index.js";

const T = 1_000_000;

/** C's signed division on BigInt (BigInt division already truncates toward zero). */
const cdiv = (a: bigint, b: bigint): bigint => a / b;

describe("oomBadness", () => {
  it("gives the worked example: 200,000 resident pages + 100 pages of page tables", () => {
    const p = newOomTask({ pid: 100, anon: 200_000, pgtablesBytes: 409_600 });
    expect(oomBadness(p, T)).toBe(200_100);
    p.oomScoreAdj = 500;
    expect(oomBadness(p, T)).toBe(700_100);
  });

  it("sums file, anon, shmem, swap entries and whole pages of page tables", () => {
    const p = newOomTask({ pid: 7, file: 1, anon: 20, shmem: 300, swap: 4000, pgtablesBytes: 3 * 4096 + 4095 });
    expect(oomBadness(p, T)).toBe(1 + 20 + 300 + 4000 + 3);
  });

  it("divides totalpages by 1000 before multiplying by the adj", () => {
    const p = newOomTask({ pid: 8, anon: 100, oomScoreAdj: 500 });
    expect(oomBadness(p, 1999)).toBe(600);
    expect(oomBadness(p, 999)).toBe(100);
    expect(oomBadness(newOomTask({ pid: 9, oomScoreAdj: -1 }), 1_000_999)).toBe(-1000);
  });

  it("returns LONG_MIN (-2^63) for init, kernel threads, no mm, adj -1000, MMF_OOM_SKIP and vfork", () => {
    expect(LONG_MIN).toBe(-9223372036854775808);
    const skipped = [
      newOomTask({ pid: 1, anon: 10 }),
      newOomTask({ pid: 2, kthread: true, anon: 10 }),
      newOomTask({ pid: 10, noMm: true }),
      newOomTask({ pid: 11, anon: 10, oomScoreAdj: -1000 }),
      newOomTask({ pid: 12, anon: 10, oomSkip: true }),
      newOomTask({ pid: 13, anon: 10, inVfork: true }),
    ];
    expect(skipped.map((p) => oomBadness(p, T))).toEqual(skipped.map(() => LONG_MIN));
    const scored = [newOomTask({ pid: 14, anon: 10, exiting: true }), newOomTask({ pid: 15, anon: 10, oomVictim: true }), newOomTask({ pid: 16, anon: 10, oomOrigin: true })];
    expect(scored.map((p) => oomBadness(p, T))).toEqual([10, 10, 10]);
  });

  it("reads a shared mm's counters from every process sharing it", () => {
    const mm = newOomMm(50, { anon: 1000 });
    const a = newOomTask({ pid: 50 }, mm);
    const b = newOomTask({ pid: 51 }, mm);
    mm.counters[2] = 24;
    expect([oomBadness(a, T), oomBadness(b, T)]).toEqual([1024, 1024]);
  });
});

describe("oomScoreProc (/proc/PID/oom_score)", () => {
  it("gives 800 and 1133 for the worked example, 666 for an empty process, 0 for a skipped one", () => {
    const p = newOomTask({ pid: 100, anon: 200_000, pgtablesBytes: 409_600 });
    expect(oomScoreProc(p, T)).toBe(800);
    p.oomScoreAdj = 500;
    expect(oomScoreProc(p, T)).toBe(1133);
    expect(oomScoreProc(newOomTask({ pid: 101 }), T)).toBe(666);
    expect(oomScoreProc(newOomTask({ pid: 1, anon: 5 }), T)).toBe(0);
  });

  it("truncates negative quotients toward zero (-998.5 → -998 → score 1)", () => {
    expect(oomScoreProc(newOomTask({ pid: 102, anon: 500, oomScoreAdj: -999 }), T)).toBe(1);
    expect(Object.is(oomScoreProc(newOomTask({ pid: 103, oomScoreAdj: -999 }), T), 0)).toBe(true);
  });

  it("exceeds 1333 when rss + adj share is above totalpages", () => {
    expect(oomScoreProc(newOomTask({ pid: 104, anon: 1500, oomScoreAdj: 1000 }), 1000)).toBe(2333);
  });

  it("matches the kernel's formula evaluated with 64-bit C arithmetic", () => {
    const task = fc.record({
      anon: fc.integer({ min: 0, max: 1 << 26 }),
      swap: fc.integer({ min: 0, max: 1 << 24 }),
      pgtablesBytes: fc.integer({ min: 0, max: 1 << 30 }),
      oomScoreAdj: fc.integer({ min: -999, max: 1000 }),
    });
    fc.assert(
      fc.property(task, fc.integer({ min: 1, max: 2 ** 32 }), (t, total) => {
        const p = newOomTask({ pid: 500, ...t });
        const pts = BigInt(t.anon + t.swap) + BigInt(t.pgtablesBytes) / 4096n + BigInt(t.oomScoreAdj) * (BigInt(total) / 1000n);
        expect(oomBadness(p, total)).toBe(Number(pts));
        const score = cdiv((1000n + cdiv(pts * 1000n, BigInt(total))) * 2n, 3n);
        expect(oomScoreProc(p, total)).toBe(Number(score));
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});

describe("the legacy oom_adj mapping (fs/proc/base.c)", () => {
  it("maps every writable oom_adj as oom_adj_write does", () => {
    for (let v = -17; v <= 15; v++) {
      const want = v === 15 ? 1000 : Number(cdiv(BigInt(v) * 1000n, 17n));
      expect(oomAdjToScoreAdj(v), `oom_adj ${v}`).toBe(want);
    }
    expect([-17, -16, 1, 14].map(oomAdjToScoreAdj)).toEqual([-1000, -941, 58, 823]);
    expect(() => oomAdjToScoreAdj(16)).toThrow(/-17\.\.15/);
  });

  it("shows every oom_score_adj as oom_adj_read does", () => {
    for (let a = -1000; a <= 1000; a++) {
      const raw = a === 1000 ? 15 : Number(cdiv(BigInt(a) * 17n, 1000n));
      expect(oomScoreAdjToOomAdj(a), `oom_score_adj ${a}`).toBe(Math.min(raw, 15));
    }
    expect([-1000, -59, 59, 999].map(oomScoreAdjToOomAdj)).toEqual([-17, -1, 1, 15]);
  });
});

describe("setOomAdj (__set_oom_adj)", () => {
  it("refuses to go below oom_score_adj_min without CAP_SYS_RESOURCE; a capable write moves the min", () => {
    const p = newOomTask({ pid: 300, oomScoreAdj: 0 });
    const all = [p];
    expect(setOomAdj(all, p, -100, false, false)).toBe(EACCES);
    expect(setOomAdj(all, p, -100, false, true)).toBe(0);
    expect([p.oomScoreAdj, p.oomScoreAdjMin]).toEqual([-100, -100]);
    expect(setOomAdj(all, p, 200, false, false)).toBe(0);
    expect(setOomAdj(all, p, -100, false, false)).toBe(0);
    expect(setOomAdj(all, p, 1001, false, true)).toBe(EINVAL);
  });

  it("never lowers through oom_adj without CAP_SYS_RESOURCE, and never moves the min", () => {
    const p = newOomTask({ pid: 301, oomScoreAdj: 100, oomScoreAdjMin: -500 });
    expect(setOomAdj([p], p, 58, true, false)).toBe(EACCES);
    expect(setOomAdj([p], p, -1000, true, true)).toBe(0);
    expect([p.oomScoreAdj, p.oomScoreAdjMin]).toEqual([-1000, -500]);
  });

  it("reaches other processes sharing the mm, except init, kernel threads and vfork children", () => {
    const mm = newOomMm(400, { anon: 1 });
    const [a, b, init, kt, vf] = [400, 401, 1, 2, 402].map((pid) => newOomTask({ pid, kthread: pid === 2, inVfork: pid === 402 }, mm)) as OomTask[];
    const other = newOomTask({ pid: 403 });
    setOomAdj([init!, kt!, a!, b!, vf!, other], a!, 300, false, false);
    expect([a, b, init, kt, vf, other].map((t) => t!.oomScoreAdj)).toEqual([300, 300, 0, 0, 0, 0]);
  });
});

describe("selectBadProcess and the kill", () => {
  const procs = (): OomTask[] => [
    newOomTask({ pid: 1, comm: "systemd", anon: 900_000 }),
    newOomTask({ pid: 2, comm: "kthreadd", kthread: true }),
    newOomTask({ pid: 500, comm: "a", anon: 500 }),
    newOomTask({ pid: 600, comm: "b", anon: 800 }),
    newOomTask({ pid: 700, comm: "c", anon: 800 }),
  ];

  it("picks the highest points; a tie goes to the later process; init and kthreads never", () => {
    const r = selectBadProcess(procs(), T);
    expect([r.chosen?.pid, r.points, r.aborted]).toEqual([700, 800, false]);
  });

  it("aborts while a victim is not yet reaped, unless sysrq; a reaped victim is passed over", () => {
    const ts = procs();
    ts[2]!.oomVictim = true;
    expect(selectBadProcess(ts, T)).toEqual({ chosen: null, points: LONG_MIN, aborted: true });
    expect(selectBadProcess(ts, T, true).chosen?.pid).toBe(700);
    ts[2]!.mm!.oomSkip = true;
    expect(selectBadProcess(ts, T).chosen?.pid).toBe(700);
  });

  it("prefers an oom_task_origin process and finds nothing among unkillables", () => {
    const ts = procs();
    ts[2]!.oomOrigin = true;
    expect(selectBadProcess(ts, T).chosen?.pid).toBe(500);
    expect(selectBadProcess(ts.slice(0, 2), T).chosen).toBeNull();
  });

  it("writes the kernel's 'Killed process' line", () => {
    const p = newOomTask({ pid: 4242, comm: "stress", uid: 1000, anon: 262_144, file: 354, totalVm: 262_526, pgtablesBytes: 2_142_208 });
    expect(killedProcessLine("Out of memory", p)).toBe(
      "Out of memory: Killed process 4242 (stress) total-vm:1050104kB, anon-rss:1048576kB, file-rss:1416kB, shmem-rss:0kB, UID:1000 pgtables:2092kB oom_score_adj:0",
    );
  });

  it("kills the victim and its mm's other users; init sharing it pins the mm", () => {
    const mm = newOomMm(800, { anon: 100 });
    const ts = [newOomTask({ pid: 1 }, mm), newOomTask({ pid: 800 }, mm), newOomTask({ pid: 801 }, mm), newOomTask({ pid: 900, anon: 5 })];
    const k = oomKillProcess(ts, ts[1]!, "Out of memory");
    expect(k.killed).toEqual([800, 801]);
    expect(k.log[1]).toBe("oom killer 800 (task800) has mm pinned by 1 (task1)");
    expect([ts[1]!.oomVictim, mm.oomSkip]).toEqual([true, true]);
  });

  it("only marks an exiting victim, and panics as panic_on_oom says", () => {
    const ts = [newOomTask({ pid: 10, anon: 50, exiting: true })];
    expect(oomKillProcess(ts, ts[0]!, "Out of memory")).toEqual({ killed: [], log: [] });
    expect(ts[0]!.oomVictim).toBe(true);
    expect(checkPanicOnOom(1, true, false)).toBeNull();
    expect(checkPanicOnOom(1, false, false)).toMatch(/system-wide panic_on_oom/);
    expect(checkPanicOnOom(2, true, false)).toMatch(/compulsory/);
    expect(checkPanicOnOom(2, false, true)).toBeNull();
  });

  it("out_of_memory: kills the scan's choice, or the allocating task, or panics with nothing to kill", () => {
    const ts = procs();
    expect(outOfMemory(ts, T).killed).toEqual([700]);
    expect(outOfMemory(ts, T).killed, "waits for the pending victim").toEqual([]);
    const ts2 = procs();
    expect(outOfMemory(ts2, T, { current: ts2[2], oomKillAllocatingTask: true }).log[0]).toMatch(/^Out of memory \(oom_kill_allocating_task\): Killed process 500 /);
    expect(outOfMemory(procs().slice(0, 2), T).panic).toMatch(/deadlocked on memory/);
  });
});

describe("exports", () => {
  it("reference/index.ts re-exports every oom module export; mmkata/kata has the helpers, not the targets' module", () => {
    const mods = [taskMod, badnessMod, adjMod, selectMod] as Record<string, unknown>[];
    const all = index as Record<string, unknown>;
    for (const mod of mods) expect(Object.keys(mod).filter((k) => all[k] !== mod[k])).toEqual([]);
    const k = kata as Record<string, unknown>;
    expect(["OomTask", "getMmRss", "findLockTaskMm", "LONG_MIN"].every((n) => k[n] === all[n])).toBe(true);
    expect(k.oomBadness).toBeUndefined();
  });
});

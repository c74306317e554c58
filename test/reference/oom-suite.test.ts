/**
 * The oom suite's binding and generators: ops on a missing pid answer -ESRCH (so a shrunk
 * trace never breaks the reference), -0 and 0 are one answer, writes change the digest,
 * generated traces are deterministic, run cleanly on the reference, and reach the
 * kata's 10,000 checked ops.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { Rng } from "../../reference/core/rng.js";
import { runTrace, type Impl } from "../../graders/runtime/executor.js";
import { oomBinding, referenceImpl } from "../../graders/suites/oom/binding.js";
import { generators } from "../../graders/suites/oom/generators.js";
import { describeOomOp, describeOomSetup, explainOom } from "../../graders/suites/oom/explain.js";

const setup = { totalpages: 1_000_000, tasks: [{ pid: 1, comm: "systemd", anon: 10 }, { pid: 300, comm: "java", anon: 5000 }] };

describe("oom binding", () => {
  it("answers -ESRCH for a pid that does not exist, and a spawn sharing a vanished mm", () => {
    const obs = runTrace(oomBinding, referenceImpl, { setup, ops: [{ op: "score", pid: 77 }, { op: "spawn", pid: 78, shareMmWith: 77 }, { op: "badness", pid: 300 }] }, "digest");
    expect(obs.map((o) => o.r)).toEqual(['"-ESRCH"', '"-ESRCH"', "5000"]);
  });

  it("treats a learner's -0 as 0", () => {
    const impl = { ...referenceImpl, oomScoreAdjToOomAdj: () => -0 } as Impl;
    expect(runTrace(oomBinding, impl, { setup, ops: [{ op: "toOomAdj", value: -58 }] }, "digest")[0]!.r).toBe("0");
  });

  it("changes the digest on an oom_score_adj write and explains the difference", () => {
    const ops = [{ op: "writeAdj", pid: 300, value: 100 }];
    const good = runTrace(oomBinding, referenceImpl, { setup, ops }, "full")[0]!;
    const before = runTrace(oomBinding, referenceImpl, { setup, ops: [{ op: "toOomAdj", value: 0 }] }, "full")[0]!;
    expect(good.d).not.toBe(before.d);
    expect(explainOom(good, { ...good, s: before.s }).differences).toEqual(["pid 300: oom_score_adj 0, expected 100"]);
    expect(describeOomOp(ops[0]!)).toBe("echo 100 > /proc/300/oom_score_adj");
    expect(describeOomSetup(setup)[2]).toBe("  pid 300 (java) file 0 anon 5000 swap 0 shmem 0 pgtables 0 B adj 0");
  });

  it("rejects a malformed setup with a clear message", () => {
    expect(() => oomBinding.setup({ totalpages: 0, tasks: [] })).toThrow(/totalpages must be an integer/);
    expect(() => oomBinding.setup({ totalpages: 10, tasks: [{ pid: 5, oomScoreAdj: 2000 }] })).toThrow(/-1000\.\.1000/);
  });
});

describe("oom generators", () => {
  it("are deterministic and never make the reference throw", () => {
    for (const seed of [1, 2, 3, 4]) {
      const a = generators["oom-score"]!(new Rng(seed), 600, {});
      expect(generators["oom-score"]!(new Rng(seed), 600, {})).toEqual(a);
      expect(a.ops).toHaveLength(600);
      const obs = runTrace(oomBinding, referenceImpl, a, "digest");
      expect(obs.filter((o) => o.e !== undefined)).toEqual([]);
      expect(new Set(a.ops.map((o) => o.op)).size).toBeGreaterThanOrEqual(9);
    }
  });

  it("overcommit traces run cleanly and reach every mmap outcome, in every mode", () => {
    const seen = new Set<string>();
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const t = generators.overcommit!(new Rng(seed), 800, {});
      expect(generators.overcommit!(new Rng(seed), 800, {})).toEqual(t);
      const obs = runTrace(oomBinding, referenceImpl, t, "digest");
      expect(obs.filter((o) => o.e !== undefined)).toEqual([]);
      t.ops.forEach((o, i) => seen.add(`${o.op} ${(obs[i]!.r ?? "").replace(/\d+/g, "N")}`));
    }
    expect([...seen].filter((k) => k.startsWith("mmap") || k.startsWith("brk") || k.startsWith("munmap")).sort()).toEqual([
      'brk "-ENOMEM"', 'brk "N"', 'mmap "-ENOMEM"', 'mmap "charged N"', 'mmap "not charged"', 'munmap "unmapped"',
    ]);
  });

  it.each([["oom-score", "oom-score"], ["overcommit", "overcommit"]])("give %s at least 10,000 checked ops with its handcrafted cases", (slug, file) => {
    const ex = JSON.parse(readFileSync(new URL(`../../exercises/${slug}/exercise.json`, import.meta.url), "utf8")) as { cases: { generated: { count: number; ops: number }[] } };
    const cases = JSON.parse(readFileSync(new URL(`../../graders/suites/oom/cases/${file}.json`, import.meta.url), "utf8")) as { cases: { ops: unknown[] }[] };
    const total = ex.cases.generated.reduce((s, g) => s + g.count * g.ops, 0) + cases.cases.reduce((s, c) => s + c.ops.length, 0);
    expect(total).toBeGreaterThanOrEqual(10_000);
  });
});

/**
 * The slab suite, in-process (no sandbox): every hidden case of kmalloc-index and
 * slub-geometry runs on the reference, each kata has ≥ 10,000 checked ops, the proof
 * solutions agree op by op, every mutant diverges, generators are deterministic and cover
 * every class boundary ±1, bad ops get clear errors, and explanations name the fields that
 * differ. (test/engine/conformance.test.ts grades the same fixtures through the sandbox.)
 */
import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadExercise } from "../../graders/engine/catalog.js";
import { loadCases, type HiddenCase } from "../../graders/engine/cases.js";
import type { Observation } from "../../graders/runtime/protocol.js";
import { firstDivergence } from "../../graders/engine/compare.js";
import { runTrace, type Impl } from "../../graders/runtime/executor.js";
import { suites } from "../../graders/suites/index.js";
import { Rng } from "../../reference/core/rng.js";
import { BOUNDARY_SIZES } from "../../graders/suites/slab/generators.js";
import { describeSlabOp, flagNames } from "../../graders/suites/slab/explain.js";
import { kmallocSizes } from "../../reference/slab/kmalloc-sizes.js";
import * as index from "../../reference/index.js";
import * as kata from "../../reference/kata.js";

const suite = suites.slab!;
const FIXTURES = fileURLToPath(new URL("../fixtures", import.meta.url));

async function implFrom(path: string): Promise<Impl> {
  const mod = (await import(path)) as Record<string, unknown>;
  const impl: Impl = { ...suite.referenceImpl };
  for (const [k, v] of Object.entries(mod)) if (typeof v === "function" && k in impl) impl[k] = v as Impl[string];
  return impl;
}

const expected = new Map<string, { cases: HiddenCase[]; obs: Observation[][] }>();

function reference(slug: string): { cases: HiddenCase[]; obs: Observation[][] } {
  let hit = expected.get(slug);
  if (!hit) {
    const cases = loadCases(loadExercise(slug), suite, 1);
    hit = { cases, obs: cases.map((c) => runTrace(suite.binding, suite.referenceImpl, c, "digest")) };
    expected.set(slug, hit);
  }
  return hit;
}

function diverging(slug: string, impl: Impl): string[] {
  const { cases, obs } = reference(slug);
  return cases.filter((c, i) => firstDivergence(obs[i]!, runTrace(suite.binding, impl, c, "digest")) >= 0).map((c) => c.id);
}

describe.each(["kmalloc-index", "slub-geometry"])("slab suite: %s", (slug) => {
  it("runs every hidden case on the reference, ≥ 10,000 ops in all", () => {
    const { cases, obs } = reference(slug);
    let ops = 0;
    cases.forEach((c, i) => {
      expect(obs[i]!.filter((o) => o.e !== undefined), c.id).toEqual([]);
      ops += obs[i]!.length;
    });
    expect(ops).toBeGreaterThanOrEqual(10_000);
  });

  it("agrees with the proof solution on every case", async () => {
    const impl = await implFrom(`${FIXTURES}/solutions/${slug}/solution.ts`);
    expect(diverging(slug, impl)).toEqual([]);
  });

  const mutants = readdirSync(`${FIXTURES}/mutants/${slug}`).filter((f) => f.endsWith(".ts"));
  it.each(mutants)("catches mutant %s", async (file) => {
    const impl = await implFrom(`${FIXTURES}/mutants/${slug}/${file}`);
    expect(diverging(slug, impl).length).toBeGreaterThan(0);
  });
});

describe("slab generators", () => {
  it("are deterministic for a seed and vary across seeds", () => {
    for (const name of ["kmalloc-sizes", "slub-geometry"]) {
      const gen = suite.generators[name]!;
      expect(JSON.stringify(gen(new Rng(7), 300, {}))).toBe(JSON.stringify(gen(new Rng(7), 300, {})));
      expect(JSON.stringify(gen(new Rng(7), 300, {}))).not.toBe(JSON.stringify(gen(new Rng(8), 300, {})));
    }
  });

  it("list every class boundary ±1 and the large path's order boundaries", () => {
    for (const c of kmallocSizes) expect(BOUNDARY_SIZES, c.name).toEqual(expect.arrayContaining([c.size - 1, c.size, c.size + 1]));
    expect(BOUNDARY_SIZES).toEqual(expect.arrayContaining([16383, 16385, 4 * 1024 * 1024 + 1]));
  });

  it("reach boundaries, 2 MiB sizes and 1..512 CPUs across a kata's cases", () => {
    const sizes = new Set<number>();
    const cpus = new Set<number>();
    for (let s = 0; s < 10; s++) {
      for (const op of suite.generators["kmalloc-sizes"]!(new Rng(s), 1000, {}).ops) sizes.add(Number(op.size));
      for (const op of suite.generators["slub-geometry"]!(new Rng(s), 1000, {}).ops) if (op.cpus !== undefined) cpus.add(Number(op.cpus));
    }
    for (const b of [65, 96, 97, 129, 192, 193, 8192, 8193]) expect(sizes.has(b), `size ${b}`).toBe(true);
    expect(Math.max(...sizes)).toBeGreaterThan(1024 * 1024);
    expect(Math.max(...sizes), "boundaries end at order 11").toBeLessThanOrEqual(8 * 1024 * 1024 + 1);
    expect([Math.min(...cpus), Math.max(...cpus)]).toEqual([1, 512]);
  });
});

describe("slab binding and explanations", () => {
  const run = (op: Record<string, unknown>): Observation => runTrace(suite.binding, suite.referenceImpl, { setup: {}, ops: [op as never] }, "digest")[0]!;

  it("answers composite ops", () => {
    expect(run({ op: "kmalloc", size: 72 }).r).toBe('"kmalloc-96 (index 1)"');
    expect(run({ op: "kmalloc", size: 8193 }).r).toBe('"kmalloc_large order 2"');
    expect(run({ op: "oo", size: 512, cpus: 2 }).r).toBe('"order 1, 16 objects"');
    expect(run({ op: "cache", objectSize: 100, cpus: 2 }).r).toBe('"size 104 offset 48 inuse 104 oo 0/39 min_partial 5 cpu_partial 120 (7 slabs)"');
  });

  it("rejects malformed ops with a message naming the field", () => {
    expect(run({ op: "kmallocIndex", size: -1 }).e).toMatch(/field "size" must be an integer in 0\.\./);
    expect(run({ op: "calculateOrder", size: 64 }).e).toMatch(/field "cpus"/);
    expect(run({ op: "nope" }).e).toMatch(/unknown op "nope"/);
  });

  it("names the geometry fields and slabinfo columns that differ", () => {
    const e = suite.explain({ r: '"size 104 offset 48 inuse 104 oo 0/39 min_partial 5 cpu_partial 120 (7 slabs)"' }, { r: '"size 104 offset 0 inuse 104 oo 0/39 min_partial 5 cpu_partial 120 (7 slabs)"' });
    expect(e.differences).toEqual(["free pointer offset: expected 48, got 0"]);
    const line = (n: number): string => JSON.stringify(`kmalloc-96           420    420     96   ${n}    1 : tunables    0    0    0 : slabdata     10     10      0\n`);
    expect(suite.explain({ r: line(42) }, { r: line(41) }).differences).toEqual(["column objperslab: expected 42, got 41"]);
    expect(suite.explain({ r: "7" }, { r: "8" }).differences).toEqual(["returned 8, expected 7"]);
  });

  it("describes ops with flag names and readable sizes", () => {
    expect(flagNames(2 | 4)).toBe("SLAB_RED_ZONE|SLAB_POISON");
    expect(describeSlabOp({ op: "kmallocLargeOrder", size: 4 * 1024 * 1024 + 1 })).toBe("kmallocLargeOrder(4194305 = 4 MiB + 1)");
    expect(describeSlabOp({ op: "freePointerOffset", objectSize: 96, flags: 512, ctor: false })).toBe("freePointerOffset(96, SLAB_TYPESAFE_BY_RCU, no ctor)");
  });
});

describe("slab exports", () => {
  it("reference/index.ts re-exports the slab modules; mmkata/kata holds no slab target", async () => {
    const mods = await Promise.all([
      import("../../reference/slab/kmalloc-sizes.js"), import("../../reference/slab/kmalloc.js"), import("../../reference/slab/geometry.js"),
      import("../../reference/slab/calculate-order.js"), import("../../reference/slab/cache-params.js"), import("../../reference/slab/slabinfo.js"),
    ]);
    const all = index as Record<string, unknown>;
    for (const mod of mods) expect(Object.keys(mod).filter((k) => all[k] !== (mod as Record<string, unknown>)[k])).toEqual([]);
    for (const t of ["kmallocIndex", "kmallocCacheName", "kmallocLargeOrder", "calculateOrder", "freePointerOffset", "minPartial", "cpuPartial"]) expect(t in kata, t).toBe(false);
  });
});

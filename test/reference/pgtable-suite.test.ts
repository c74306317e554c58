/**
 * The pgtable suite, in-process (no sandbox): every hidden case of va-split and
 * page-table-walk runs on the reference, the kata have ≥ 10,000 checked ops each, the
 * proof solutions agree with the reference op by op, every mutant diverges somewhere,
 * generators are deterministic, and explanations name entries and decode error codes.
 * (test/engine/conformance.test.ts grades the same fixtures through the sandbox.)
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
import { decodeErrorCode, describePgtableOp, describePgtableResult } from "../../graders/suites/pgtable/explain.js";

const suite = suites.pgtable!;
const FIXTURES = fileURLToPath(new URL("../fixtures", import.meta.url));

async function implFrom(path: string): Promise<Impl> {
  const mod = (await import(path)) as Record<string, unknown>;
  const impl: Impl = { ...suite.referenceImpl };
  for (const [k, v] of Object.entries(mod)) if (typeof v === "function" && k in impl) impl[k] = v as Impl[string];
  return impl;
}

const expected = new Map<string, { cases: HiddenCase[]; obs: Observation[][] }>();

/** The hidden cases of a kata and the reference's observations, computed once. */
function reference(slug: string): { cases: HiddenCase[]; obs: Observation[][] } {
  let hit = expected.get(slug);
  if (!hit) {
    const cases = loadCases(loadExercise(slug), suite, 1);
    hit = { cases, obs: cases.map((c) => runTrace(suite.binding, suite.referenceImpl, c, "digest")) };
    expected.set(slug, hit);
  }
  return hit;
}

/** Ids of the cases where `impl` diverges from the reference. */
function diverging(slug: string, impl: Impl): string[] {
  const { cases, obs } = reference(slug);
  return cases.filter((c, i) => firstDivergence(obs[i]!, runTrace(suite.binding, impl, c, "digest")) >= 0).map((c) => c.id);
}

describe.each(["va-split", "page-table-walk"])("pgtable suite: %s", (slug) => {
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

describe("pgtable generators and explanations", () => {
  it("are deterministic for a seed and vary across seeds", () => {
    for (const name of ["va-split", "walk"]) {
      const gen = suite.generators[name]!;
      expect(JSON.stringify(gen(new Rng(7), 200, {}))).toBe(JSON.stringify(gen(new Rng(7), 200, {})));
      expect(JSON.stringify(gen(new Rng(7), 200, {}))).not.toBe(JSON.stringify(gen(new Rng(8), 200, {})));
    }
  });

  it("walk traces fault, translate and raise #GP", () => {
    const t = suite.generators.walk!(new Rng(3), 1000, { levels: "mixed" });
    const results = runTrace(suite.binding, suite.referenceImpl, t, "digest").map((o) => o.r ?? "");
    expect(results.some((r) => r.startsWith('"pa 0x'))).toBe(true);
    expect(results.some((r) => r.startsWith('"#PF 0x'))).toBe(true);
    expect(results.some((r) => r === '"#GP"')).toBe(true);
  });

  it("decode error codes and describe walks", () => {
    expect(decodeErrorCode(0x7)).toBe("0x7 (present, write, user)");
    expect(decodeErrorCode(0x4)).toBe("0x4 (not present, user)");
    expect(describePgtableResult({ op: "walk" }, '"#PF 0x15"')).toBe("#PF 0x15 (present, user, fetch)");
    expect(describePgtableOp({ op: "walk", va: "0x1000", access: { write: true, user: true } })).toBe("walk 0x1000, user write (walk)");
  });

  it("explains a missing A bit by entry and flag", () => {
    const snap = (e: string) => ({ levels: 4, cr3: "0x100000", pkru: 0, pgtablesBytes: 4096, tables: [{ pfn: 0x100, level: 4, entries: [[254, e]] }] });
    const ex = suite.explain({ r: '"pa 0x5000"', d: 1, s: snap("0x101027") }, { r: '"pa 0x5000"', d: 2, s: snap("0x101007") });
    expect(ex.differences).toEqual(["PGD table (pfn 0x100) [254]: expected 0x101027 (P RW US A), got 0x101007 (P RW US): A differs"]);
  });
});

/**
 * check-catalog on the kit's own exercises/ folder (proofs and mutants under
 * test/fixtures): every kata passes. A quick check (proof and stub on their
 * first 2 cases, mutants counted, not graded) keeps this file fast;
 * test/engine/conformance.test.ts grades every proof, stub and mutant in full,
 * and check-catalog.test.ts grades mutants of an external kata.
 */

import { expect, it } from "vitest";
import { checkCatalog, metaPaths } from "../../graders/engine/check-catalog.js";
import { listSlugs } from "../../graders/engine/catalog.js";
import { EXERCISES_DIR, KIT_ROOT } from "../../graders/engine/paths.js";

it("finds our proofs and mutants under test/fixtures", () => {
  expect(metaPaths(EXERCISES_DIR, "buddy-split")).toEqual({
    proof: `${KIT_ROOT}/test/fixtures/solutions/buddy-split/solution.ts`,
    mutants: `${KIT_ROOT}/test/fixtures/mutants/buddy-split`,
  });
  expect(metaPaths("/x/catalog", "k")).toEqual({ proof: "/x/catalog/k/.meta/solution.ts", mutants: "/x/catalog/k/.meta/mutants" });
});

it("passes on our own exercises folder", async () => {
  const r = await checkCatalog(EXERCISES_DIR, { caseLimit: 2, mutantLimit: 0, jobs: 2 });
  expect(r.kata.map((k) => k.slug)).toEqual(listSlugs());
  const problems = r.kata.flatMap((k) => k.items.flatMap((i) => i.problems));
  expect(problems).toEqual([]);
  expect(r.ok).toBe(true);
  expect(r.kata.every((k) => k.items.map((i) => i.check).join() === "exercise,api,content,cases,proof,stub,mutants")).toBe(true);
});

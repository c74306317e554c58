/**
 * Similarity: mutants of the proof (one-line bugs) score high against it, a
 * copy with every identifier renamed and the comments stripped scores 1, an
 * independent implementation (the demo submission) scores clearly lower, and
 * the starter code is never evidence.
 */

import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadExercise } from "../../graders/engine/catalog.js";
import { flagged, fingerprint, similarity, similarityMatrix, similarTo, tokenize } from "../../graders/engine/similarity.js";
import { renderStub } from "../../graders/engine/stubs.js";

const KIT = fileURLToPath(new URL("../..", import.meta.url));
const SLUG = "buddy-coalesce";
const read = (...p: string[]): string => readFileSync(join(KIT, ...p), "utf8");
const proof = read("test/fixtures/solutions", SLUG, "solution.ts");
const demo = read("graders/demo", SLUG, "solution.ts");
const starter = renderStub(loadExercise(SLUG), "ts");
const mutantDir = join(KIT, "test/fixtures/mutants", SLUG);
const mutants = readdirSync(mutantDir).filter((f) => f.endsWith(".ts")).sort().map((f) => ({ id: f, source: readFileSync(join(mutantDir, f), "utf8") }));

/** The proof with every identifier except kit names renamed and the comments removed. */
function renamed(src: string): string {
  const noComments = src.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
  return noComments.replace(/\b(pfn|order|buddy|zone|mt|buddyMt|combined|higher)\b/g, (m) => `v_${m.length}x`).replace(/\n\s*\n/g, "\n");
}

describe("tokenize", () => {
  it("drops comments and whitespace and normalises identifiers, numbers and strings", () => {
    expect(tokenize("// c\nconst a = 1; /* d */ let b = `x${a + 2}y${'s'}z`;")).toEqual(
      ["const", "id", "=", "num", ";", "let", "id", "=", "str", "id", "+", "num", "str", "str", "str", ";"],
    );
    expect(tokenize("function f(x: number) { return x ^ (1 << 2); }")).toEqual(tokenize("function  g(yy:number){return yy^(1<<9);}"));
  });
});

describe("similarity", () => {
  const opts = { starter };

  it("scores every mutant of the proof high (≥ 0.7)", () => {
    expect(mutants.length).toBeGreaterThanOrEqual(5);
    const scores = mutants.map((m) => similarity(m.source, proof, opts));
    expect(Math.min(...scores)).toBeGreaterThanOrEqual(0.7);
  });

  it("scores a renamed, comment-stripped copy 1", () => {
    expect(renamed(proof)).not.toBe(proof);
    expect(similarity(renamed(proof), proof, opts)).toBe(1);
  });

  it("scores an independent implementation (the demo) clearly lower than any mutant", () => {
    const demoScore = similarity(demo, proof, opts);
    const lowestMutant = Math.min(...mutants.map((m) => similarity(m.source, proof, opts)));
    expect(demoScore).toBeLessThan(0.5);
    expect(demoScore).toBeLessThan(lowestMutant - 0.3);
  });

  it("gives the untouched starter code no fingerprints, so two stubs are not similar", () => {
    expect(fingerprint(starter, opts).size).toBe(0);
    expect(similarity(starter, starter, opts)).toBe(0);
    expect(similarity(starter, starter)).toBe(1);
  });
});

describe("similarityMatrix, flagged and similarTo", () => {
  const subs = [
    { id: "alice", source: proof },
    { id: "bob", source: renamed(proof) },
    { id: "carol", source: demo },
    { id: "dave", source: starter },
  ];
  const m = similarityMatrix(subs, { starter, reference: proof });

  it("has every pair once and each submission against the reference", () => {
    expect(m.pairs.map((p) => `${p.a}-${p.b}`)).toEqual(["alice-bob", "alice-carol", "alice-dave", "bob-carol", "bob-dave", "carol-dave"]);
    expect(m.pairs[0]!.score).toBe(1);
    expect(m.reference).toMatchObject({ alice: 1, bob: 1, dave: 0 });
    expect(m.reference.carol).toBeLessThan(0.5);
  });

  it("flags only the pairs at or above the threshold, highest first", () => {
    expect(flagged(m.pairs, 0.8).map((p) => [p.a, p.b])).toEqual([["alice", "bob"]]);
    expect(flagged(m.pairs, 1.01)).toEqual([]);
  });

  it("builds the gradebook's similar_to cells", () => {
    expect(similarTo(m, 0.8)).toEqual({ alice: "bob (1.00) +1 more", bob: "alice (1.00) +1 more", carol: "", dave: "" });
  });
});

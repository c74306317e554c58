/**
 * Comparing observation lists and shrinking a failing trace.
 *
 * firstDivergence() finds the first op whose result, state digest or error
 * differs. shrinkTrace() then looks for a shorter op list that still diverges:
 * it cuts the trace just after the divergence, then repeatedly tries removing
 * chunks (halves, quarters, … single ops), dropping with each op every later
 * op that refers to it and renumbering the refs. Each candidate runs on the
 * reference in-process and on the submission in the child. Deterministic: the
 * same failing trace always shrinks to the same counterexample.
 */

import type { Observation, Op, TraceCase } from "../runtime/protocol.js";

const same = (a: Observation | undefined, b: Observation | undefined): boolean =>
  a !== undefined && b !== undefined && typeof b === "object" && b !== null && a.r === b.r && a.d === b.d && a.e === b.e;

/** Index of the first op whose observation differs, or -1 when the lists agree. */
export function firstDivergence(expected: readonly Observation[], actual: readonly Observation[]): number {
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) if (!same(expected[i], actual[i])) return i;
  return -1;
}

/**
 * Remove ops [from, to) and every op that refers (transitively) to a removed
 * one; renumber `ref` fields. Returns the new op list.
 */
export function removeOps(ops: readonly Op[], from: number, to: number): Op[] {
  const newIndex = new Array<number>(ops.length).fill(-1);
  const out: Op[] = [];
  ops.forEach((op, i) => {
    if (i >= from && i < to) return;
    if (typeof op.ref === "number") {
      const target = newIndex[op.ref];
      if (target === undefined || target < 0) return;
      out.push({ ...op, ref: target });
    } else out.push(op);
    newIndex[i] = out.length - 1;
  });
  return out;
}

/** Runs a candidate and returns the first divergent op index (-1: passes; a timeout counts as divergent at its end). */
export type Probe = (tcase: TraceCase) => Promise<number>;

export interface ShrinkResult {
  ops: Op[];
  divergence: number;
  steps: number;
}

/** Shrink a diverging trace (see file header). `budget` caps the probes run. */
export async function shrinkTrace(tcase: TraceCase, divergence: number, probe: Probe, budget = 400): Promise<ShrinkResult> {
  let ops = tcase.ops.slice(0, divergence + 1);
  let div = divergence;
  let steps = 0;
  for (let chunk = Math.max(1, ops.length >> 1); chunk >= 1 && steps < budget; chunk >>= 1) {
    let i = 0;
    while (i < ops.length && steps < budget) {
      const cand = removeOps(ops, i, i + chunk);
      if (cand.length === ops.length || cand.length === 0) {
        i += chunk;
        continue;
      }
      steps++;
      const d = await probe({ setup: tcase.setup, ops: cand });
      if (d >= 0) {
        ops = cand.slice(0, d + 1);
        div = d;
      } else i += chunk;
    }
    if (chunk === 1) break;
  }
  return { ops, divergence: div, steps };
}

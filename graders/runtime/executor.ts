/**
 * Runs one trace against one implementation. The same code runs in the grader
 * (with the reference) and in the sandboxed child (with the learner's
 * functions in place of the kata's targets), so any difference between the two
 * observation lists is a difference between the implementations.
 */

import { canonical, type Observation, type ObserveMode, type Op, type TraceCase } from "./protocol.js";

/** The functions a suite's ops call; targets come from the submission in the child. */
export type Impl = Record<string, (...args: never[]) => unknown>;

/** A suite's op vocabulary: how to build state, apply an op, and observe state. */
export interface SuiteBinding<S = unknown> {
  name: string;
  setup(setup: unknown): S;
  /** Apply op `index`; `results` holds earlier ops' raw results by index. Returns the result. */
  apply(state: S, op: Op, impl: Impl, results: unknown[]): unknown;
  digest(state: S): number;
  snapshot(state: S): unknown;
}

function errorMessage(e: unknown): string {
  try {
    if (e instanceof Error) return `${e.name}: ${String(e.message).slice(0, 500)}`;
    return `threw a non-Error value: ${canonical(e)}`;
  } catch {
    return "threw a value that cannot be described";
  }
}

/** Run every op of the case; stop at the first op that throws. */
export function runTrace<S>(binding: SuiteBinding<S>, impl: Impl, tcase: TraceCase, mode: ObserveMode): Observation[] {
  const obs: Observation[] = [];
  let state: S;
  try {
    state = binding.setup(tcase.setup);
  } catch (e) {
    return [{ e: `setup failed: ${errorMessage(e)}` }];
  }
  const results: unknown[] = [];
  for (const op of tcase.ops) {
    let r: unknown;
    try {
      r = binding.apply(state, op, impl, results);
    } catch (e) {
      obs.push({ e: errorMessage(e) });
      return obs;
    }
    results.push(r);
    const o: Observation = { r: canonical(r) };
    try {
      o.d = binding.digest(state);
      if (mode === "full") o.s = binding.snapshot(state);
    } catch (e) {
      obs.push({ e: `state is corrupted: ${errorMessage(e)}` });
      return obs;
    }
    obs.push(o);
  }
  return obs;
}

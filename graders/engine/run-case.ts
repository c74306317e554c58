/**
 * Grading one hidden case: run the reference here and the submission in the
 * child, compare op by op, and on divergence shrink the trace and explain the
 * first differing op of the minimal trace.
 */

import { runTrace } from "../runtime/executor.js";
import type { Observation, TraceCase } from "../runtime/protocol.js";
import type { Suite } from "../suites/index.js";
import type { Case, Counterexample } from "../report/report-types.js";
import { firstDivergence, shrinkTrace } from "./compare.js";
import type { HiddenCase } from "./cases.js";
import type { RunOutcome } from "./sandbox.js";
import { MmkataError } from "../cli/errors.js";

/** Runs a trace in a (possibly restarted) child. */
export type ChildRunner = (tcase: TraceCase, mode: "digest" | "full") => Promise<RunOutcome>;

export interface CaseOutcome {
  report: Case;
  /** the child failed to answer (timeout, crash, protocol) */
  infraFailure: boolean;
  ms: number;
}

function reference(suite: Suite, c: TraceCase, mode: "digest" | "full", id: string): Observation[] {
  const obs = runTrace(suite.binding, suite.referenceImpl, c, mode);
  const bad = obs.find((o) => o.e !== undefined);
  if (bad) throw new MmkataError("internal", `hidden case ${id}: the reference itself failed (${bad.e}); the suite is broken`);
  return obs;
}

async function probeFor(suite: Suite, run: ChildRunner, id: string): Promise<(c: TraceCase) => Promise<number>> {
  return async (c) => {
    const pending = run(c, "digest");
    const expected = reference(suite, c, "digest", id);
    const act = await pending;
    if (!act.ok) return c.ops.length - 1;
    return firstDivergence(expected, act.obs);
  };
}

/** A readable setup is at most this big (suite.setupSize: free blocks for buddy). */
const MAX_SETUP_SIZE = 24;

/**
 * Shrink, then fold the agreed-on prefix into the setup when the resulting
 * start state stays small enough to read, then shrink what is left.
 */
async function minimize(suite: Suite, hc: HiddenCase, div: number, probe: (c: TraceCase) => Promise<number>): Promise<{ tc: TraceCase; steps: number }> {
  const first = await shrinkTrace(hc, div, probe);
  let tc: TraceCase = { setup: hc.setup, ops: first.ops };
  let steps = first.steps;
  if (!suite.fastForward || first.divergence === 0) return { tc, steps };
  for (let k = first.divergence; k > 0; k = Math.floor(k / 2)) {
    const folded = suite.fastForward(tc, k);
    if (!folded || (suite.setupSize?.(folded.setup) ?? 0) > MAX_SETUP_SIZE) continue;
    steps++;
    const d = await probe(folded);
    if (d < 0) continue;
    const again = await shrinkTrace(folded, d, probe);
    tc = { setup: folded.setup, ops: again.ops };
    steps += again.steps;
    break;
  }
  return { tc, steps };
}

async function counterexample(suite: Suite, run: ChildRunner, hc: HiddenCase, div: number, replay: string): Promise<{ cx: Counterexample; invariant?: string; message: string; threw: boolean }> {
  const { tc: mini, steps } = await minimize(suite, hc, div, await probeFor(suite, run, hc.id));
  const shrunk = { divergence: mini.ops.length - 1, steps };
  const expected = reference(suite, mini, "full", hc.id);
  const act = await run(mini, "full");
  const actual: Observation[] = act.ok ? act.obs : [];
  const at = act.ok ? Math.max(0, firstDivergence(expected, actual)) : shrunk.divergence;
  const e = expected[at] ?? {};
  const a = actual[at] ?? { e: act.ok ? "no answer for this op" : act.message };
  const { differences, invariant } = suite.explain(e, a);
  const results = expected.map((o) => o.r);
  const ops = mini.ops.slice(0, at + 1).map((op, index) => ({
    index,
    op,
    text: suite.describeOp(op, mini.ops, results),
    expected: suite.describeResult(op, expected[index]?.r ?? ""),
    actual: actual[index]?.e !== undefined ? `threw ${actual[index]!.e}` : actual[index]?.r !== undefined ? suite.describeResult(op, actual[index]!.r!) : "(no answer)",
  }));
  const cx: Counterexample = {
    setup: suite.describeSetup(mini.setup),
    ops,
    divergedAt: at,
    differences,
    shrunkFrom: hc.ops.length,
    shrinkSteps: shrunk.steps,
    replay,
    setupState: mini.setup,
    expectedState: e.s ?? null,
    actualState: a.s ?? null,
  };
  const opText = ops[at]?.text ?? `op #${at}`;
  return { cx, invariant, threw: a.e !== undefined, message: `op #${at} ${opText}: ${invariant ?? differences[0] ?? "observations differ"}` };
}

/**
 * The reference's digest observations for every case, computed up front so
 * the grader does this work while the child starts (its boot is the longest
 * wait of a run). Throws MmkataError("internal") if the reference fails.
 */
export function expectedDigests(suite: Suite, cases: readonly HiddenCase[]): Map<string, Observation[]> {
  return new Map(cases.map((hc) => [hc.id, reference(suite, hc, "digest", hc.id)]));
}

/**
 * Grade one case; never throws for anything the submission does. `expected`
 * is the reference's digest run of `hc` when already computed
 * (expectedDigests); otherwise it runs here while the child works.
 */
export async function gradeCase(suite: Suite, run: ChildRunner, hc: HiddenCase, replay: string, expectedDigest?: Observation[]): Promise<CaseOutcome> {
  const t0 = performance.now();
  const base = { id: hc.id, title: hc.title, group: hc.group, ops: hc.ops.length, ...(hc.seed !== undefined ? { seed: hc.seed } : {}) };
  const pending = run(hc, "digest"); // the child works while the reference runs here
  const expected = expectedDigest ?? reference(suite, hc, "digest", hc.id);
  const act = await pending;
  const ms = (): number => performance.now() - t0;
  if (!act.ok) {
    return { report: { ...base, status: "error", message: act.message, failure: { kind: act.kind } }, infraFailure: true, ms: ms() };
  }
  const div = firstDivergence(expected, act.obs);
  if (div < 0) return { report: { ...base, status: "pass" }, infraFailure: false, ms: ms() };
  const { cx, invariant, message, threw } = await counterexample(suite, run, hc, div, replay);
  const failure = { kind: threw ? ("threw" as const) : ("diverged" as const), opIndex: div, ...(invariant ? { invariant } : {}), counterexample: cx };
  return { report: { ...base, status: "fail", message, failure }, infraFailure: false, ms: ms() };
}

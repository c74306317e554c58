/**
 * Fast-forwarding a trace: replace its first `k` ops by the state they
 * produce. Used by the shrinker once the submission is known to agree with
 * the reference on those ops: the counterexample then starts from the exact
 * free lists just before the interesting ops, instead of a long run of
 * allocations that only set the scene. Later frees of blocks allocated in the
 * prefix become explicit `{op:"free", pfn, order}` ops.
 */

import { zoneToSetup, type ZoneSetup } from "../../../reference/zone/setup.js";
import type { Op, TraceCase } from "../../runtime/protocol.js";
import { buddyBinding, referenceImpl } from "./binding.js";

/** The case with ops [0, k) folded into its setup; undefined for zone-less traces. */
export function fastForwardBuddy(tc: TraceCase, k: number): TraceCase | undefined {
  const state = buddyBinding.setup(tc.setup);
  if (!state.zone) return undefined;
  const results: unknown[] = [];
  for (let i = 0; i < k; i++) results.push(buddyBinding.apply(state, tc.ops[i]!, referenceImpl, results));
  const ops: Op[] = [];
  const newIndex: number[] = [];
  const converted = new Set<number>();
  tc.ops.slice(k).forEach((op, j) => {
    const i = k + j;
    if (op.op === "free" && typeof op.ref === "number") {
      if (op.ref < k) {
        const a = state.allocs.get(op.ref);
        if (!a || a.pfn < 0 || a.freed || converted.has(op.ref)) return;
        converted.add(op.ref);
        ops.push({ op: "free", pfn: a.pfn, order: a.order });
      } else {
        const target = newIndex[op.ref];
        if (target === undefined) return;
        ops.push({ ...op, ref: target });
      }
    } else ops.push(op);
    newIndex[i] = ops.length - 1;
  });
  return { setup: zoneToSetup(state.zone), ops };
}

/** How big a setup is to read: its number of free blocks. */
export function buddySetupSize(setup: unknown): number {
  return (setup as Partial<ZoneSetup>)?.free?.length ?? 0;
}

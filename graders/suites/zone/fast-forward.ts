/**
 * Fast-forwarding a zone-suite trace: fold its first `k` ops into the setup
 * (zones with their free lists, watermarks, boost, lowmem_reserve and
 * totalreserve_pages as the reference left them), so a counterexample starts
 * just before the interesting op. Later frees of blocks allocated in the
 * prefix become explicit `{op:"free", zone, pfn, order}` ops.
 */

import type { Op, TraceCase } from "../../runtime/protocol.js";
import { referenceImpl, zoneBinding } from "./binding.js";
import { dumpZoneState, type NodeSetup } from "./materialize.js";

/** The case with ops [0, k) folded into its setup. */
export function fastForwardZone(tc: TraceCase, k: number): TraceCase | undefined {
  const state = zoneBinding.setup(tc.setup);
  const results: unknown[] = [];
  for (let i = 0; i < k; i++) results.push(zoneBinding.apply(state, tc.ops[i]!, referenceImpl, results));
  const before = (tc.setup as NodeSetup).zones;
  const lists = before.some((z) => z.free.length > 0);
  const ops: Op[] = [];
  const newIndex: number[] = [];
  tc.ops.slice(k).forEach((op, j) => {
    if (op.op === "free" && typeof op.ref === "number") {
      if (op.ref < k) {
        const a = state.allocs.get(op.ref);
        if (!a || a.pfn < 0 || a.freed) return;
        a.freed = true;
        ops.push({ op: "free", zone: a.zone, pfn: a.pfn, order: a.order });
      } else {
        const target = newIndex[op.ref];
        if (target === undefined) return;
        ops.push({ ...op, ref: target });
      }
    } else ops.push(op);
    newIndex[k + j] = ops.length - 1;
  });
  const setup: NodeSetup = { zones: state.zones.map((z, i) => dumpZoneState(z, lists, before[i]?.spanned ?? z.spannedPages)), totalreservePages: state.totalreservePages };
  return { setup, ops };
}

/** How big a setup is to read: its number of zones (free lists are summarised). */
export function zoneSetupSize(setup: unknown): number {
  return (setup as NodeSetup)?.zones?.length ?? 0;
}

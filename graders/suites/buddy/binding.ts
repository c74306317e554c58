/**
 * The buddy suite's op vocabulary (shared by buddy-find-buddy, buddy-split and
 * buddy-coalesce). Runs in the grader with the reference and in the sandboxed
 * child with the learner's target functions.
 *
 * Ops (results referable by op index):
 *   {op:"findBuddyPfn", pfn, order}        → pfn
 *   {op:"combinedPfn", pfn, order}         → pfn
 *   {op:"alloc", order, mt}                → rmqueueSmallest(zone, order, mt): pfn or -1
 *   {op:"free", ref}                       → freeOnePage of the block op `ref` allocated,
 *                                            with its pageblock's migratetype ("skip" if that
 *                                            alloc failed or was already freed)
 *   {op:"free", pfn, order}                → freeOnePage of an explicit in-use block
 *   {op:"expand", pfn, high, low, mt}      → unlink the free order-`high` head block at pfn,
 *                                            expand() it to `low`, account the pages handed out;
 *                                            returns expand()'s count
 * State: one zone (or none, for find-buddy traces), observed as its free
 * lists, page flags/private, counters and pageblock types.
 */

import { buildZone, type ZoneSetup } from "../../../reference/zone/setup.js";
import type { Zone } from "../../../reference/zone/zone.js";
import { snapshotZone, zoneDigest } from "../../../reference/zone/snapshot.js";
import { accountFreepages, delPageFromFreeListNoAccount, getPageblockMigratetype } from "../../../reference/zone/free-list.js";
import { findBuddyPfn, combinedPfn } from "../../../reference/buddy/find-buddy.js";
import { expand } from "../../../reference/buddy/expand.js";
import { rmqueueSmallest } from "../../../reference/buddy/rmqueue.js";
import { freeOnePage } from "../../../reference/buddy/free-one-page.js";
import type { Impl, SuiteBinding } from "../../runtime/executor.js";
import type { Op } from "../../runtime/protocol.js";

export interface BuddyState {
  zone: Zone | null;
  /** blocks handed out by alloc ops, by op index */
  allocs: Map<number, { pfn: number; order: number; freed: boolean }>;
}

/** The reference functions behind each target name. */
export const referenceImpl = { findBuddyPfn, combinedPfn, expand, rmqueueSmallest, freeOnePage } as unknown as Impl;

type Fn = (...args: unknown[]) => unknown;
const call = (impl: Impl, name: string, ...args: unknown[]): unknown => (impl[name] as unknown as Fn)(...args);

function num(op: Op, field: string): number {
  const v = op[field];
  if (typeof v !== "number" || !Number.isInteger(v)) throw new Error(`op ${op.op}: field "${field}" must be an integer`);
  return v;
}

function needZone(s: BuddyState, op: Op): Zone {
  if (!s.zone) throw new Error(`op ${op.op} needs a zone in the case setup`);
  return s.zone;
}

function applyFree(s: BuddyState, op: Op, impl: Impl): unknown {
  const zone = needZone(s, op);
  let pfn: number;
  let order: number;
  if (op.ref !== undefined) {
    const a = s.allocs.get(num(op, "ref"));
    if (!a || a.pfn < 0 || a.freed) return "skip";
    a.freed = true;
    ({ pfn, order } = a);
  } else {
    pfn = num(op, "pfn");
    order = num(op, "order");
  }
  call(impl, "freeOnePage", zone, pfn, order, getPageblockMigratetype(zone, pfn));
  return null;
}

function applyExpand(s: BuddyState, op: Op, impl: Impl): unknown {
  const zone = needZone(s, op);
  const [pfn, high, low, mt] = [num(op, "pfn"), num(op, "high"), num(op, "low"), num(op, "mt")];
  delPageFromFreeListNoAccount(zone, pfn, high, mt);
  const added = call(impl, "expand", zone, pfn, low, high, mt);
  accountFreepages(zone, -((1 << high) - Number(added)), mt);
  return added;
}

export const buddyBinding: SuiteBinding<BuddyState> = {
  name: "buddy",
  setup(setup: unknown): BuddyState {
    const s = (setup ?? {}) as Partial<ZoneSetup>;
    return { zone: s.zone ? buildZone(s as ZoneSetup) : null, allocs: new Map() };
  },
  apply(s, op, impl, results): unknown {
    const index = results.length;
    switch (op.op) {
      case "findBuddyPfn":
      case "combinedPfn":
        return call(impl, op.op, num(op, "pfn"), num(op, "order"));
      case "alloc": {
        const order = num(op, "order");
        const pfn = call(impl, "rmqueueSmallest", needZone(s, op), order, num(op, "mt"));
        s.allocs.set(index, { pfn: typeof pfn === "number" ? pfn : -1, order, freed: false });
        return pfn;
      }
      case "free":
        return applyFree(s, op, impl);
      case "expand":
        return applyExpand(s, op, impl);
      default:
        throw new Error(`unknown op "${op.op}"`);
    }
  },
  digest: (s) => (s.zone ? zoneDigest(s.zone) : 0),
  snapshot: (s) => (s.zone ? snapshotZone(s.zone) : null),
};

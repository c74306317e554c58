/**
 * Seeded trace generators for the buddy suite. Same seed, same traces.
 *
 *  - "find-buddy": random aligned (pfn, order) queries of findBuddyPfn and
 *    combinedPfn, pfns spread over magnitudes up to 2^31 (8 TiB).
 *  - "alloc-free": a random zone (aligned or not, with pageblocks of mixed
 *    migratetypes including HIGHATOMIC and ISOLATE, sometimes a hole), booted,
 *    then a random mix of allocations (small orders likely) and frees of live
 *    blocks. The generator runs the reference as it goes, so frees name blocks
 *    that really were allocated and the trace keeps memory between ~10% and
 *    ~90% used.
 */

import { Rng } from "../../../reference/core/rng.js";
import { MAX_PAGE_ORDER, pageblock_nr_pages } from "../../../reference/core/constants.js";
import { buildZone } from "../../../reference/zone/setup.js";
import { getPageblockMigratetype } from "../../../reference/zone/free-list.js";
import { rmqueueSmallest } from "../../../reference/buddy/rmqueue.js";
import { freeOnePage } from "../../../reference/buddy/free-one-page.js";
import type { Op, TraceCase } from "../../runtime/protocol.js";
import { materializeSetup, type BuddyCaseSetup } from "./materialize.js";

export type Generator = (rng: Rng, nOps: number, params: Record<string, unknown>) => TraceCase;

function findBuddyTrace(rng: Rng, nOps: number): TraceCase {
  const ops: Op[] = [];
  for (let i = 0; i < nOps; i++) {
    const order = rng.int(MAX_PAGE_ORDER + 1);
    const bits = rng.range(order + 1, 31);
    const pfn = (rng.int(2 ** (bits - order)) * 2 ** order) % 2 ** 31;
    ops.push({ op: rng.chance(0.5) ? "findBuddyPfn" : "combinedPfn", pfn, order });
  }
  return { setup: {}, ops };
}

const MT_WEIGHTS = [20, 60, 10, 5, 5]; // Unmovable, Movable, Reclaimable, HighAtomic, Isolate

function randomZoneSetup(rng: Rng): BuddyCaseSetup {
  const aligned = rng.chance(0.6);
  const zoneStartPfn = aligned ? rng.int(8) * 1024 : rng.range(1, 4000);
  const spannedPages = rng.range(2, 8) * 256 + (rng.chance(0.3) ? rng.int(256) : 0);
  const firstBlock = zoneStartPfn >> 9;
  const lastBlock = (zoneStartPfn + spannedPages - 1) >> 9;
  const pageblocks = Array.from({ length: lastBlock - firstBlock + 1 }, () => rng.weighted(MT_WEIGHTS));
  const end = zoneStartPfn + spannedPages;
  let boot: [number, number][] = [[zoneStartPfn, end]];
  if (rng.chance(0.3)) {
    const holeStart = rng.range(zoneStartPfn, end - 1);
    const holeEnd = Math.min(end, holeStart + rng.range(1, pageblock_nr_pages));
    boot = [[zoneStartPfn, holeStart], [holeEnd, end]].filter(([a, b]) => a! < b!) as [number, number][];
  }
  return { zone: { name: "Normal", zoneStartPfn, spannedPages }, pageblocks, boot };
}

function randomOrder(rng: Rng): number {
  return rng.weighted([40, 20, 14, 10, 5, 3, 2, 2, 2, 1, 1]);
}

function allocFreeTrace(rng: Rng, nOps: number): TraceCase {
  const setup = materializeSetup(randomZoneSetup(rng));
  const zone = buildZone(setup as never);
  const total = Math.max(1, zone.nrFreePages);
  const live: { index: number; pfn: number; order: number }[] = [];
  const ops: Op[] = [];
  for (let i = 0; i < nOps; i++) {
    const used = 1 - zone.nrFreePages / total;
    const pAlloc = live.length === 0 ? 1 : used < 0.1 ? 0.8 : used > 0.9 ? 0.25 : 0.55;
    if (rng.chance(pAlloc)) {
      const order = randomOrder(rng);
      const mt = rng.weighted([25, 55, 15, 5]);
      ops.push({ op: "alloc", order, mt });
      const pfn = rmqueueSmallest(zone, order, mt);
      if (pfn >= 0) live.push({ index: i, pfn, order });
    } else {
      const k = rng.int(live.length);
      const [a] = live.splice(k, 1);
      ops.push({ op: "free", ref: a!.index });
      freeOnePage(zone, a!.pfn, a!.order, getPageblockMigratetype(zone, a!.pfn));
    }
  }
  return { setup, ops };
}

export const generators: Record<string, Generator> = {
  "find-buddy": (rng, n) => findBuddyTrace(rng, n),
  "alloc-free": (rng, n) => allocFreeTrace(rng, n),
};

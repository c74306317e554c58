/**
 * The watermark check: may an allocation of 2^order pages take memory from
 * this zone without going below the watermark it is checked against?
 *
 * get_page_from_freelist() asks this of every zone in the zonelist, with
 * mark = the watermark alloc_flags select (low on the fast path, min in the
 * slow path) and highest_zoneidx = the highest zone type the allocation may
 * use, so that lowmem_reserve[highest_zoneidx] keeps a lower zone's pages for
 * allocations that can only be served there. The check is on order-0 pages
 * first (free pages the caller cannot use — the rest of its own block and,
 * without reserve rights, the free highatomic reserve — are not counted);
 * a high-order request also needs one free block of at least its order on a
 * list it may take from. Since Linux 4.4 there is no per-order halving of min.
 *
 * Differences from Linux: no CMA pages (CONFIG_CMA off, so free CMA pages
 * are 0 and ALLOC_CMA changes nothing).
 *
 * @see mm/page_alloc.c __zone_watermark_ok, __zone_watermark_unusable_free
 */

import { MIGRATE_HIGHATOMIC, MIGRATE_PCPTYPES, NR_PAGE_ORDERS } from "../core/constants.js";
import { ALLOC_HIGHATOMIC, ALLOC_MIN_RESERVE, ALLOC_NON_BLOCK, ALLOC_OOM, ALLOC_RESERVES } from "./alloc-flags.js";
import type { Zone } from "./zone.js";

/** Free pages this caller cannot count: the rest of its 2^order block, and the highatomic reserve unless it may use reserves. */
function unusableFree(zone: Zone, order: number, allocFlags: number): number {
  let unusable = (1 << order) - 1;
  if (!(allocFlags & ALLOC_RESERVES)) unusable += zone.nrFreeHighatomic;
  return unusable;
}

/** The watermark after the reductions the caller's reserve rights allow (C integer halving). */
function reducedMin(mark: number, allocFlags: number): number {
  let min = mark;
  if (!(allocFlags & ALLOC_RESERVES)) return min;
  if (allocFlags & ALLOC_MIN_RESERVE) {
    min -= Math.trunc(min / 2);
    if (allocFlags & ALLOC_NON_BLOCK) min -= Math.trunc(min / 4);
  }
  if (allocFlags & ALLOC_OOM) min -= Math.trunc(min / 2);
  return min;
}

/** Some free list of order >= `order` this caller may take from is non-empty. */
function suitableBlockFree(zone: Zone, order: number, allocFlags: number): boolean {
  for (let o = order; o < NR_PAGE_ORDERS; o++) {
    if (!zone.nrFree[o]) continue;
    for (let mt = 0; mt < MIGRATE_PCPTYPES; mt++) {
      const head = zone.listHead(o, mt);
      if (zone.next[head] !== head) return true;
    }
    if (allocFlags & (ALLOC_HIGHATOMIC | ALLOC_OOM)) {
      const head = zone.listHead(o, MIGRATE_HIGHATOMIC);
      if (zone.next[head] !== head) return true;
    }
  }
  return false;
}

/**
 * __zone_watermark_ok(): true if `zone` may serve an order-`order`
 * allocation checked against watermark `mark` (pages), for a caller whose
 * highest usable zone type is `highestZoneIdx` and whose alloc_flags are
 * `allocFlags`, given `freePages` free pages (normally NR_FREE_PAGES).
 * Fails when free - unusable <= reduced min + lowmem_reserve[highestZoneIdx];
 * then order 0 succeeds; a higher order needs a non-empty free list of order
 * >= order among Unmovable/Movable/Reclaimable (HighAtomic too with
 * ALLOC_HIGHATOMIC or ALLOC_OOM).
 * Example: mark 1000, free 1300, lowmem_reserve 0: order 0 succeeds; with
 * nr_free_highatomic 300 it fails (1000 <= 1000) unless a reserve flag is set.
 * @see mm/page_alloc.c __zone_watermark_ok
 */
export function zoneWatermarkOk(zone: Zone, order: number, mark: number, highestZoneIdx: number, allocFlags: number, freePages: number = zone.nrFreePages): boolean {
  const free = freePages - unusableFree(zone, order, allocFlags);
  const min = reducedMin(mark, allocFlags);
  if (free <= min + zone.lowmemReserve[highestZoneIdx]!) return false;
  if (order === 0) return true;
  return suitableBlockFree(zone, order, allocFlags);
}

/**
 * The watermark check: __zone_watermark_ok  (mmkata kata "watermark-check")
 *
 * Implement every function below: replace each `throw` with your code.
 *   npm test         runs the public tests (npm run test:watch re-runs them on save)
 *   npm run grade    grades your solution against the hidden suite
 */

import {
  Zone,
  NR_PAGE_ORDERS,
  MIGRATE_PCPTYPES,
  MIGRATE_HIGHATOMIC,
  ALLOC_RESERVES,
  ALLOC_MIN_RESERVE,
  ALLOC_NON_BLOCK,
  ALLOC_OOM,
  ALLOC_HIGHATOMIC,
  freeListPfns,
} from "mmkata/kata";

/**
 * May `zone` serve an order-`order` allocation checked against watermark `mark`? Subtract
 * from `freePages` the pages the caller cannot use (the other 2^order - 1 pages of its
 * block, and zone.nrFreeHighatomic unless allocFlags has any of ALLOC_RESERVES); lower
 * `mark` as the caller's reserve rights allow (ALLOC_MIN_RESERVE: by half, then with
 * ALLOC_NON_BLOCK by a further quarter; ALLOC_OOM: by half of what is left); fail if what is
 * left is at most min + zone.lowmemReserve[highestZoneIdx]. Order 0 then succeeds; a higher
 * order also needs a non-empty free list of some order >= `order` among the Unmovable,
 * Movable and Reclaimable lists (HighAtomic too with ALLOC_HIGHATOMIC or ALLOC_OOM).
 *
 * @param zone the zone to check
 * @param order the request is 2^order pages
 * @param mark the watermark to check against, in pages (min/low/high_wmark_pages)
 * @param highestZoneIdx the highest zone type the allocation may use (indexes lowmem_reserve)
 * @param allocFlags ALLOC_* flags of the allocation
 * @param freePages free pages to start from (zone_watermark_ok passes NR_FREE_PAGES); may end up negative
 * @returns true if the allocation may proceed from this zone
 * @see mm/page_alloc.c __zone_watermark_ok
 */
export function zoneWatermarkOk(zone: Zone, order: number, mark: number, highestZoneIdx: number, allocFlags: number, freePages: number): boolean {
  throw new Error("zoneWatermarkOk: not implemented yet");
}

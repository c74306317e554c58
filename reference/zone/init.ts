/**
 * Handing boot memory to the buddy allocator.
 *
 * At boot, memblock releases every free range with __free_pages_memory(): in
 * ascending pfn order, each chunk as large as its alignment allows (at most
 * MAX_PAGE_ORDER), freed with FPI_TO_TAIL. free_one_page() then frees blocks
 * above pageblock_order one pageblock at a time (split_large_buddy), each with
 * its own pageblock's migratetype, and they merge back up.
 *
 * Differences from Linux: no deferred struct-page init (all memory is freed at
 * once); memory not handed over stays reserved (PG_reserved) as the kernel's
 * memblock-reserved ranges do.
 *
 * @see mm/memblock.c __free_pages_memory
 * @see mm/page_alloc.c split_large_buddy, __free_pages_core (managed_pages)
 */

import { FPI_TO_TAIL, MAX_PAGE_ORDER, pageblock_order } from "../core/constants.js";
import { BUG } from "../core/assert.js";
import { freeOnePage } from "../buddy/free-one-page.js";
import { getPageblockMigratetype } from "./free-list.js";
import { PG_reserved, Zone } from "./zone.js";

/** Lowest set bit index of a positive integer (__ffs). */
function ffs(x: number): number {
  return 31 - Math.clz32(x & -x);
}

/**
 * split_large_buddy: free an aligned block, at most a pageblock at a time, each
 * part with its pageblock's migratetype.
 * @see mm/page_alloc.c split_large_buddy
 */
export function splitLargeBuddy(zone: Zone, pfn: number, order: number, fpi: number): void {
  const end = pfn + (1 << order);
  const step = Math.min(order, pageblock_order);
  for (let p = pfn; p < end; p += 1 << step) {
    freeOnePage(zone, p, step, getPageblockMigratetype(zone, p), fpi);
  }
}

/**
 * Free [start, end) into the zone as boot does: largest aligned chunks first,
 * ascending, FPI_TO_TAIL. Clears PG_reserved on the freed pages and adds them
 * to managed_pages, as __free_pages_core does.
 * @see mm/memblock.c __free_pages_memory
 */
export function freePagesMemory(zone: Zone, start: number, end: number): void {
  if (start < zone.zoneStartPfn || end > zone.zoneEndPfn || start > end) BUG(`freePagesMemory: [${start}, ${end}) outside zone ${zone.name}`);
  while (start < end) {
    let order = start === 0 ? MAX_PAGE_ORDER : Math.min(MAX_PAGE_ORDER, ffs(start));
    while (start + (1 << order) > end) order--;
    for (let p = start; p < start + (1 << order); p++) zone.pageFlags[p - zone.zoneStartPfn]! &= ~PG_reserved;
    splitLargeBuddy(zone, start, order, FPI_TO_TAIL);
    zone.managedPages += 1 << order;
    start += 1 << order;
  }
}

/** A range of pfns [start, end). */
export interface PfnRange {
  start: number;
  end: number;
}

/**
 * Mark every page reserved, then free the given ranges (default: the whole
 * zone) as boot would. Pages outside the ranges stay reserved: holes, the
 * kernel image, firmware tables.
 */
export function zoneInitFree(zone: Zone, ranges: readonly PfnRange[] = [{ start: zone.zoneStartPfn, end: zone.zoneEndPfn }]): void {
  zone.pageFlags.fill(PG_reserved);
  zone.managedPages = 0;
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  for (const r of sorted) freePagesMemory(zone, r.start, r.end);
}

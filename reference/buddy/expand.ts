/**
 * Splitting a larger free block: expand().
 *
 * Handing out an order-`low` block from a free block of order `high` keeps the
 * lowest-addressed 2^low pages and returns every upper half to the free lists,
 * at the head, largest first:
 *
 *   order-3 request from an order-5 block at P: frees P+16 (order 4),
 *   P+8 (order 3); the caller gets P..P+7.
 *
 * @see mm/page_alloc.c expand
 */

import { BUG, hexPfn } from "../core/assert.js";
import type { Zone } from "../zone/zone.js";
import { addToFreeList, setBuddyOrder } from "../zone/free-list.js";

/**
 * Split the (already unlinked) block of order `high` at pfn down to order
 * `low`, putting each upper half on free_list[mt] of its order at the head.
 * Returns the number of pages put back on the lists (2^high - 2^low).
 * Does not touch NR_FREE_PAGES (the caller accounts).
 * @see mm/page_alloc.c expand
 */
export function expand(zone: Zone, pfn: number, low: number, high: number, mt: number): number {
  if (low > high) BUG(`expand: low order ${low} > high order ${high}`);
  if ((pfn & ((1 << high) - 1)) !== 0) BUG(`expand: pfn ${hexPfn(pfn)} not aligned to order ${high}`);
  let nrAdded = 0;
  while (high > low) {
    high--;
    const size = 1 << high;
    addToFreeList(zone, pfn + size, high, mt, false);
    setBuddyOrder(zone, pfn + size, high);
    nrAdded += size;
  }
  return nrAdded;
}

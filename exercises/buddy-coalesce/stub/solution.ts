/**
 * Buddy coalescing: __free_one_page  (mmkata kata "buddy-coalesce")
 *
 * Implement every function below: replace each `throw` with your code.
 *   npm test         runs the public tests (npm run test:watch re-runs them on save)
 *   npm run grade    grades your solution against the hidden suite
 */

import {
  Zone,
  MAX_PAGE_ORDER,
  pageblock_order,
  findBuddyPfn,
  pageIsBuddy,
  delPageFromFreeListNoAccount,
  addToFreeList,
  setBuddyOrder,
  accountFreepages,
  getPageblockMigratetype,
  changePageblockRange,
  migratetypeIsMergeable,
} from "mmkata/kata";

/**
 * Free the order-`order` block at `pfn` (of migratetype `mt`) into the zone's buddy free
 * lists, merging it with free buddies as far as MAX_PAGE_ORDER, and place the result at the
 * head or tail of its free list as buddy_merge_likely() decides.
 *
 * @param zone the zone the block belongs to
 * @param pfn first page frame of the block; aligned to 2^order
 * @param order the block is 2^order pages
 * @param mt the migratetype of the block's pageblock
 * @see mm/page_alloc.c __free_one_page
 */
export function freeOnePage(zone: Zone, pfn: number, order: number, mt: number): void {
  throw new Error("freeOnePage: not implemented yet");
}

/**
 * Buddy splitting: expand and __rmqueue_smallest  (mmkata kata "buddy-split")
 *
 * Implement every function below: replace each `throw` with your code.
 *   npm test         runs the public tests (npm run test:watch re-runs them on save)
 *   npm run grade    grades your solution against the hidden suite
 */

import {
  Zone,
  NR_PAGE_ORDERS,
  getPageFromFreeArea,
  delPageFromFreeListNoAccount,
  addToFreeList,
  setBuddyOrder,
  accountFreepages,
} from "mmkata/kata";

/**
 * Split the order-`high` block at `pfn` (already taken off its free list) down to order
 * `low`: put each upper half on the `mt` free list of its order, at the head, marked as a
 * free buddy. Returns the number of pages put back on the free lists. Does not change
 * NR_FREE_PAGES.
 *
 * @param zone the zone
 * @param pfn first page frame of the block being split
 * @param low the order the caller wants
 * @param high the order of the block being split
 * @param mt migratetype whose free lists receive the halves
 * @returns pages put back on the free lists: 2^high - 2^low
 * @see mm/page_alloc.c expand
 */
export function expand(zone: Zone, pfn: number, low: number, high: number, mt: number): number {
  throw new Error("expand: not implemented yet");
}

/**
 * Take an order-`order` block of migratetype `mt` from the smallest non-empty `mt` free list
 * at or above `order` (its head), split the rest back with expand(), and account
 * NR_FREE_PAGES for the pages handed out. Returns the block's first pfn, or -1 when no list
 * of that type can satisfy the request.
 *
 * @param zone the zone
 * @param order requested order
 * @param mt requested migratetype
 * @returns first pfn of the allocated block, or -1
 * @see mm/page_alloc.c __rmqueue_smallest
 */
export function rmqueueSmallest(zone: Zone, order: number, mt: number): number {
  throw new Error("rmqueueSmallest: not implemented yet");
}

// @ts-check
/**
 * Buddy identity: __find_buddy_pfn  (mmkata kata "buddy-find-buddy")
 *
 * Implement every function below: replace each `throw` with your code.
 *   npm test         runs the public tests (npm run test:watch re-runs them on save)
 *   npm run grade    grades your solution against the hidden suite
 */

import { MAX_PAGE_ORDER } from "mmkata/kata";

/**
 * Return the pfn of the order-`order` buddy of the block at `pfn`: the other half of the
 * naturally aligned order+1 block that contains it.
 *
 * @param {number} pfn first page frame of a block, aligned to 2^order
 * @param {number} order the block is 2^order pages (0..MAX_PAGE_ORDER)
 * @returns {number} the buddy's first pfn
 * @see mm/internal.h __find_buddy_pfn
 */
export function findBuddyPfn(pfn, order) {
  throw new Error("findBuddyPfn: not implemented yet");
}

/**
 * Return the first pfn of the order+1 block formed when the block at `pfn` merges with its
 * order-`order` buddy.
 *
 * @param {number} pfn first page frame of a block, aligned to 2^order
 * @param {number} order the order of the two buddies
 * @returns {number} the merged block's first pfn
 * @see mm/page_alloc.c __free_one_page
 */
export function combinedPfn(pfn, order) {
  throw new Error("combinedPfn: not implemented yet");
}

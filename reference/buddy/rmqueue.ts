/**
 * Taking a block off the free lists: __rmqueue_smallest.
 *
 * Scan free_area[order], free_area[order+1], ... free_area[MAX_PAGE_ORDER] of
 * one migratetype and take the first (head) block found; split it down to the
 * requested order with expand(). NR_FREE_PAGES drops by exactly 2^order.
 *
 * Differences from Linux: the migratetype fallback (__rmqueue_claim/steal),
 * per-CPU lists and watermarks are separate modules (later tracks); this is the
 * "smallest block of my own type" step those build on.
 *
 * @see mm/page_alloc.c __rmqueue_smallest, page_del_and_expand
 */

import { NR_PAGE_ORDERS } from "../core/constants.js";
import type { Zone } from "../zone/zone.js";
import { accountFreepages, delPageFromFreeListNoAccount, getPageFromFreeArea } from "../zone/free-list.js";
import { expand } from "./expand.js";

/**
 * page_del_and_expand: unlink the order-`high` block at pfn, split it down to
 * `low`, and account only the pages handed out.
 * @see mm/page_alloc.c page_del_and_expand
 */
export function pageDelAndExpand(zone: Zone, pfn: number, low: number, high: number, mt: number): void {
  delPageFromFreeListNoAccount(zone, pfn, high, mt);
  const nrPages = (1 << high) - expand(zone, pfn, low, high, mt);
  accountFreepages(zone, -nrPages, mt);
}

/**
 * Allocate an order-`order` block of migratetype mt from the smallest
 * non-empty free list of that type at or above `order`.
 * Returns the block's first pfn, or -1 if no list of that type can satisfy it.
 * @see mm/page_alloc.c __rmqueue_smallest
 */
export function rmqueueSmallest(zone: Zone, order: number, mt: number): number {
  for (let current = order; current < NR_PAGE_ORDERS; current++) {
    const pfn = getPageFromFreeArea(zone, current, mt);
    if (pfn < 0) continue;
    pageDelAndExpand(zone, pfn, order, current, mt);
    return pfn;
  }
  return -1;
}

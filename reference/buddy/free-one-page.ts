/**
 * Freeing into the buddy allocator: __free_one_page.
 *
 * A freed block of order o looks for its buddy (pfn ^ (1 << o)); while the
 * buddy is a free block of the same order in the same zone, it is taken off
 * its free list and the two merge into a block of order o+1, up to
 * MAX_PAGE_ORDER. At order >= pageblock_order the merge also needs the two
 * pageblocks' migratetypes to be compatible (equal, or both mergeable), and the
 * buddy's pageblocks are retyped to the freed block's type.
 *
 * The merged block goes on free_area[order].free_list[mt] at the head, unless
 * buddy_merge_likely() says the next-order buddy is already free, in which case
 * it goes to the tail (it is likely to merge again soon, so don't hand it out).
 *
 * Worked example (a zone whose pages 0..7 are free except 2 and 3, freed now as
 * order 1): buddy of 2/o1 is 0/o1, free → merge to 0/o2; buddy of 0/o2 is 4/o2,
 * free → merge to 0/o3; buddy of 0/o3 is 8/o3 ...
 *
 * Differences from Linux: no compaction capture, no debug guard pages, no page
 * reporting, no shuffling (CONFIG_SHUFFLE_PAGE_ALLOCATOR off): none of these
 * is observable in a single-threaded simulation without those features.
 *
 * @see mm/page_alloc.c __free_one_page, buddy_merge_likely
 */

import { FPI_NONE, FPI_TO_TAIL, MAX_PAGE_ORDER, pageblock_order } from "../core/constants.js";
import { BUG, hexPfn } from "../core/assert.js";
import type { Zone } from "../zone/zone.js";
import {
  accountFreepages,
  addToFreeList,
  changePageblockRange,
  delPageFromFreeListNoAccount,
  getPageblockMigratetype,
  migratetypeIsMergeable,
  pageBuddy,
  pageIsBuddy,
  setBuddyOrder,
} from "../zone/free-list.js";
import { findBuddyPfn } from "./find-buddy.js";

/**
 * buddy_merge_likely: for a block of `order` whose buddy is buddyPfn, is the
 * buddy of the combined order+1 block free (and in the same zone)? Never for order >= MAX_PAGE_ORDER-1.
 * @see mm/page_alloc.c buddy_merge_likely
 */
export function buddyMergeLikely(zone: Zone, pfn: number, buddyPfn: number, order: number): boolean {
  if (order >= MAX_PAGE_ORDER - 1) return false;
  const higherPfn = buddyPfn & pfn;
  // page_is_buddy() also requires the higher block's head to be in the same zone.
  if (!zone.spansPfn(higherPfn)) return false;
  return pageIsBuddy(zone, findBuddyPfn(higherPfn, order + 1), order + 1);
}

/**
 * Free the order-`order` block at pfn, of migratetype mt, into the zone's
 * buddy lists, merging with free buddies (see the file header).
 * Preconditions: pfn is aligned to 2^order and the block lies in the zone; the
 * block's head is not PageBuddy. Postconditions: NR_FREE_PAGES grew by 2^order
 * (unless mt is ISOLATE); exactly one list gained the (possibly merged) block.
 * @see mm/page_alloc.c __free_one_page
 */
export function freeOnePage(zone: Zone, pfn: number, order: number, mt: number, fpiFlags: number = FPI_NONE): void {
  if ((pfn & ((1 << order) - 1)) !== 0) BUG(`freeOnePage: pfn ${hexPfn(pfn)} not aligned to order ${order}`);
  if (pageBuddy(zone, pfn)) BUG(`freeOnePage: page ${hexPfn(pfn)} is already free (double free)`);
  accountFreepages(zone, 1 << order, mt);
  let buddyPfn = 0;
  while (order < MAX_PAGE_ORDER) {
    buddyPfn = findBuddyPfn(pfn, order);
    if (!pageIsBuddy(zone, buddyPfn, order)) break;
    let buddyMt = mt;
    if (order >= pageblock_order) {
      buddyMt = getPageblockMigratetype(zone, buddyPfn);
      if (mt !== buddyMt && (!migratetypeIsMergeable(mt) || !migratetypeIsMergeable(buddyMt))) break;
    }
    delPageFromFreeListNoAccount(zone, buddyPfn, order, buddyMt);
    if (buddyMt !== mt) changePageblockRange(zone, buddyPfn, order, mt);
    pfn = buddyPfn & pfn;
    order++;
  }
  setBuddyOrder(zone, pfn, order);
  const toTail = (fpiFlags & FPI_TO_TAIL) !== 0 || buddyMergeLikely(zone, pfn, buddyPfn, order);
  addToFreeList(zone, pfn, order, mt, toTail);
}

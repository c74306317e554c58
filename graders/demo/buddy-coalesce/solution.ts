// My attempt at buddy-coalesce (__free_one_page).
//
// Idea: a freed block keeps looking for its buddy. If the buddy is a free
// block of the same order, take it off its list and merge; the merged block
// starts at the lower of the two pfns and is one order bigger. Repeat until
// there is no free buddy or we reach MAX_PAGE_ORDER. Then put the result on
// the free list for its order.

import {
  BUG_ON,
  MAX_PAGE_ORDER,
  accountFreepages,
  addToFreeList,
  changePageblockRange,
  delPageFromFreeListNoAccount,
  findBuddyPfn,
  getPageblockMigratetype,
  hexPfn,
  migratetypeIsMergeable,
  pageBuddy,
  pageIsBuddy,
  pageblock_order,
  setBuddyOrder,
  type Zone,
} from "mmkata/kata";

export function freeOnePage(zone: Zone, pfn: number, order: number, mt: number): void {
  // Sanity checks, like the VM_BUG_ONs at the top of the kernel function.
  BUG_ON((pfn & ((1 << order) - 1)) !== 0, `freeOnePage: pfn ${hexPfn(pfn)} not aligned to order ${order}`);
  BUG_ON(pageBuddy(zone, pfn), `freeOnePage: page ${hexPfn(pfn)} is already free (double free)`);

  // The pages are free from now on, whatever we merge with (buddies are
  // already counted, so only our own 2^order pages are new).
  accountFreepages(zone, 1 << order, mt);

  while (order < MAX_PAGE_ORDER) {
    const buddyPfn = findBuddyPfn(pfn, order);

    // Must be a free block of exactly our order, inside the zone.
    if (!pageIsBuddy(zone, buddyPfn, order)) break;

    // From pageblock_order up the buddy lives in another pageblock, which
    // may have another type. Isolated blocks must never merge with normal
    // ones; two normal types merge and the buddy's blocks take our type.
    let buddyMt = mt;
    if (order >= pageblock_order) {
      buddyMt = getPageblockMigratetype(zone, buddyPfn);
      const bothMergeable = migratetypeIsMergeable(mt) && migratetypeIsMergeable(buddyMt);
      if (buddyMt !== mt && !bothMergeable) break;
    }

    delPageFromFreeListNoAccount(zone, buddyPfn, order, buddyMt);
    if (buddyMt !== mt) changePageblockRange(zone, buddyPfn, order, mt);

    pfn = pfn & buddyPfn; // the merged block starts at the lower half
    order++;
  }

  // Mark the head of the final block and list it. Freshly freed memory is
  // cache-hot, so put it at the head where the allocator looks first.
  setBuddyOrder(zone, pfn, order);
  addToFreeList(zone, pfn, order, mt, false);
}

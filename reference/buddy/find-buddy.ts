/**
 * Buddy identity. Two blocks of order o are buddies when they are the two
 * halves of one naturally aligned block of order o+1; the buddy's pfn differs
 * only in bit o:
 *
 *   B2 = B1 ^ (1 << O)        e.g. #8's order-1 buddy is #10, #10's is #8
 *   P  = B1 & B2 = B1 & ~(1 << O)   the merged block starts at the lower of the two
 *
 * @see mm/internal.h __find_buddy_pfn
 */

/**
 * The pfn of the order-`order` buddy of the block at `pfn`.
 * Callers pass a pfn aligned to 2^order (the kernel does not check, nor do we).
 * @see mm/internal.h __find_buddy_pfn
 */
export function findBuddyPfn(pfn: number, order: number): number {
  return pfn ^ (1 << order);
}

/**
 * The first pfn of the order+1 block formed by merging the block at pfn with
 * its buddy (the lower of the two).
 * @see mm/page_alloc.c __free_one_page (combined_pfn = buddy_pfn & pfn)
 */
export function combinedPfn(pfn: number, order: number): number {
  return pfn & findBuddyPfn(pfn, order);
}

// @ts-check
/**
 * Fragmentation indices and extfrag_index  (mmkata kata "fragmentation-index")
 *
 * Implement every function below: replace each `throw` with your code.
 *   npm test         runs the public tests (npm run test:watch re-runs them on save)
 *   npm run grade    grades your solution against the hidden suite
 */

import { Zone, NR_PAGE_ORDERS, MAX_PAGE_ORDER } from "mmkata/kata";

/**
 * The zone's fragmentation index for an order-`order` request, from free_area[o].nr_free
 * (zone.nrFree[o]): 0 if the zone has no free block; -1000 if some free block of order >=
 * `order` exists (the request would succeed); otherwise 1000 - (1000 + free_pages * 1000 /
 * 2^order) / free_blocks_total, every division an integer one. Near 0: the request fails for
 * lack of memory; near 1000: for fragmentation. 0 for an order above MAX_PAGE_ORDER.
 *
 * @param {Zone} zone the zone
 * @param {number} order the requested order
 * @returns {number} -1000, or 0..1000 in thousandths (can be negative when one block is almost big enough)
 * @see mm/vmstat.c __fragmentation_index
 */
export function fragmentationIndex(zone, order) {
  throw new Error("fragmentationIndex: not implemented yet");
}

/**
 * The thousandths of the zone's free pages that sit in blocks too small for an order-`order`
 * request: 1000 if nothing is free, else (free_pages - suitable_blocks * 2^order) * 1000 /
 * free_pages, where suitable_blocks counts how many order-`order` blocks the free blocks of
 * order >= `order` hold.
 *
 * @param {Zone} zone the zone
 * @param {number} order the requested order
 * @returns {number} 0..1000
 * @see mm/vmstat.c unusable_free_index
 */
export function unusableFreeIndex(zone, order) {
  throw new Error("unusableFreeIndex: not implemented yet");
}

/**
 * The zone's line of /sys/kernel/debug/extfrag/extfrag_index, without the newline: "Node
 * <nid>, zone <name right-aligned in 8 columns> " and then, for orders 0..10, C's "%2d.%03d
 * " of index / 1000 and index % 1000 (truncating division and remainder, as C computes
 * them).
 *
 * @param {Zone} zone the zone (zone.nid, zone.name)
 * @returns {string} e.g. "Node 0, zone   Normal -1.000 -1.000  0.600 … "
 * @see mm/vmstat.c extfrag_show_print
 */
export function extfragIndexLine(zone) {
  throw new Error("extfragIndexLine: not implemented yet");
}

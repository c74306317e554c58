/**
 * External fragmentation indices of a zone, as debugfs `extfrag/` shows
 * them and compaction uses them.
 *
 * For a request of order `order`, the zone's free memory is summarised from
 * free_area[].nr_free: free pages, free blocks, and how many blocks of the
 * requested size the free blocks of at least that order make. Then:
 *   - fragmentation index: meaningful only when the request would fail
 *     (otherwise -1000). Towards 0 the failure is due to lack of memory
 *     (reclaim helps), towards 1000 to fragmentation (compaction helps);
 *     compaction_suitable() skips costly-order compaction when it is <= 500
 *     (vm.extfrag_threshold).
 *   - unusable free index: the share (in thousandths) of free pages that sit
 *     in blocks too small for the request.
 * /sys/kernel/debug/extfrag/extfrag_index prints one line per zone:
 * "Node %d, zone %8s " then "%2d.%03d " per order, with C's truncating
 * division and remainder, so -1000 prints "-1.000" and -500 prints " 0.-500".
 *
 * Worked example: free lists with nr_free = [4, 0, 1, 0…] (4 order-0 blocks
 * and one order-2 block: 8 free pages in 5 blocks). For order 3 nothing is
 * suitable: index = 1000 - (1000 + 8*1000/8) / 5 = 1000 - 400 = 600;
 * unusable = (8 - 0) * 1000 / 8 = 1000. For order 2: one suitable block →
 * -1000; unusable = (8 - 4) * 1000 / 8 = 500.
 *
 * Differences from Linux: none in the formulas; nr_free counts Isolate blocks
 * too, as in the kernel.
 *
 * @see mm/vmstat.c fill_contig_page_info, __fragmentation_index, unusable_free_index
 * @see mm/vmstat.c extfrag_show_print
 */

import { MAX_PAGE_ORDER, NR_PAGE_ORDERS } from "../core/constants.js";
import type { Zone } from "./zone.js";

/** struct contig_page_info. @see mm/vmstat.c */
export interface ContigPageInfo {
  freePages: number;
  freeBlocksTotal: number;
  freeBlocksSuitable: number;
}

/**
 * Summarise the zone's free lists for a request of `suitableOrder`: free
 * pages (Σ nr_free[o] << o), free blocks (Σ nr_free[o]) and suitable blocks
 * (Σ over o >= suitableOrder of nr_free[o] << (o - suitableOrder)).
 * @see mm/vmstat.c fill_contig_page_info
 */
export function fillContigPageInfo(zone: Zone, suitableOrder: number): ContigPageInfo {
  const info = { freePages: 0, freeBlocksTotal: 0, freeBlocksSuitable: 0 };
  for (let order = 0; order < NR_PAGE_ORDERS; order++) {
    const blocks = zone.nrFree[order]!;
    info.freeBlocksTotal += blocks;
    info.freePages += blocks * 2 ** order;
    if (order >= suitableOrder) info.freeBlocksSuitable += blocks * 2 ** (order - suitableOrder);
  }
  return info;
}

/**
 * fragmentation_index(zone, order): 0 if the zone has no free block, -1000
 * if some free block can serve the request, else
 * 1000 - (1000 + free_pages*1000/2^order) / free_blocks_total (integer
 * divisions). 0 for an order above MAX_PAGE_ORDER (the kernel warns).
 * @see mm/vmstat.c fragmentation_index, __fragmentation_index
 */
export function fragmentationIndex(zone: Zone, order: number): number {
  if (order > MAX_PAGE_ORDER) return 0;
  const info = fillContigPageInfo(zone, order);
  if (!info.freeBlocksTotal) return 0;
  if (info.freeBlocksSuitable) return -1000;
  const perRequest = Math.floor((info.freePages * 1000) / 2 ** order);
  return 1000 - Math.floor((1000 + perRequest) / info.freeBlocksTotal);
}

/**
 * unusable_free_index(order): 1000 if nothing is free, else the thousandths
 * of free pages not in suitable blocks:
 * (free_pages - (suitable << order)) * 1000 / free_pages.
 * @see mm/vmstat.c unusable_free_index
 */
export function unusableFreeIndex(zone: Zone, order: number): number {
  const info = fillContigPageInfo(zone, order);
  if (info.freePages === 0) return 1000;
  return Math.floor(((info.freePages - info.freeBlocksSuitable * 2 ** order) * 1000) / info.freePages);
}

/** C's "%0<width>d" (zero padding after the sign) and "%<width>d". */
function cInt(v: number, width: number, zero: boolean): string {
  const digits = String(Math.abs(v));
  const sign = v < 0 ? "-" : "";
  if (zero) return sign + digits.padStart(width - sign.length, "0");
  return (sign + digits).padStart(width, " ");
}

/**
 * One line of /sys/kernel/debug/extfrag/extfrag_index (without the newline):
 * "Node <nid>, zone <name right-aligned in 8> " then, for orders 0..10,
 * "%2d.%03d " of (index / 1000, index % 1000) with C truncation.
 * Example: "Node 0, zone   Normal -1.000 -1.000  0.600 …".
 * @see mm/vmstat.c extfrag_show_print
 */
export function extfragIndexLine(zone: Zone): string {
  let line = `Node ${zone.nid}, zone ${zone.name.padStart(8)} `;
  for (let order = 0; order < NR_PAGE_ORDERS; order++) {
    const index = fragmentationIndex(zone, order);
    line += `${cInt(Math.trunc(index / 1000), 2, false)}.${cInt(index % 1000, 3, true)} `;
  }
  return line;
}

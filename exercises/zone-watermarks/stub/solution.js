// @ts-check
/**
 * Zone watermarks, lowmem_reserve and totalreserve_pages  (mmkata kata "zone-watermarks")
 *
 * Implement every function below: replace each `throw` with your code.
 *   npm test         runs the public tests (npm run test:watch re-runs them on save)
 *   npm run grade    grades your solution against the hidden suite
 */

import {
  Zone,
  zoneIdx,
  MAX_NR_ZONES,
  ZONE_MOVABLE,
  WMARK_MIN,
  WMARK_LOW,
  WMARK_HIGH,
  WMARK_PROMO,
  SWAP_CLUSTER_MAX,
  multFrac,
  highWmarkPages,
} from "mmkata/kata";

/**
 * Set every zone's min, low, high and promo watermarks
 * (zone.watermark[WMARK_MIN..WMARK_PROMO], in pages) from vm.min_free_kbytes and
 * vm.watermark_scale_factor, and reset zone.watermarkBoost to 0. Lowmem zones (all but
 * Movable) share min_free_kbytes/4 pages in proportion to their managed pages; a Movable
 * zone's min is managed/1024 clamped to [32, 128]. Each gap (min to low, low to high, high
 * to promo) is max(share/4, mult_frac(managed, scale factor, 10000)). All integer
 * arithmetic, as in C.
 *
 * @param {Zone[]} zones every zone of the machine, node by node, in zone-type order
 * @param {number} minFreeKbytes vm.min_free_kbytes
 * @param {number} watermarkScaleFactor vm.watermark_scale_factor (1..3000, in 1/10000 of a zone)
 * @see mm/page_alloc.c __setup_per_zone_wmarks
 */
export function setupPerZoneWmarks(zones, minFreeKbytes, watermarkScaleFactor) {
  throw new Error("setupPerZoneWmarks: not implemented yet");
}

/**
 * Set each zone's lowmem_reserve[j] for every higher zone type j: the managed pages of the
 * same node's zones of types above it up to j, divided by ratios[its own type]; all 0 when
 * that ratio is 0 or the zone manages no pages. A zone type the node lacks counts as an
 * empty zone.
 *
 * @param {Zone[]} zones every zone of the machine (use zone.nid to tell nodes apart)
 * @param {number[]} ratios vm.lowmem_reserve_ratio, one per zone type (DMA, DMA32, Normal, Movable)
 * @see mm/page_alloc.c setup_per_zone_lowmem_reserve
 */
export function setupPerZoneLowmemReserve(zones, ratios) {
  throw new Error("setupPerZoneLowmemReserve: not implemented yet");
}

/**
 * totalreserve_pages: the sum over all zones of min(largest lowmem_reserve[j] for j >= the
 * zone's own type + high_wmark_pages(zone), the zone's managed pages).
 *
 * @param {Zone[]} zones every zone of the machine
 * @returns {number} totalreserve_pages
 * @see mm/page_alloc.c calculate_totalreserve_pages
 */
export function calculateTotalreservePages(zones) {
  throw new Error("calculateTotalreservePages: not implemented yet");
}

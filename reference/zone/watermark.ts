/**
 * Zone watermarks, lowmem_reserve and totalreserve_pages: how much memory
 * each zone keeps back, and from whom.
 *
 * vm.min_free_kbytes is shared among the "lowmem" zones (every zone but
 * Movable and HighMem) in proportion to their managed pages: that share is
 * the zone's min watermark. Movable zones get a small fixed min instead
 * (managed/1024 clamped to [32, 128]): the atomic and __GFP_HIGH allocations
 * that dip below min cannot use them anyway. The gaps min→low→high→promo are
 * each max(share/4, managed * watermark_scale_factor / 10000), so kswapd
 * wakes earlier on big zones. lowmem_reserve[j] of a zone is what it keeps
 * back from allocations that could have used the higher zone j (a GFP_KERNEL
 * allocation must not exhaust DMA32 while Normal could serve it):
 * (managed pages of the zones above it, up to j) / lowmem_reserve_ratio[its type].
 * totalreserve_pages sums, per zone, the high watermark plus the largest
 * reserve, capped at the zone's size: memory the overcommit heuristic and
 * MemAvailable treat as not available.
 *
 * Called after boot (init_per_zone_wmark_min) and on writes to the sysctls.
 * The functions take every zone of the machine (node by node, in zone-type
 * order, as Machine.zones lists them); per-node sums use zone.nid.
 *
 * Differences from Linux: no HighMem (x86-64) and no ZONE_DEVICE, so
 * lowmem_reserve has MAX_NR_ZONES = 4 entries; a user-set min_free_kbytes
 * (user_min_free_kbytes) is not modelled: the caller passes min_free_kbytes.
 * totalreserve_pages is returned instead of stored in a global.
 *
 * @see mm/page_alloc.c __setup_per_zone_wmarks, setup_per_zone_lowmem_reserve
 * @see mm/page_alloc.c calculate_totalreserve_pages, calculate_min_free_kbytes
 * @see mm/khugepaged.c set_recommended_min_free_kbytes
 */

import { BUG } from "../core/assert.js";
import { MAX_NR_ZONES, MIGRATE_PCPTYPES, ZONE_MOVABLE, ZONE_NORMAL, pageblock_nr_pages } from "../core/constants.js";
import { SWAP_CLUSTER_MAX, WMARK_HIGH, WMARK_LOW, WMARK_MIN, WMARK_PROMO, highWmarkPages, intSqrt, multFrac, DEFAULT_LOWMEM_RESERVE_RATIO, DEFAULT_WATERMARK_SCALE_FACTOR } from "./alloc-flags.js";
import { zoneIdx, type WmarkZone, type Zone } from "./zone.js";

/** is_highmem(zone) || zone_idx(zone) == ZONE_MOVABLE (there is no HighMem on x86-64). */
function isMovableOrHighmem(zone: WmarkZone): boolean {
  return zoneIdx(zone) === ZONE_MOVABLE;
}

/**
 * Set every zone's min/low/high/promo watermarks from vm.min_free_kbytes and
 * vm.watermark_scale_factor, and reset watermark_boost to 0.
 * Worked example (laptop-4g, min_free_kbytes 7904 → pages_min 1976, lowmem
 * 976286 pages): DMA32 (729342 managed) gets min = 1976*729342/976286 = 1476,
 * delta = max(1476>>2, mult_frac(729342, 10, 10000) = 729) = 729, so low 2205,
 * high 2934, promo 3663.
 * Throws KernelBug if no zone is lowmem (the kernel would divide by zero).
 * @see mm/page_alloc.c __setup_per_zone_wmarks
 */
export function setupPerZoneWmarks(zones: readonly WmarkZone[], minFreeKbytes: number, watermarkScaleFactor: number): void {
  const pagesMin = BigInt(Math.floor(minFreeKbytes / 4));
  let lowmem = 0;
  for (const z of zones) if (!isMovableOrHighmem(z)) lowmem += z.managedPages;
  if (lowmem === 0) BUG("setupPerZoneWmarks: no lowmem zone (every zone is Movable)");
  for (const z of zones) {
    const share = Number((pagesMin * BigInt(z.managedPages)) / BigInt(lowmem));
    if (isMovableOrHighmem(z)) {
      const minPages = Math.floor(z.managedPages / 1024);
      z.watermark[WMARK_MIN] = Math.min(Math.max(minPages, SWAP_CLUSTER_MAX), 128);
    } else {
      z.watermark[WMARK_MIN] = share;
    }
    const delta = Math.max(Math.floor(share / 4), multFrac(z.managedPages, watermarkScaleFactor, 10000));
    z.watermarkBoost = 0;
    z.watermark[WMARK_LOW] = z.watermark[WMARK_MIN]! + delta;
    z.watermark[WMARK_HIGH] = z.watermark[WMARK_LOW]! + delta;
    z.watermark[WMARK_PROMO] = z.watermark[WMARK_HIGH]! + delta;
  }
}

/**
 * Set lowmem_reserve[j] (j > i) of each zone of type i, node by node:
 * (managed pages of the node's zones of types i+1..j) / ratios[i], with
 * integer division; all 0 when ratios[i] is 0 or the zone manages no pages.
 * Entries j <= i are left as they are (0). Zone types with no Zone object
 * count as empty. `ratios` is vm.lowmem_reserve_ratio, one per zone type.
 * Example: laptop-4g, ratios 256 256 32 0: DMA32's lowmem_reserve[Normal] =
 * 243104/256 = 949; DMA's = (729342+243104)/256 = 3798.
 * @see mm/page_alloc.c setup_per_zone_lowmem_reserve
 */
export function setupPerZoneLowmemReserve(zones: readonly WmarkZone[], ratios: readonly number[]): void {
  for (const zone of zones) {
    const i = zoneIdx(zone);
    const ratio = ratios[i] ?? 0;
    const clear = ratio === 0 || zone.managedPages === 0;
    let managed = 0;
    for (let j = i + 1; j < MAX_NR_ZONES; j++) {
      const upper = zones.find((z) => z.nid === zone.nid && zoneIdx(z) === j);
      managed += upper?.managedPages ?? 0;
      zone.lowmemReserve[j] = clear ? 0 : Math.floor(managed / ratio);
    }
  }
}

/**
 * totalreserve_pages: over all zones, min(max_{j >= own type} lowmem_reserve[j]
 * + high_wmark_pages(zone), managed pages).
 * @see mm/page_alloc.c calculate_totalreserve_pages
 */
export function calculateTotalreservePages(zones: readonly Zone[]): number {
  let total = 0;
  for (const zone of zones) {
    let max = 0;
    for (let j = zoneIdx(zone); j < MAX_NR_ZONES; j++) max = Math.max(max, zone.lowmemReserve[j]!);
    total += Math.min(max + highWmarkPages(zone), zone.managedPages);
  }
  return total;
}

/**
 * nr_free_buffer_pages(): pages above the high watermark in the zones a
 * GFP_USER allocation may use (types up to Normal), Σ max(managed - high, 0).
 * @see mm/page_alloc.c nr_free_buffer_pages, nr_free_zone_pages
 */
export function nrFreeBufferPages(zones: readonly Zone[]): number {
  let sum = 0;
  for (const z of zones) {
    if (zoneIdx(z) > ZONE_NORMAL) continue;
    const high = highWmarkPages(z);
    if (z.managedPages > high) sum += z.managedPages - high;
  }
  return sum;
}

/**
 * The default vm.min_free_kbytes: int_sqrt(lowmem_kbytes * 16) clamped to
 * [128, 262144], lowmem_kbytes = nr_free_buffer_pages() * 4.
 * Example: laptop-4g at boot (no watermarks yet): 976286 pages → 7904 kB.
 * @see mm/page_alloc.c calculate_min_free_kbytes
 */
export function calculateMinFreeKbytes(zones: readonly Zone[]): number {
  const lowmemKbytes = nrFreeBufferPages(zones) * 4;
  return Math.min(Math.max(intSqrt(lowmemKbytes * 16), 128), 262144);
}

/**
 * The min_free_kbytes khugepaged recommends when THP is enabled: two
 * pageblocks per populated zone up to Normal, plus 3×3 pageblocks per such
 * zone for migratetype fallbacks, at most 5% of nr_free_buffer_pages(), in kB.
 * The caller keeps the larger of this and the current value.
 * Example: 3 such zones and plenty of memory → (3072 + 13824) pages = 67584 kB.
 * @see mm/khugepaged.c set_recommended_min_free_kbytes
 */
export function recommendedMinFreeKbytes(zones: readonly Zone[]): number {
  const nrZones = zones.filter((z) => z.presentPages > 0 && zoneIdx(z) <= ZONE_NORMAL).length;
  let pages = pageblock_nr_pages * nrZones * 2;
  pages += pageblock_nr_pages * nrZones * MIGRATE_PCPTYPES * MIGRATE_PCPTYPES;
  pages = Math.min(pages, Math.floor(nrFreeBufferPages(zones) / 20));
  return pages * 4;
}

/**
 * After boot: default min_free_kbytes, watermarks, lowmem_reserve (with the
 * given ratios), then, with THP enabled, khugepaged's raise and a second
 * watermark pass. Returns min_free_kbytes and totalreserve_pages.
 * @see mm/page_alloc.c init_per_zone_wmark_min
 * @see mm/khugepaged.c khugepaged_min_free_kbytes_update
 */
export function initPerZoneWmarkMin(
  zones: readonly Zone[],
  opts: { thp?: boolean; watermarkScaleFactor?: number; ratios?: readonly number[] } = {},
): { minFreeKbytes: number; totalreservePages: number } {
  const wsf = opts.watermarkScaleFactor ?? DEFAULT_WATERMARK_SCALE_FACTOR;
  let minFreeKbytes = calculateMinFreeKbytes(zones);
  setupPerZoneWmarks(zones, minFreeKbytes, wsf);
  setupPerZoneLowmemReserve(zones, opts.ratios ?? DEFAULT_LOWMEM_RESERVE_RATIO);
  if (opts.thp) {
    const recommended = recommendedMinFreeKbytes(zones);
    if (recommended > minFreeKbytes) {
      minFreeKbytes = recommended;
      setupPerZoneWmarks(zones, minFreeKbytes, wsf);
    }
  }
  return { minFreeKbytes, totalreservePages: calculateTotalreservePages(zones) };
}

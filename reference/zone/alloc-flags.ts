/**
 * Watermark indices and accessors, the ALLOC_* flags of the page allocator,
 * and the sysctl defaults the watermark code reads.
 *
 * A zone has four watermarks (pages), set by setupPerZoneWmarks():
 *   min  — below it only callers with access to reserves (ALLOC_MIN_RESERVE,
 *          ALLOC_NON_BLOCK, ALLOC_OOM, ALLOC_HIGHATOMIC) may allocate;
 *   low  — below it the allocator wakes kswapd (the fast path checks low);
 *   high — kswapd reclaims until every zone is above it;
 *   promo — NUMA memory tiering promotes pages only above it.
 * The accessors add zone->watermark_boost, which a fragmenting fallback raises
 * so that kswapd reclaims (and compacts) a little more.
 *
 * The low bits of alloc_flags (ALLOC_WMARK_MASK) select which watermark an
 * allocation checks; the other bits say what reserves the caller may dip into.
 *
 * Differences from Linux: no CONFIG_CMA (ALLOC_CMA exists but there are no
 * CMA pages); the values are those of an x86-64 MMU kernel (ALLOC_OOM = 0x08).
 *
 * @see include/linux/mmzone.h enum zone_watermarks, min_wmark_pages
 * @see mm/internal.h ALLOC_WMARK_MIN, ALLOC_RESERVES
 */

import type { Zone } from "./zone.js";

/** Indices into zone.watermark (enum zone_watermarks). @see include/linux/mmzone.h */
export const WMARK_MIN = 0;
export const WMARK_LOW = 1;
export const WMARK_HIGH = 2;
export const WMARK_PROMO = 3;
export const NR_WMARK = 4;
export const wmark_names: readonly string[] = ["min", "low", "high", "promo"];

/** alloc_flags: the watermark to check is alloc_flags & ALLOC_WMARK_MASK. @see mm/internal.h */
export const ALLOC_WMARK_MIN = WMARK_MIN;
export const ALLOC_WMARK_LOW = WMARK_LOW;
export const ALLOC_WMARK_HIGH = WMARK_HIGH;
/** Do not check watermarks at all (PF_MEMALLOC, TIF_MEMDIE). */
export const ALLOC_NO_WATERMARKS = 0x04;
export const ALLOC_WMARK_MASK = ALLOC_NO_WATERMARKS - 1;
/** An OOM victim: may use half of what is left of min after the other reductions. */
export const ALLOC_OOM = 0x08;
/** Cannot block (GFP_ATOMIC): with ALLOC_MIN_RESERVE, a further quarter of min. */
export const ALLOC_NON_BLOCK = 0x10;
/** __GFP_HIGH: may use half of the min reserve. */
export const ALLOC_MIN_RESERVE = 0x20;
export const ALLOC_CPUSET = 0x40;
export const ALLOC_CMA = 0x80;
export const ALLOC_NOFRAGMENT = 0x100;
/** May use MIGRATE_HIGHATOMIC pageblocks. */
export const ALLOC_HIGHATOMIC = 0x200;
export const ALLOC_KSWAPD = 0x800;
/** Flags that allow allocating below the min watermark. */
export const ALLOC_RESERVES = ALLOC_NON_BLOCK | ALLOC_MIN_RESERVE | ALLOC_HIGHATOMIC | ALLOC_OOM;

/** SWAP_CLUSTER_MAX: the smallest min watermark of a Movable (or HighMem) zone. @see include/linux/swap.h */
export const SWAP_CLUSTER_MAX = 32;
/** vm.watermark_scale_factor default: 10/10000 = 0.1% of a zone. @see mm/page_alloc.c watermark_scale_factor */
export const DEFAULT_WATERMARK_SCALE_FACTOR = 10;
/**
 * vm.lowmem_reserve_ratio defaults, per zone type (DMA, DMA32, Normal, Movable).
 * @see mm/page_alloc.c sysctl_lowmem_reserve_ratio
 */
export const DEFAULT_LOWMEM_RESERVE_RATIO: readonly number[] = [256, 256, 32, 0];

/** zone->_watermark[i] + zone->watermark_boost. @see include/linux/mmzone.h wmark_pages */
export function wmarkPages(zone: Zone, i: number): number {
  return zone.watermark[i]! + zone.watermarkBoost;
}

/** min_wmark_pages(z) (boost included). @see include/linux/mmzone.h min_wmark_pages */
export function minWmarkPages(zone: Zone): number {
  return wmarkPages(zone, WMARK_MIN);
}

/** low_wmark_pages(z) (boost included). @see include/linux/mmzone.h low_wmark_pages */
export function lowWmarkPages(zone: Zone): number {
  return wmarkPages(zone, WMARK_LOW);
}

/** high_wmark_pages(z) (boost included). @see include/linux/mmzone.h high_wmark_pages */
export function highWmarkPages(zone: Zone): number {
  return wmarkPages(zone, WMARK_HIGH);
}

/** promo_wmark_pages(z) (boost included). @see include/linux/mmzone.h promo_wmark_pages */
export function promoWmarkPages(zone: Zone): number {
  return wmarkPages(zone, WMARK_PROMO);
}

/**
 * mult_frac(x, n, d) = x * n / d for non-negative integers, computed as
 * (x / d) * n + ((x % d) * n) / d so the product does not overflow; the
 * result can differ from floor(x * n / d) only if that overflows.
 * Example: multFrac(729342, 10, 10000) = 72*10 + (9342*10)/10000 = 729.
 * @see include/linux/math.h mult_frac
 */
export function multFrac(x: number, n: number, d: number): number {
  const q = Math.floor(x / d);
  const r = x % d;
  return q * n + Math.floor((r * n) / d);
}

/**
 * int_sqrt(x): floor of the square root of a non-negative integer.
 * @see lib/math/int_sqrt.c int_sqrt
 */
export function intSqrt(x: number): number {
  let r = Math.floor(Math.sqrt(x));
  while (r * r > x) r--;
  while ((r + 1) * (r + 1) <= x) r++;
  return r;
}

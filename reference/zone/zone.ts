/**
 * struct zone and struct page, as flat typed arrays.
 *
 * A zone spans `spannedPages` page frames from `zoneStartPfn`. Per-page state is
 * kept struct-of-arrays, indexed by `pfn - zoneStartPfn`, so that a 64 GiB zone
 * (16.7 M pages) costs ~12 bytes a page and no objects:
 *   - pageFlags   (Uint8)  PG_buddy, PG_reserved
 *   - pagePrivate (Uint8)  page_private(): the buddy order of a free block's head
 *   - next / prev (Int32)  the page's buddy_list link (struct list_head)
 * List heads are extra nodes after the pages in next/prev, one per
 * (order, migratetype), so list operations are the kernel's circular doubly
 * linked list operations, with real head/tail semantics.
 *
 * Pageblocks (2 MiB) carry a migratetype each (pageblock_flags), indexed by
 * `(pfn >> pageblock_order) - (zoneStartPfn >> pageblock_order)`.
 *
 * Invariants kept by the helpers in free-list.ts (and checked by
 * graders/suites/buddy/invariants.ts):
 *   - a page is on free_area[o].free_list[mt] iff it is PageBuddy with
 *     page_private == o, and it is the head of a naturally aligned 2^o block;
 *   - free_area[o].nr_free equals the total length of the order-o lists;
 *   - NR_FREE_PAGES equals the sum of 2^o over listed blocks of non-isolate types.
 *
 * Watermarks (_watermark[WMARK_MIN..WMARK_PROMO], watermark_boost) and
 * lowmem_reserve[] start at 0 and are set by reference/zone/watermark.ts, as
 * init_per_zone_wmark_min() sets them after boot.
 *
 * Differences from Linux: one zone lock is implicit (the simulator is single
 * threaded); PageBuddy is a flag bit rather than a page_type value; holes are
 * pages marked PG_reserved that never reach the allocator; vmstat counters are
 * exact (no per-CPU deltas), i.e. always as after `echo 1 > stat_refresh`.
 *
 * @see include/linux/mmzone.h struct zone, struct free_area
 */

import { MAX_NR_ZONES, MIGRATE_TYPES, NR_PAGE_ORDERS, pageblock_order, zone_names } from "../core/constants.js";
import { BUG } from "../core/assert.js";

export const PG_buddy = 1 << 0;
export const PG_reserved = 1 << 1;

/** Geometry of a zone; the counts default to "every spanned page is present and managed". */
export interface ZoneConfig {
  name: string;
  nid?: number;
  zoneStartPfn: number;
  spannedPages: number;
  presentPages?: number;
  managedPages?: number;
  /** Initial migratetype of every pageblock (memmap_init uses MIGRATE_MOVABLE). */
  initialMigratetype?: number;
}

/**
 * The part of struct zone the watermark and lowmem_reserve setup reads and
 * writes: what a zone with no pages (an unpopulated ZONE_MOVABLE) still has.
 * @see mm/page_alloc.c __setup_per_zone_wmarks, setup_per_zone_lowmem_reserve
 */
export type WmarkZone = Pick<Zone, "name" | "nid" | "managedPages" | "watermark" | "watermarkBoost" | "lowmemReserve">;

export class Zone {
  readonly name: string;
  readonly nid: number;
  readonly zoneStartPfn: number;
  readonly spannedPages: number;
  presentPages: number;
  managedPages: number;

  readonly pageFlags: Uint8Array;
  readonly pagePrivate: Uint8Array;
  /** buddy_list links; indices < spannedPages are pages, the rest are list heads. */
  readonly next: Int32Array;
  readonly prev: Int32Array;
  /** free_area[order].nr_free */
  readonly nrFree: Int32Array;
  /** pageblock migratetypes, one per pageblock the zone touches. */
  readonly pageblockMt: Uint8Array;

  /** vmstat NR_FREE_PAGES (pages of non-isolate types on the free lists). */
  nrFreePages = 0;
  /** zone->nr_free_highatomic */
  nrFreeHighatomic = 0;
  /** zone->nr_reserved_highatomic: pages of pageblocks reserved as MIGRATE_HIGHATOMIC. */
  nrReservedHighatomic = 0;
  /** zone->_watermark[WMARK_MIN, WMARK_LOW, WMARK_HIGH, WMARK_PROMO], in pages (without boost). */
  readonly watermark: number[] = [0, 0, 0, 0];
  /** zone->watermark_boost: added to every watermark by the accessors (min_wmark_pages…). */
  watermarkBoost = 0;
  /** zone->lowmem_reserve[j]: pages kept from allocations whose highest usable zone is j. */
  readonly lowmemReserve: number[] = new Array<number>(MAX_NR_ZONES).fill(0);

  constructor(cfg: ZoneConfig) {
    if (!Number.isInteger(cfg.zoneStartPfn) || cfg.zoneStartPfn < 0) BUG(`Zone: bad zoneStartPfn ${cfg.zoneStartPfn}`);
    if (!Number.isInteger(cfg.spannedPages) || cfg.spannedPages < 1) BUG(`Zone: bad spannedPages ${cfg.spannedPages}`);
    this.name = cfg.name;
    this.nid = cfg.nid ?? 0;
    this.zoneStartPfn = cfg.zoneStartPfn;
    this.spannedPages = cfg.spannedPages;
    this.presentPages = cfg.presentPages ?? cfg.spannedPages;
    this.managedPages = cfg.managedPages ?? this.presentPages;
    const n = cfg.spannedPages;
    const heads = NR_PAGE_ORDERS * MIGRATE_TYPES;
    this.pageFlags = new Uint8Array(n);
    this.pagePrivate = new Uint8Array(n);
    this.next = new Int32Array(n + heads).fill(-1);
    this.prev = new Int32Array(n + heads).fill(-1);
    for (let h = n; h < n + heads; h++) {
      this.next[h] = h;
      this.prev[h] = h;
    }
    this.nrFree = new Int32Array(NR_PAGE_ORDERS);
    const firstBlock = cfg.zoneStartPfn >> pageblock_order;
    const lastBlock = (cfg.zoneStartPfn + n - 1) >> pageblock_order;
    this.pageblockMt = new Uint8Array(lastBlock - firstBlock + 1).fill(cfg.initialMigratetype ?? 1);
  }

  /** One past the last spanned pfn (zone_end_pfn). */
  get zoneEndPfn(): number {
    return this.zoneStartPfn + this.spannedPages;
  }

  /** True if pfn lies inside the zone's span (zone_spans_pfn). */
  spansPfn(pfn: number): boolean {
    return Number.isInteger(pfn) && pfn >= this.zoneStartPfn && pfn < this.zoneStartPfn + this.spannedPages;
  }

  /** Index of pfn in the per-page arrays; asserts that pfn is in the zone. */
  idx(pfn: number): number {
    if (!this.spansPfn(pfn)) BUG(`${this.name}: pfn ${pfn} outside zone [${this.zoneStartPfn}, ${this.zoneEndPfn})`);
    return pfn - this.zoneStartPfn;
  }

  /** The list-head node for free_area[order].free_list[mt]. */
  listHead(order: number, mt: number): number {
    if (!(order >= 0 && order < NR_PAGE_ORDERS && Number.isInteger(order))) BUG(`listHead: bad order ${order}`);
    if (!(mt >= 0 && mt < MIGRATE_TYPES && Number.isInteger(mt))) BUG(`listHead: bad migratetype ${mt}`);
    return this.spannedPages + order * MIGRATE_TYPES + mt;
  }

  /** Index into pageblockMt for pfn. */
  pageblockIdx(pfn: number): number {
    return (pfn >> pageblock_order) - (this.zoneStartPfn >> pageblock_order);
  }
}

/**
 * zone_idx(): the zone's type (ZONE_DMA..ZONE_MOVABLE), from its name.
 * Throws KernelBug for a zone whose name is not a zone type.
 * @see include/linux/mmzone.h zone_idx
 */
export function zoneIdx(zone: Pick<Zone, "name">): number {
  const i = zone_names.indexOf(zone.name);
  if (i < 0) BUG(`zoneIdx: zone name "${zone.name}" is not a zone type (${zone_names.join(", ")})`);
  return i;
}

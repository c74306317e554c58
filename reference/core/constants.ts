/**
 * Architecture and allocator constants for x86-64, Linux 6.x.
 *
 * Spelled as the kernel spells them so that a learner can grep the kernel for
 * each one. Pages are 4 KiB; the buddy allocator keeps free lists for orders
 * 0..MAX_PAGE_ORDER (11 lists, 4 KiB .. 4 MiB).
 *
 * @see include/linux/mmzone.h MAX_PAGE_ORDER, NR_PAGE_ORDERS, enum migratetype
 * @see include/linux/pageblock-flags.h pageblock_order
 */

export const PAGE_SHIFT = 12;
export const PAGE_SIZE = 1 << PAGE_SHIFT;

/** Largest buddy order (inclusive): 2^10 pages = 4 MiB. */
export const MAX_PAGE_ORDER = 10;
/** Number of free lists per zone: orders 0..MAX_PAGE_ORDER. */
export const NR_PAGE_ORDERS = MAX_PAGE_ORDER + 1;
/** Orders above this are "costly" to allocate (reclaim/compaction behave differently). */
export const PAGE_ALLOC_COSTLY_ORDER = 3;

/** min(HPAGE_PMD_ORDER = 9, MAX_PAGE_ORDER): a pageblock is 2 MiB. */
export const pageblock_order = 9;
export const pageblock_nr_pages = 1 << pageblock_order;

/**
 * Migratetypes, in the kernel's enum order. CONFIG_CMA is off (as on the
 * machine KERNEL.md was checked against), so ISOLATE directly follows HIGHATOMIC.
 */
export const MIGRATE_UNMOVABLE = 0;
export const MIGRATE_MOVABLE = 1;
export const MIGRATE_RECLAIMABLE = 2;
/** Number of types the per-CPU lists cache; also the first non-mergeable type. */
export const MIGRATE_PCPTYPES = 3;
export const MIGRATE_HIGHATOMIC = MIGRATE_PCPTYPES;
export const MIGRATE_ISOLATE = 4;
export const MIGRATE_TYPES = 5;

export type MigrateType = number;

/** Names as /proc/pagetypeinfo prints them (mm/vmstat.c migratetype_names). */
export const migratetype_names: readonly string[] = [
  "Unmovable",
  "Movable",
  "Reclaimable",
  "HighAtomic",
  "Isolate",
];

/** Zone types on x86-64 (enum zone_type); HIGHMEM does not exist on 64-bit. */
export const ZONE_DMA = 0;
export const ZONE_DMA32 = 1;
export const ZONE_NORMAL = 2;
export const ZONE_MOVABLE = 3;
export const MAX_NR_ZONES = 4;
export const zone_names: readonly string[] = ["DMA", "DMA32", "Normal", "Movable"];

/** fpi_t flags for freeing: FPI_TO_TAIL forces tail placement (boot, onlining). @see mm/page_alloc.c */
export const FPI_NONE = 0;
export const FPI_TO_TAIL = 1 << 1;

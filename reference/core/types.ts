/**
 * Shared scalar types.
 *
 * Page frame numbers and sizes in pages are plain `number` (a 64 GiB machine has
 * 2^24 pages, far below 2^53). Virtual and physical byte addresses are `bigint`
 * because x86-64 addresses exceed 2^53.
 *
 * Differences from the design note: these are type aliases, not branded types,
 * so that a learner can write `pfn + 1` without casts; the names still document
 * intent in every signature.
 */

/** A page frame number: physical address >> PAGE_SHIFT. */
export type Pfn = number;
/** A buddy order: a block of 2^order pages. */
export type Order = number;
/** A virtual address (x86-64, 48 or 57 significant bits). */
export type Vaddr = bigint;
/** A physical address. */
export type Paddr = bigint;

/**
 * Simulated physical memory for page tables: a page's contents exist only once written.
 *
 * Every page is 512 64-bit words (a BigUint64Array), created on first write; reading a
 * page nobody wrote gives zeros, so a table page fresh from the allocator reads as 512
 * empty entries. Page-table pages come from a buddy zone (order 0, MIGRATE_UNMOVABLE, as
 * pte_alloc_one → __pte_alloc_one → alloc_pages(GFP_PGTABLE_USER) would) and go back to it.
 * The zone's pageblocks start UNMOVABLE, so no fallback (pageblock stealing) is needed.
 *
 * The state digest is kept incrementally: the XOR of a 32-bit hash of every non-zero
 * (pfn, index, value) word, updated on each write, so it is O(1) per write and does not
 * depend on the order of writes.
 *
 * Invariants: every page in `tableLevel` was allocated from `zone` and is not free there;
 * `digest` equals the XOR over all non-zero words (checked by snapshot tests).
 *
 * Differences from Linux: no struct ptdesc, no split page-table locks, no page-table
 * page reuse caches (pte_free_defer etc.); `pgtablesBytes` is per memory, not per mm.
 */

import { MIGRATE_UNMOVABLE } from "../core/constants.js";
import { Zone } from "../zone/zone.js";
import { zoneInitFree } from "../zone/init.js";
import { rmqueueSmallest } from "../buddy/rmqueue.js";
import { freeOnePage } from "../buddy/free-one-page.js";
import { getPageblockMigratetype } from "../zone/free-list.js";
import { PTRS_PER_TABLE } from "./pte.js";

export interface PhysMemConfig {
  /** first pfn and size of the zone table pages are allocated from */
  zoneStartPfn: number;
  spannedPages: number;
}

/** Physical memory: sparse page contents plus the zone that hands out table pages. @see mm/memory.c __pte_alloc */
export class PhysMem {
  readonly zone: Zone;
  /** contents of the pages written so far, by pfn */
  readonly pages = new Map<number, BigUint64Array>();
  /** page-table pages in use, by pfn, with the level of the table (1 = PTE … 5 = PGD) */
  readonly tableLevel = new Map<number, number>();
  /** XOR of the hashes of every non-zero word (see the module header) */
  digest = 0;

  constructor(cfg: PhysMemConfig) {
    this.zone = new Zone({ name: "Normal", zoneStartPfn: cfg.zoneStartPfn, spannedPages: cfg.spannedPages, initialMigratetype: MIGRATE_UNMOVABLE });
    zoneInitFree(this.zone);
  }

  /** mm->pgtables_bytes summed over everything mapped in this memory. */
  get pgtablesBytes(): number {
    return this.tableLevel.size * 4096;
  }
}

function wordHash(pfn: number, index: number, value: bigint): number {
  if (value === 0n) return 0;
  let h = Math.imul(pfn ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
  h = Math.imul(h ^ Number(value & 0xffffffffn), 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 15) ^ Number(value >> 32n), 0x165667b1);
  return (h ^ (h >>> 13)) >>> 0;
}

function checkWord(pfn: number, index: number, who: string): void {
  if (!Number.isInteger(pfn) || pfn < 0 || pfn >= 2 ** 40) throw new RangeError(`${who}: pfn ${pfn} out of range`);
  if (!Number.isInteger(index) || index < 0 || index >= PTRS_PER_TABLE) throw new RangeError(`${who}: index ${index} is not 0..511`);
}

/**
 * The 64-bit word `index` (0..511) of page `pfn`: a page-table entry when the page is a
 * table. Zero if the page was never written.
 * @see arch/x86/include/asm/pgtable.h native_pte_val (a load of the entry)
 */
export function readEntry(mem: PhysMem, pfn: number, index: number): bigint {
  checkWord(pfn, index, "readEntry");
  return mem.pages.get(pfn)?.[index] ?? 0n;
}

/**
 * Store `value` as word `index` of page `pfn`, creating the page's contents if needed.
 * @see arch/x86/include/asm/pgtable_64.h native_set_pte
 */
export function writeEntry(mem: PhysMem, pfn: number, index: number, value: bigint): void {
  checkWord(pfn, index, "writeEntry");
  const v = BigInt.asUintN(64, value);
  let page = mem.pages.get(pfn);
  if (!page) {
    if (v === 0n) return;
    page = new BigUint64Array(PTRS_PER_TABLE);
    mem.pages.set(pfn, page);
  }
  mem.digest = (mem.digest ^ wordHash(pfn, index, page[index]!) ^ wordHash(pfn, index, v)) >>> 0;
  page[index] = v;
}

/**
 * Allocate a zeroed page-table page for a level-`level` table from the zone's buddy
 * allocator. Returns its pfn. Throws when the zone has no free page (-ENOMEM).
 * @see mm/memory.c __pte_alloc (and pmd_alloc_one / pud_alloc_one / p4d_alloc_one)
 */
export function allocTablePage(mem: PhysMem, level: number): number {
  const pfn = rmqueueSmallest(mem.zone, 0, MIGRATE_UNMOVABLE);
  if (pfn < 0) throw new Error(`allocTablePage: out of memory for a level-${level} table`);
  clearPage(mem, pfn);
  mem.tableLevel.set(pfn, level);
  return pfn;
}

/**
 * Return a page-table page to the buddy allocator, clearing its contents first.
 * @see mm/memory.c free_pgd_range (pte_free_tlb → free the table page)
 */
export function freeTablePage(mem: PhysMem, pfn: number): void {
  if (!mem.tableLevel.has(pfn)) throw new Error(`freeTablePage: pfn 0x${pfn.toString(16)} is not a table page`);
  clearPage(mem, pfn);
  mem.tableLevel.delete(pfn);
  freeOnePage(mem.zone, pfn, 0, getPageblockMigratetype(mem.zone, pfn));
}

function clearPage(mem: PhysMem, pfn: number): void {
  const page = mem.pages.get(pfn);
  if (!page) return;
  for (let i = 0; i < PTRS_PER_TABLE; i++) if (page[i] !== 0n) writeEntry(mem, pfn, i, 0n);
  mem.pages.delete(pfn);
}

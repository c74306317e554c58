/**
 * Page tables as data: every table page with its level and non-zero entries, for reports
 * and for comparing two memories; and the 32-bit digest graders compare after each op.
 *
 * Differences from Linux: Linux has no such dump besides ptdump (arch/x86/mm/dump_pagetables.c),
 * which prints ranges, not raw entries.
 */

import { readEntry, type PhysMem } from "./physmem.js";
import { PTRS_PER_TABLE } from "./pte.js";

export interface TableSnapshot {
  pfn: number;
  /** 1 = PTE table … 5 = PGD (LA57) */
  level: number;
  /** [index, entry as hex] for every non-zero entry, by index */
  entries: [number, string][];
}

export interface PgtableSnapshot {
  tables: TableSnapshot[];
  pgtablesBytes: number;
}

/**
 * Every table page, by pfn, with its non-zero entries.
 * @see arch/x86/mm/dump_pagetables.c ptdump_walk_pgd_level (the closest kernel view)
 */
export function snapshotPageTables(mem: PhysMem): PgtableSnapshot {
  const tables: TableSnapshot[] = [];
  for (const pfn of [...mem.tableLevel.keys()].sort((a, b) => a - b)) {
    const entries: [number, string][] = [];
    for (let i = 0; i < PTRS_PER_TABLE; i++) {
      const e = readEntry(mem, pfn, i);
      if (e !== 0n) entries.push([i, `0x${e.toString(16)}`]);
    }
    tables.push({ pfn, level: mem.tableLevel.get(pfn)!, entries });
  }
  return { tables, pgtablesBytes: mem.pgtablesBytes };
}

/**
 * A 32-bit digest of memory contents and table pages (the incremental word digest mixed
 * with the number of table pages). Equal memories have equal digests.
 * @see reference/pgtable/physmem.ts (how the word digest is kept)
 */
export function pgtableDigest(mem: PhysMem): number {
  return (Math.imul(mem.digest ^ mem.tableLevel.size, 0x9e3779b1) ^ mem.tableLevel.size) >>> 0;
}

/**
 * Building page tables in simulated memory: a fresh top-level table, mapping a 4 KiB,
 * 2 MiB or 1 GiB page, looking up and changing the entry at one level, clearing A/D.
 * These are the kernel's set-up side (the walker only reads); graders and tests use them
 * to build the state a walk runs on.
 *
 * Intermediate entries get `tableFlags` (default P|RW|US: rights are narrowed at the leaf).
 *
 * Differences from Linux: Linux's _PAGE_TABLE presets A and D in intermediate entries so
 * the CPU never writes them; we leave them clear by default so the walker's A updates are
 * visible. Mapping over an existing entry is an error (xv6's "mappages: remap"), where Linux
 * would go through the fault or remap paths instead.
 */

import { allocTablePage, readEntry, writeEntry, type PhysMem } from "./physmem.js";
import { isCanonical, pxIndex } from "./va.js";
import { levelName } from "./levels.js";
import { _PAGE_ACCESSED, _PAGE_DIRTY, _PAGE_PRESENT, _PAGE_PSE, _PAGE_RW, _PAGE_USER, PTE_FLAGS_MASK, pteToPfn, pxLeaf } from "./pte.js";

/** P|RW|US: the default flags of an entry that points at a lower-level table. */
export const TABLE_FLAGS = _PAGE_PRESENT | _PAGE_RW | _PAGE_USER;

/** Leaf sizes by level: 1 = 4 KiB, 2 = 2 MiB, 3 = 1 GiB. */
export const LEAF_BYTES: Record<number, bigint> = { 1: 1n << 12n, 2: 1n << 21n, 3: 1n << 30n };

/**
 * Allocate an empty top-level table and return the CR3 value pointing at it.
 * @see mm/pgtable-generic.c pgd_alloc (arch/x86/mm/pgtable.c)
 */
export function newPageTable(mem: PhysMem, levels: number): bigint {
  return BigInt(allocTablePage(mem, levels)) << 12n;
}

/**
 * The pfn of the table at `level` on the path to `va`, allocating missing tables when
 * `alloc` (else undefined when one is missing). Throws if a huge leaf is in the way.
 */
function tableAt(mem: PhysMem, cr3: bigint, levels: number, va: bigint, level: number, alloc: boolean, tableFlags: bigint): number | undefined {
  let table = pteToPfn(cr3);
  for (let l = levels; l > level; l--) {
    const i = pxIndex(l, va);
    let e = readEntry(mem, table, i);
    if ((e & _PAGE_PRESENT) === 0n) {
      if (!alloc) return undefined;
      if (e !== 0n) throw new Error(`mapPage: ${levelName(l, levels)} entry for 0x${va.toString(16)} is not present but not empty`);
      e = (BigInt(allocTablePage(mem, l - 1)) << 12n) | tableFlags;
      writeEntry(mem, table, i, e);
    } else if (l <= 3 && pxLeaf(e)) {
      throw new Error(`mapPage: 0x${va.toString(16)} is already mapped by a ${l === 3 ? "1 GiB" : "2 MiB"} leaf`);
    }
    table = pteToPfn(e);
  }
  return table;
}

/**
 * Map the page of `LEAF_BYTES[level]` at `va` to physical `pa` with leaf `flags`, allocating
 * intermediate tables. `va` and `pa` must be aligned to the page size; PS is added for
 * 2 MiB and 1 GiB leaves. Throws on a remap or a misaligned or non-canonical address.
 * @see mm/memory.c __pte_alloc, set_pte_at (and set_pmd_at / set_pud_at for huge leaves)
 */
export function mapPage(mem: PhysMem, cr3: bigint, levels: number, va: bigint, pa: bigint, level: number, flags: bigint, tableFlags = TABLE_FLAGS): void {
  const size = LEAF_BYTES[level];
  if (size === undefined) throw new RangeError(`mapPage: leaves exist at levels 1..3, not ${level}`);
  if (!isCanonical(va, levels)) throw new RangeError(`mapPage: 0x${va.toString(16)} is not canonical`);
  if (va % size !== 0n || pa % size !== 0n || pa < 0n || pa >= 1n << 52n) throw new RangeError(`mapPage: va 0x${va.toString(16)} / pa 0x${pa.toString(16)} not aligned to the page size`);
  if ((flags & ~PTE_FLAGS_MASK) !== 0n) throw new RangeError(`mapPage: flags 0x${flags.toString(16)} overlap the address bits`);
  const table = tableAt(mem, cr3, levels, va, level, true, tableFlags)!;
  const i = pxIndex(level, va);
  if (readEntry(mem, table, i) !== 0n) throw new Error(`mapPage: remap of 0x${va.toString(16)}`);
  writeEntry(mem, table, i, pa | flags | (level > 1 ? _PAGE_PSE : 0n));
}

/**
 * Where the level-`level` entry for `va` lives: [table pfn, index], or undefined when a
 * table above it is missing or a huge leaf above it maps `va`.
 * @see mm/pagewalk.c walk_pgd_range (the software walk; no A/D updates)
 */
export function entrySlot(mem: PhysMem, cr3: bigint, levels: number, va: bigint, level: number): [number, number] | undefined {
  try {
    const table = tableAt(mem, cr3, levels, va, level, false, 0n);
    return table === undefined ? undefined : [table, pxIndex(level, va)];
  } catch {
    return undefined;
  }
}

/**
 * Set then clear bits in the level-`level` entry for `va` (any bits: this is the kernel
 * writing a raw entry, so tests can plant reserved bits); returns the new entry.
 * Throws when there is no such entry (a missing table or a huge leaf above it).
 * @see mm/mprotect.c change_pte_range (the entry update, without the TLB flush)
 */
export function protectEntry(mem: PhysMem, cr3: bigint, levels: number, va: bigint, level: number, set: bigint, clear: bigint): bigint {
  const slot = entrySlot(mem, cr3, levels, va, level);
  if (!slot) throw new Error(`protectEntry: no ${levelName(level, levels)} entry for 0x${va.toString(16)}`);
  const e = (readEntry(mem, slot[0], slot[1]) | set) & ~clear;
  writeEntry(mem, slot[0], slot[1], e);
  return e;
}

/**
 * Clear A and D in every entry of every table page; returns how many entries changed.
 * @see mm/vmscan.c folio_referenced (ptep_clear_flush_young does this one entry at a time)
 */
export function clearAccessed(mem: PhysMem): number {
  let n = 0;
  for (const pfn of [...mem.tableLevel.keys()].sort((a, b) => a - b)) {
    for (let i = 0; i < 512; i++) {
      const e = readEntry(mem, pfn, i);
      if ((e & (_PAGE_ACCESSED | _PAGE_DIRTY)) === 0n) continue;
      writeEntry(mem, pfn, i, e & ~(_PAGE_ACCESSED | _PAGE_DIRTY));
      n++;
    }
  }
  return n;
}

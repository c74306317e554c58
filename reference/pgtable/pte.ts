/**
 * x86-64 page-table entries: the 64-bit format, once, and named helpers.
 *
 * Every paging-structure entry (PGD/P4D/PUD/PMD/PTE) is one 64-bit word:
 *
 *   63  62..59  58 57  56..52   51 ..................... 12  11..9  8  7  6 5  4   3   2  1  0
 *   NX  PKEY    SW5 SW4 (ignored) physical address bits 51:12  SW3-1  G  PS D A PCD PWT US RW P
 *
 *   P    present: 0 means the MMU faults (bits 63..1 are the kernel's own: a swap entry,
 *        or PROT_NONE, which keeps P=0 with _PAGE_PROTNONE = the G bit position)
 *   RW   writable (effective only if set at every level; CR0.WP applies it to the kernel too)
 *   US   user-accessible (effective only if set at every level)
 *   A    accessed, D dirty: set by the CPU's walker (D only in the leaf entry)
 *   PS   in a PUD entry: a 1 GiB leaf; in a PMD entry: a 2 MiB leaf. In a 4 KiB PTE the same
 *        bit is PAT. In a huge leaf PAT moves to bit 12 (PAT_LARGE), so its address starts at
 *        bit 21 (2 MiB) or bit 30 (1 GiB).
 *   G    global (not flushed by a CR3 switch)
 *   PKEY protection key 0..15 (leaf entries of user pages; checked against PKRU)
 *   NX   no-execute (effective if set at any level)
 *
 * All values are bigint. Physical addresses have 52 bits (__PHYSICAL_MASK_SHIFT).
 *
 * Differences from Linux: we name the bits once here instead of through pteval_t and the
 * pte_*() accessors; there is no memory encryption (sme_me_mask) in the address mask.
 */

export const _PAGE_BIT_PRESENT = 0;
export const _PAGE_BIT_RW = 1;
export const _PAGE_BIT_USER = 2;
export const _PAGE_BIT_PWT = 3;
export const _PAGE_BIT_PCD = 4;
export const _PAGE_BIT_ACCESSED = 5;
export const _PAGE_BIT_DIRTY = 6;
export const _PAGE_BIT_PSE = 7;
export const _PAGE_BIT_GLOBAL = 8;
export const _PAGE_BIT_PAT_LARGE = 12;
export const _PAGE_BIT_PKEY_BIT0 = 59;
export const _PAGE_BIT_NX = 63;

export const _PAGE_PRESENT = 1n << 0n;
export const _PAGE_RW = 1n << 1n;
export const _PAGE_USER = 1n << 2n;
export const _PAGE_PWT = 1n << 3n;
export const _PAGE_PCD = 1n << 4n;
export const _PAGE_ACCESSED = 1n << 5n;
export const _PAGE_DIRTY = 1n << 6n;
export const _PAGE_PSE = 1n << 7n;
export const _PAGE_PAT = 1n << 7n;
export const _PAGE_GLOBAL = 1n << 8n;
export const _PAGE_PROTNONE = _PAGE_GLOBAL;
export const _PAGE_SPECIAL = 1n << 9n;
export const _PAGE_UFFD_WP = 1n << 10n;
export const _PAGE_SOFT_DIRTY = 1n << 11n;
export const _PAGE_PAT_LARGE = 1n << 12n;
export const _PAGE_PKEY_MASK = 0xfn << 59n;
export const _PAGE_NX = 1n << 63n;

/** __PHYSICAL_MASK_SHIFT: physical addresses have 52 bits. */
export const PHYSICAL_MASK_SHIFT = 52n;
/** PTE_PFN_MASK: address bits 51:12 of an entry that points at a table or a 4 KiB page. */
export const PTE_PFN_MASK = ((1n << PHYSICAL_MASK_SHIFT) - 1n) & ~0xfffn;
/** Address bits of a 2 MiB leaf (51:21) and of a 1 GiB leaf (51:30). */
export const PMD_PAGE_MASK = ((1n << PHYSICAL_MASK_SHIFT) - 1n) & ~((1n << 21n) - 1n);
export const PUD_PAGE_MASK = ((1n << PHYSICAL_MASK_SHIFT) - 1n) & ~((1n << 30n) - 1n);
/** Every bit that is not the address (flags, software bits, pkey, NX). */
export const PTE_FLAGS_MASK = ~PTE_PFN_MASK & 0xffff_ffff_ffff_ffffn;

/** Entries per table page. */
export const PTRS_PER_TABLE = 512;

/**
 * The pfn an entry points at (a table page, or a 4 KiB page).
 * @see arch/x86/include/asm/pgtable.h pte_pfn
 */
export function pteToPfn(pte: bigint): number {
  return Number((pte & PTE_PFN_MASK) >> 12n);
}

/**
 * The physical address an entry points at, bits 51:12.
 * @see arch/x86/include/asm/pgtable_types.h pte_val (with PTE_PFN_MASK)
 */
export function pteToPaddr(pte: bigint): bigint {
  return pte & PTE_PFN_MASK;
}

/**
 * An entry for `pfn` with `flags` (flags outside PTE_FLAGS_MASK are an error).
 * @see arch/x86/include/asm/pgtable.h pfn_pte
 */
export function pfnPte(pfn: number, flags: bigint): bigint {
  if (!Number.isInteger(pfn) || pfn < 0 || pfn >= 2 ** 40) throw new RangeError(`pfnPte: pfn ${pfn} out of range`);
  if ((flags & ~PTE_FLAGS_MASK) !== 0n) throw new RangeError(`pfnPte: flags 0x${flags.toString(16)} overlap the address bits`);
  return (BigInt(pfn) << 12n) | flags;
}

/**
 * The flag bits of an entry (everything but bits 51:12).
 * @see arch/x86/include/asm/pgtable_types.h pte_flags
 */
export function pteFlags(pte: bigint): bigint {
  return pte & PTE_FLAGS_MASK;
}

/**
 * The protection key of a leaf entry (bits 62:59).
 * @see arch/x86/include/asm/pgtable.h pte_flags_pkey
 */
export function ptePkey(pte: bigint): number {
  return Number((pte & _PAGE_PKEY_MASK) >> 59n);
}

/** Flag bits for protection key `pkey` (0..15). @see arch/x86/include/asm/pgtable_types.h _PAGE_PKEY */
export function pkeyFlags(pkey: number): bigint {
  if (!Number.isInteger(pkey) || pkey < 0 || pkey > 15) throw new RangeError(`pkeyFlags: pkey ${pkey} is not 0..15`);
  return BigInt(pkey) << 59n;
}

/** Is bit P set? @see arch/x86/include/asm/pgtable.h pte_present */
export function ptePresent(pte: bigint): boolean {
  return (pte & _PAGE_PRESENT) !== 0n;
}

/** Is this PMD or PUD entry a huge leaf (P and PS set)? @see arch/x86/include/asm/pgtable.h pmd_leaf */
export function pxLeaf(entry: bigint): boolean {
  return (entry & (_PAGE_PRESENT | _PAGE_PSE)) === (_PAGE_PRESENT | _PAGE_PSE);
}

const FLAG_NAMES: [bigint, string][] = [
  [_PAGE_PRESENT, "P"], [_PAGE_RW, "RW"], [_PAGE_USER, "US"], [_PAGE_PWT, "PWT"], [_PAGE_PCD, "PCD"],
  [_PAGE_ACCESSED, "A"], [_PAGE_DIRTY, "D"], [_PAGE_PSE, "PS"], [_PAGE_GLOBAL, "G"], [_PAGE_SPECIAL, "SW1"],
  [_PAGE_UFFD_WP, "SW2"], [_PAGE_SOFT_DIRTY, "SW3"], [_PAGE_NX, "NX"],
];

/** The entry's flags as names, e.g. "P RW US A D NX pkey=3" ("-" when none). @see arch/x86/mm/dump_pagetables.c printk_prot */
export function describePteFlags(pte: bigint): string {
  const names = FLAG_NAMES.filter(([bit]) => (pte & bit) !== 0n).map(([, n]) => n);
  const pkey = ptePkey(pte);
  if (pkey) names.push(`pkey=${pkey}`);
  return names.length ? names.join(" ") : "-";
}

/** An entry as hex, e.g. "0x8000000000123067". @see arch/x86/mm/fault.c dump_pagetable */
export function hexPte(pte: bigint): string {
  return `0x${pte.toString(16)}`;
}

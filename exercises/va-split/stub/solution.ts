/**
 * Virtual address split: table indices and canonical addresses  (mmkata kata "va-split")
 *
 * Implement every function below: replace each `throw` with your code.
 *   npm test         runs the public tests (npm run test:watch re-runs them on save)
 *   npm run grade    grades your solution against the hidden suite
 */

import { PAGE_SHIFT, PTRS_PER_TABLE } from "mmkata/kata";

/**
 * Return the index (0..511) into the level-`level` page table for `va`. Levels count from
 * the leaf: 1 = PTE, 2 = PMD, 3 = PUD, 4 = P4D (the PGD with 4-level paging), 5 = PGD with
 * 5-level paging.
 *
 * @param level 1..5
 * @param va a virtual address as an unsigned 64-bit bigint
 * @returns the 9-bit table index
 * @see arch/x86/include/asm/pgtable.h pgd_index
 */
export function pxIndex(level: number, va: bigint): number {
  throw new Error("pxIndex: not implemented yet");
}

/**
 * Return the offset of `va` inside the page a level-`level` leaf maps: 4 KiB (level 1), 2
 * MiB (level 2) or 1 GiB (level 3).
 *
 * @param level 1..3
 * @param va a virtual address as an unsigned 64-bit bigint
 * @returns the low 12, 21 or 30 bits of va
 * @see arch/x86/include/asm/page_types.h PAGE_MASK
 */
export function pageOffset(level: number, va: bigint): bigint {
  throw new Error("pageOffset: not implemented yet");
}

/**
 * Is `va` canonical with `levels`-level paging: are bits 63..47 (4-level) or 63..56
 * (5-level) all equal?
 *
 * @param va a virtual address as an unsigned 64-bit bigint
 * @param levels 4 or 5
 * @see arch/x86/include/asm/page.h __is_canonical_address
 */
export function isCanonical(va: bigint, levels: number): boolean {
  throw new Error("isCanonical: not implemented yet");
}

/**
 * Return `va` made canonical: bit 47 (4-level) or bit 56 (5-level) copied into every bit
 * above it, as an unsigned 64-bit bigint.
 *
 * @param va a virtual address as an unsigned 64-bit bigint
 * @param levels 4 or 5
 * @returns the sign-extended address, 0 <= result < 2^64
 * @see arch/x86/include/asm/page.h __canonical_address
 */
export function canonicalize(va: bigint, levels: number): bigint {
  throw new Error("canonicalize: not implemented yet");
}

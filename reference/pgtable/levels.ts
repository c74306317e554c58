/**
 * Paging levels of x86-64: numbering, shifts and names, for 4-level and 5-level (LA57).
 *
 * Levels are numbered from the leaf up, as xv6 and the hardware manuals do:
 *   level 1 = PTE (4 KiB), 2 = PMD (2 MiB), 3 = PUD (1 GiB), 4 = P4D, 5 = PGD.
 * With 4-level paging the P4D is folded (PTRS_PER_P4D = 1) and level 4 is the PGD, indexed
 * by VA bits 47:39; with 5-level paging level 5 is the PGD (bits 56:48) and level 4 the P4D.
 * Level L is indexed by the 9 VA bits starting at bit 12 + 9·(L−1).
 *
 * Differences from Linux: Linux keeps pgd/p4d/pud/pmd/pte as distinct C types and folds
 * the P4D at compile or boot time; here one numbering covers both modes.
 */

export const PTE_LEVEL = 1;
export const PMD_LEVEL = 2;
export const PUD_LEVEL = 3;
export const P4D_LEVEL = 4;
export const PGD_LEVEL_LA57 = 5;

/** Shifts of the mapping size at each level (pgtable_64_types.h). */
export const PMD_SHIFT = 21;
export const PUD_SHIFT = 30;
export const P4D_SHIFT = 39;
/** PGDIR_SHIFT: 39 with 4-level paging, 48 with 5-level. */
export const PGDIR_SHIFT_4LEVEL = 39;
export const PGDIR_SHIFT_5LEVEL = 48;

/**
 * log2 of the bytes one entry at `level` maps: 12, 21, 30, 39, 48.
 * @see arch/x86/include/asm/pgtable_64_types.h PMD_SHIFT / PUD_SHIFT / P4D_SHIFT / PGDIR_SHIFT
 */
export function levelShift(level: number): number {
  checkLevel(level, "levelShift");
  return 12 + 9 * (level - 1);
}

/** Throws a RangeError unless `level` is 1..5. @see arch/x86/include/asm/pgtable_64_types.h */
export function checkLevel(level: number, who: string): void {
  if (!Number.isInteger(level) || level < 1 || level > 5) throw new RangeError(`${who}: level ${level} is not 1..5`);
}

/** Throws a RangeError unless `levels` is 4 or 5. @see arch/x86/include/asm/pgtable_64_types.h pgtable_l5_enabled */
export function checkLevels(levels: number, who: string): void {
  if (levels !== 4 && levels !== 5) throw new RangeError(`${who}: paging has 4 or 5 levels, not ${levels}`);
}

/**
 * Linux's name for the table at `level` in a `levels`-level hierarchy ("PGD", "P4D", "PUD", …).
 * @see include/linux/pgtable.h (pgd_t, p4d_t, pud_t, pmd_t, pte_t)
 */
export function levelName(level: number, levels: number): string {
  if (level === levels) return "PGD";
  return ["", "PTE", "PMD", "PUD", "P4D"][level] ?? `level ${level}`;
}

/** Number of significant VA bits: 48 (4-level) or 57 (5-level). @see arch/x86/include/asm/page_64_types.h __VIRTUAL_MASK_SHIFT */
export function vaBits(levels: number): number {
  checkLevels(levels, "vaBits");
  return levels === 5 ? 57 : 48;
}

// @ts-check
/**
 * The MMU's page walk: translation, A/D bits and #PF error codes  (mmkata kata "page-table-walk")
 *
 * Implement every function below: replace each `throw` with your code.
 *   npm test         runs the public tests (npm run test:watch re-runs them on save)
 *   npm run grade    grades your solution against the hidden suite
 */

import {
  PhysMem,
  MmuRegs,
  Access,
  WalkResult,
  readEntry,
  writeEntry,
  pxIndex,
  pageOffset,
  isCanonical,
  pteToPfn,
  ptePkey,
  PTE_PFN_MASK,
  PMD_PAGE_MASK,
  PUD_PAGE_MASK,
  _PAGE_PRESENT,
  _PAGE_RW,
  _PAGE_USER,
  _PAGE_ACCESSED,
  _PAGE_DIRTY,
  _PAGE_PSE,
  _PAGE_NX,
  X86_PF_PROT,
  X86_PF_RSVD,
  X86_PF_PK,
} from "mmkata/kata";

/**
 * Translate `va` for `access` the way the x86-64 MMU does on a TLB miss: from the table at
 * regs.cr3, read one entry per level (4 levels, or 5 when regs.la57), stop at a 2 MiB or 1
 * GiB leaf (PS set in a PMD or PUD entry) or at the PTE. Return
 * WalkResult.generalProtection() for a non-canonical address,
 * WalkResult.pageFault(errorCode) for a not-present entry, a reserved bit or a denied
 * access, else WalkResult.ok(physical address), after setting A in every entry used and D in
 * the leaf for a write.
 *
 * @param {PhysMem} mem simulated physical memory holding the tables (readEntry / writeEntry)
 * @param {MmuRegs} regs cr3 (top table's physical address), la57 (5-level paging) and pkru
 * @param {bigint} va the virtual address, unsigned 64-bit
 * @param {Access} access write, user (CPL 3) and fetch (instruction fetch) flags; errorBits gives their #PF bits
 * @returns {WalkResult} ok(pa), pageFault(errorCode) or generalProtection()
 * @see arch/x86/mm/fault.c do_user_addr_fault (the walk itself is the CPU's: Intel SDM vol. 3A §4.5)
 */
export function walk(mem, regs, va, access) {
  throw new Error("walk: not implemented yet");
}

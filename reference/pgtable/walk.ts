/**
 * The MMU's page walk, in software: what the CPU does on a TLB miss. The kata
 * `page-table-walk` asks for exactly this function, so this module holds nothing else.
 *
 * From CR3 the walker reads one entry per level (pxIndex picks it), top level first:
 *   - a non-canonical address never gets walked: #GP;
 *   - an entry with P=0 ends the walk: #PF with P=0 in the error code;
 *   - a present entry with a reserved bit set ends it: #PF with P and RSVD (here: PS in a
 *     PGD/P4D entry, bits 20:13 of a 2 MiB leaf, bits 29:13 of a 1 GiB leaf);
 *   - PS in a PUD entry is a 1 GiB leaf, in a PMD entry a 2 MiB leaf; level 1 is always a leaf.
 * Rights combine over all the entries used: writable only if RW at every level, user only
 * if US at every level, no-execute if NX at any level. The access then faults (P=1) when a
 * user access meets a supervisor page, a write meets a read-only page, a fetch meets NX, or
 * a data access to a user page is denied by PKRU (which also sets PK).
 * On success the walker sets A in every entry it used and, for a write, D in the leaf; the
 * physical address is the leaf's address bits plus the page offset.
 *
 * Differences from hardware: A and D are written only when the translation succeeds, so a
 * fault leaves memory unchanged (real CPUs may set A in upper levels before faulting); no
 * TLB or paging-structure caches; see mmu.ts for the fixed control-register bits.
 */

import { readEntry, writeEntry, type PhysMem } from "./physmem.js";
import { pxIndex, pageOffset, isCanonical } from "./va.js";
import { Access, MmuRegs, WalkResult, X86_PF_PK, X86_PF_PROT, X86_PF_RSVD } from "./mmu.js";
import {
  _PAGE_ACCESSED, _PAGE_DIRTY, _PAGE_NX, _PAGE_PRESENT, _PAGE_PSE, _PAGE_RW, _PAGE_USER,
  PMD_PAGE_MASK, PTE_PFN_MASK, PUD_PAGE_MASK, pteToPfn, ptePkey,
} from "./pte.js";

/** Reserved bits of a present entry at `level` (for a leaf when `leaf`). */
function reservedBits(level: number, leaf: boolean): bigint {
  if (level >= 4) return _PAGE_PSE;
  if (leaf && level === 3) return ((1n << 30n) - 1n) & ~((1n << 13n) - 1n);
  if (leaf && level === 2) return ((1n << 21n) - 1n) & ~((1n << 13n) - 1n);
  return 0n;
}

/** Does PKRU deny this data access to a page with protection key `pkey`? */
function pkeyDenies(pkru: number, pkey: number, access: Access): boolean {
  const ad = (pkru >>> (2 * pkey)) & 1;
  const wd = (pkru >>> (2 * pkey + 1)) & 1;
  return ad === 1 || (access.write && wd === 1);
}

const leafMask = (level: number): bigint => (level === 3 ? PUD_PAGE_MASK : level === 2 ? PMD_PAGE_MASK : PTE_PFN_MASK);

/**
 * Translate `va` for `access` through the tables in `mem` rooted at `regs.cr3`, with 4- or
 * 5-level paging (`regs.la57`). Returns WalkResult.ok(pa), WalkResult.pageFault(errorCode)
 * or WalkResult.generalProtection(). Sets A on every entry used and D on the leaf for a
 * write, only when the translation succeeds.
 * @see arch/x86/mm/fault.c (the error code the hardware walk produces; the walk itself is
 *      the CPU's — Intel SDM vol. 3A §4.5, mirrored in software by mm/pagewalk.c walk_page_range)
 */
export function walk(mem: PhysMem, regs: MmuRegs, va: bigint, access: Access): WalkResult {
  const levels = regs.levels;
  if (!isCanonical(va, levels)) return WalkResult.generalProtection();
  const used: [number, number][] = [];
  let table = pteToPfn(regs.cr3);
  let rw = true;
  let user = true;
  let nx = false;
  for (let level = levels; level >= 1; level--) {
    const index = pxIndex(level, va);
    const e = readEntry(mem, table, index);
    used.push([table, index]);
    if ((e & _PAGE_PRESENT) === 0n) return WalkResult.pageFault(access.errorBits);
    const leaf = level === 1 || (level <= 3 && (e & _PAGE_PSE) !== 0n);
    if ((e & reservedBits(level, leaf)) !== 0n) return WalkResult.pageFault(X86_PF_PROT | X86_PF_RSVD | access.errorBits);
    rw &&= (e & _PAGE_RW) !== 0n;
    user &&= (e & _PAGE_USER) !== 0n;
    nx ||= (e & _PAGE_NX) !== 0n;
    if (leaf) return finish(mem, regs, va, access, used, e, level, { rw, user, nx });
    table = pteToPfn(e);
  }
  throw new Error("walk: unreachable (level 1 is always a leaf)");
}

/** Permission checks on the combined rights, then A/D updates and the physical address. */
function finish(mem: PhysMem, regs: MmuRegs, va: bigint, access: Access, used: [number, number][], leaf: bigint, level: number, r: { rw: boolean; user: boolean; nx: boolean }): WalkResult {
  const pk = !access.fetch && r.user && pkeyDenies(regs.pkru, ptePkey(leaf), access);
  const denied = (access.user && !r.user) || (access.write && !r.rw) || (access.fetch && r.nx) || pk;
  if (denied) return WalkResult.pageFault(X86_PF_PROT | access.errorBits | (pk ? X86_PF_PK : 0));
  used.forEach(([pfn, index], i) => {
    const e = readEntry(mem, pfn, index);
    const last = i === used.length - 1;
    const set = _PAGE_ACCESSED | (last && access.write ? _PAGE_DIRTY : 0n);
    if ((e & set) !== set) writeEntry(mem, pfn, index, e | set);
  });
  return WalkResult.ok((leaf & leafMask(level)) | pageOffset(level, va));
}

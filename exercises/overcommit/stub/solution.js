// @ts-check
/**
 * Overcommit: __vm_enough_memory, CommitLimit and accountable mappings  (mmkata kata "overcommit")
 *
 * Implement every function below: replace each `throw` with your code.
 *   npm test         runs the public tests (npm run test:watch re-runs them on save)
 *   npm run grade    grades your solution against the hidden suite
 */

import {
  VmAcct,
  AcctMm,
  OVERCOMMIT_GUESS,
  OVERCOMMIT_ALWAYS,
  OVERCOMMIT_NEVER,
  ENOMEM,
  PROT_READ,
  PROT_WRITE,
  PROT_EXEC,
  MAP_SHARED,
  MAP_NORESERVE,
  VM_READ,
  VM_WRITE,
  VM_EXEC,
  VM_SHARED,
  VM_MAYSHARE,
  VM_NORESERVE,
  vmAcctMemory,
  vmUnacctMemory,
  committedAs,
  hugetlbTotalPages,
  kbToPages,
} from "mmkata/kata";

/**
 * The most memory that may be committed under overcommit_memory 2, in pages (/proc/meminfo
 * CommitLimit): overcommit_kbytes converted to pages if it is set, else (totalram − hugetlb
 * pages) × overcommit_ratio / 100 rounded down; plus the swap pages.
 *
 * @param {VmAcct} vm sysctls, memory totals and Committed_AS
 * @returns {number} pages
 * @see mm/util.c vm_commit_limit
 */
export function vmCommitLimit(vm) {
  throw new Error("vmCommitLimit: not implemented yet");
}

/**
 * Charge `pages` to Committed_AS (vmAcctMemory) and decide: mode 1 always 0; mode 0 ENOMEM
 * only if this one request exceeds totalram + swap; mode 2: allowed = vmCommitLimit, minus
 * the admin reserve (in pages) without CAP_SYS_ADMIN, minus min(mm.totalVm / 32, user
 * reserve in pages) when there is an mm; 0 iff committedAs(vm) < allowed. On ENOMEM take the
 * charge back (vmUnacctMemory).
 *
 * @param {VmAcct} vm the machine's accounting state (mutated)
 * @param {AcctMm} mm the caller's address space, or null
 * @param {number} pages pages to commit, ≥ 1
 * @param {boolean} capSysAdmin the caller has CAP_SYS_ADMIN
 * @returns {number} 0 or ENOMEM (-12)
 * @see mm/util.c __vm_enough_memory
 */
export function vmEnoughMemory(vm, mm, pages, capSysAdmin) {
  throw new Error("vmEnoughMemory: not implemented yet");
}

/**
 * Is a new mapping with these vm_flags charged to Committed_AS? Never for a hugetlbfs file;
 * otherwise exactly when VM_WRITE is set and VM_SHARED and VM_NORESERVE are not.
 *
 * @param {boolean} hugetlb the mapping is of a hugetlbfs file
 * @param {number} vmFlags the mapping's vm_flags
 * @returns {boolean}
 * @see mm/mmap.c accountable_mapping
 */
export function accountableMapping(hugetlb, vmFlags) {
  throw new Error("accountableMapping: not implemented yet");
}

/**
 * The vm_flags mmap gives a new mapping, the bits accounting reads only:
 * VM_READ/VM_WRITE/VM_EXEC from prot; VM_SHARED | VM_MAYSHARE for MAP_SHARED; VM_NORESERVE
 * for MAP_NORESERVE unless overcommitMemory is OVERCOMMIT_NEVER, and always for
 * MAP_NORESERVE on a hugetlbfs file.
 *
 * @param {number} prot PROT_* bits
 * @param {number} flags MAP_* bits
 * @param {number} overcommitMemory vm.overcommit_memory: 0, 1 or 2
 * @param {boolean} hugetlb the file is on hugetlbfs
 * @returns {number} vm_flags
 * @see mm/mmap.c do_mmap
 */
export function mmapVmFlags(prot, flags, overcommitMemory, hugetlb) {
  throw new Error("mmapVmFlags: not implemented yet");
}

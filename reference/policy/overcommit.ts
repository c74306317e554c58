/**
 * Overcommit: may a process commit more memory? The kata `overcommit` asks for exactly
 * these functions, so this module holds nothing else: the commit limit, the
 * __vm_enough_memory() decision for the three vm.overcommit_memory modes, which mappings
 * are charged at all, and how mmap turns MAP_NORESERVE into VM_NORESERVE.
 *
 *   CommitLimit = (overcommit_kbytes ? kbytes/4 : (totalram − hugetlb) · ratio / 100) + swap
 *   mode 1: always yes.   mode 0: no iff this one request > totalram + swap.
 *   mode 2: allowed = CommitLimit − admin reserve (without CAP_SYS_ADMIN)
 *           − min(total_vm / 32, user reserve); yes iff Committed_AS (already including
 *           the request) < allowed.
 *
 * Worked example: 1,000,000 pages of RAM, 250,000 of swap, ratio 50: CommitLimit is
 * 500,000 + 250,000 = 750,000 pages. The boot-time reserves are min(4,000,000 kB / 32,
 * 8 MiB) = 2048 pages (admin) and min(125,000 kB, 128 MiB) = 31,250 pages (user). An
 * unprivileged process with total_vm 64,000 loses min(64000 / 32, 31,250) = 2000 more, so
 * it may commit while Committed_AS stays below 750,000 − 2048 − 2000 = 745,952.
 *
 * Differences from Linux: see vm-acct.ts (exact counter, no per-CPU batch); the
 * "not enough memory" warning is not printed; hugetlbfs files are one flag.
 */

import {
  ENOMEM,
  MAP_NORESERVE,
  MAP_SHARED,
  OVERCOMMIT_ALWAYS,
  OVERCOMMIT_GUESS,
  OVERCOMMIT_NEVER,
  PROT_EXEC,
  PROT_READ,
  PROT_WRITE,
  VM_EXEC,
  VM_MAYSHARE,
  VM_NORESERVE,
  VM_READ,
  VM_SHARED,
  VM_WRITE,
  committedAs,
  hugetlbTotalPages,
  kbToPages,
  vmAcctMemory,
  vmUnacctMemory,
  type AcctMm,
  type VmAcct,
} from "./vm-acct.js";

/**
 * The most memory that may be committed in mode 2, in pages (/proc/meminfo CommitLimit).
 * @see mm/util.c vm_commit_limit
 */
export function vmCommitLimit(vm: VmAcct): number {
  const allowed = vm.overcommitKbytes
    ? kbToPages(vm.overcommitKbytes)
    : Math.floor(((vm.totalramPages - hugetlbTotalPages(vm)) * vm.overcommitRatio) / 100);
  return allowed + vm.totalSwapPages;
}

/**
 * Charge `pages` to Committed_AS and decide whether the commitment may stand: 0, or
 * ENOMEM (-12) after taking the charge back. `mm` is the caller's address space (null for
 * a kernel-internal charge: no user reserve); `capSysAdmin` spares the admin reserve.
 * @see mm/util.c __vm_enough_memory
 */
export function vmEnoughMemory(vm: VmAcct, mm: AcctMm | null, pages: number, capSysAdmin: boolean): number {
  vmAcctMemory(vm, pages);
  if (vm.overcommitMemory === OVERCOMMIT_ALWAYS) return 0;
  if (vm.overcommitMemory === OVERCOMMIT_GUESS) {
    if (pages <= vm.totalramPages + vm.totalSwapPages) return 0;
  } else {
    let allowed = vmCommitLimit(vm);
    if (!capSysAdmin) allowed -= kbToPages(vm.adminReserveKbytes);
    if (mm) allowed -= Math.min(Math.floor(mm.totalVm / 32), kbToPages(vm.userReserveKbytes));
    if (committedAs(vm) < allowed) return 0;
  }
  vmUnacctMemory(vm, pages);
  return ENOMEM;
}

/**
 * Is a mapping with these vm_flags charged to Committed_AS? Only private writable ones
 * without VM_NORESERVE; hugetlbfs files never (hugetlb reserves its own pages).
 * @see mm/mmap.c accountable_mapping
 */
export function accountableMapping(hugetlb: boolean, vmFlags: number): boolean {
  if (hugetlb) return false;
  return (vmFlags & (VM_NORESERVE | VM_SHARED | VM_WRITE)) === VM_WRITE;
}

/**
 * The vm_flags mmap gives a new mapping (only the bits accounting reads): VM_READ,
 * VM_WRITE, VM_EXEC from `prot`; VM_SHARED | VM_MAYSHARE for MAP_SHARED; VM_NORESERVE
 * for MAP_NORESERVE unless overcommit_memory is 2 (NEVER), and always for a hugetlbfs file.
 * @see mm/mmap.c do_mmap
 */
export function mmapVmFlags(prot: number, flags: number, overcommitMemory: number, hugetlb: boolean): number {
  let vmFlags = 0;
  if (prot & PROT_READ) vmFlags |= VM_READ;
  if (prot & PROT_WRITE) vmFlags |= VM_WRITE;
  if (prot & PROT_EXEC) vmFlags |= VM_EXEC;
  if (flags & MAP_SHARED) vmFlags |= VM_SHARED | VM_MAYSHARE;
  if (flags & MAP_NORESERVE) {
    if (overcommitMemory !== OVERCOMMIT_NEVER) vmFlags |= VM_NORESERVE;
    if (hugetlb) vmFlags |= VM_NORESERVE;
  }
  return vmFlags;
}

/**
 * The state overcommit accounting works on: the vm.overcommit_* and reserve sysctls,
 * the memory totals they are measured against (totalram_pages, hugetlb pages, swap), and
 * vm_committed_as — the pages every accountable mapping has promised (Committed_AS).
 * Also the constants of mmap's prot/flags and vm_flags the accounting rule reads, and the
 * /proc/meminfo lines.
 *
 *   sysctls: overcommit_memory 0 (GUESS, default) | 1 (ALWAYS) | 2 (NEVER);
 *   overcommit_ratio 50; overcommit_kbytes 0 (writing one zeroes the other);
 *   user_reserve_kbytes = min(free kB / 32, 128 MiB); admin_reserve_kbytes =
 *   min(free kB / 32, 8 MiB), both computed at boot from NR_FREE_PAGES.
 *
 * Differences from Linux: vm_committed_as is one exact counter, not a per-CPU counter
 * with a batch (so a mode-2 decision is never off by batch × CPUs); hugetlb pages are a
 * number, not hstates; the caller's credentials are one CAP_SYS_ADMIN flag.
 */

import { PAGE_SHIFT } from "../core/constants.js";

export const OVERCOMMIT_GUESS = 0;
export const OVERCOMMIT_ALWAYS = 1;
export const OVERCOMMIT_NEVER = 2;

export const ENOMEM = -12;

/** include/uapi/asm-generic/mman-common.h */
export const PROT_READ = 0x1;
export const PROT_WRITE = 0x2;
export const PROT_EXEC = 0x4;
export const MAP_SHARED = 0x01;
export const MAP_PRIVATE = 0x02;
export const MAP_ANONYMOUS = 0x20;
export const MAP_NORESERVE = 0x4000;

/** include/linux/mm.h */
export const VM_READ = 0x1;
export const VM_WRITE = 0x2;
export const VM_EXEC = 0x4;
export const VM_SHARED = 0x8;
export const VM_MAYSHARE = 0x80;
export const VM_ACCOUNT = 0x00100000;
export const VM_NORESERVE = 0x00200000;

/** The machine-wide accounting state (what mm/util.c's globals hold). */
export class VmAcct {
  overcommitMemory = OVERCOMMIT_GUESS;
  overcommitRatio = 50;
  overcommitKbytes = 0;
  adminReserveKbytes: number;
  userReserveKbytes: number;
  /** vm_committed_as, in pages; may go transiently negative in Linux, never here */
  committed = 0;
  hugetlbPages = 0;

  constructor(
    /** totalram_pages(): managed pages */
    readonly totalramPages: number,
    /** total_swap_pages */
    readonly totalSwapPages: number,
    /** NR_FREE_PAGES at boot, for the reserves */
    freePages: number = totalramPages,
  ) {
    const freeKb = freePages * (1 << (PAGE_SHIFT - 10));
    this.userReserveKbytes = Math.min(Math.floor(freeKb / 32), 128 * 1024);
    this.adminReserveKbytes = Math.min(Math.floor(freeKb / 32), 8 * 1024);
  }
}

/** One address space's part: its total_vm (pages mapped). */
export class AcctMm {
  constructor(
    readonly id: number,
    /** mm->total_vm, in pages */
    public totalVm = 0,
  ) {}
}

/** Add `pages` to vm_committed_as. @see include/linux/mman.h vm_acct_memory */
export function vmAcctMemory(vm: VmAcct, pages: number): void {
  vm.committed += pages;
}

/** Take `pages` back from vm_committed_as. @see include/linux/mman.h vm_unacct_memory */
export function vmUnacctMemory(vm: VmAcct, pages: number): void {
  vm.committed -= pages;
}

/** vm_committed_as as __vm_enough_memory reads it (never below 0). @see include/linux/percpu_counter.h percpu_counter_read_positive */
export function committedAs(vm: VmAcct): number {
  return Math.max(0, vm.committed);
}

/** Pages reserved for huge pages, which the commit limit leaves out. @see mm/hugetlb.c hugetlb_total_pages */
export function hugetlbTotalPages(vm: VmAcct): number {
  return vm.hugetlbPages;
}

/** kB to pages, as `kbytes >> (PAGE_SHIFT - 10)`. */
export function kbToPages(kb: number): number {
  return Math.floor(kb / (1 << (PAGE_SHIFT - 10)));
}

/**
 * Write one vm.* sysctl as /proc/sys/vm does: overcommit_memory accepts 0..2, the rest
 * any non-negative integer; writing overcommit_ratio zeroes overcommit_kbytes and vice
 * versa. Returns 0 or -EINVAL (-22).
 * @see mm/util.c overcommit_ratio_handler / overcommit_kbytes_handler / overcommit_policy_handler
 */
export function writeVmSysctl(vm: VmAcct, name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) return -22;
  switch (name) {
    case "overcommit_memory":
      if (value > 2) return -22;
      vm.overcommitMemory = value;
      return 0;
    case "overcommit_ratio":
      vm.overcommitRatio = value;
      vm.overcommitKbytes = 0;
      return 0;
    case "overcommit_kbytes":
      vm.overcommitKbytes = value;
      vm.overcommitRatio = 0;
      return 0;
    case "admin_reserve_kbytes":
      vm.adminReserveKbytes = value;
      return 0;
    case "user_reserve_kbytes":
      vm.userReserveKbytes = value;
      return 0;
    default:
      throw new Error(`writeVmSysctl: unknown sysctl vm.${name}`);
  }
}

/**
 * The CommitLimit and Committed_AS lines of /proc/meminfo for a given commit limit.
 * @see fs/proc/meminfo.c meminfo_proc_show
 */
export function meminfoCommitLines(commitLimitPages: number, vm: VmAcct): string {
  const kb = (p: number): string => `${String(p * (1 << (PAGE_SHIFT - 10))).padStart(8)} kB`;
  return `CommitLimit:    ${kb(commitLimitPages)}\nCommitted_AS:   ${kb(committedAs(vm))}\n`;
}

/**
 * `mmkata/kata`: the kernel helpers a kata solution may call.
 *
 * This is the surface the learner's code imports. It holds the zone model and
 * the small helpers the kernel's own allocator code calls (list insertion and
 * removal, PageBuddy and order, pageblock migratetypes, accounting), and
 * never the functions a kata asks you to write. When your code is graded it
 * runs against a build of the reference in which the kata's target functions
 * are removed, so importing them from elsewhere does not help.
 */

export * from "./core/constants.js";
export type { Pfn, Order } from "./core/types.js";
export { KernelBug, BUG, BUG_ON, hexPfn } from "./core/assert.js";
export { Zone, PG_buddy, PG_reserved, type ZoneConfig } from "./zone/zone.js";
export {
  pageBuddy,
  setPageBuddy,
  clearPageBuddy,
  buddyOrder,
  setPagePrivate,
  setBuddyOrder,
  getPageblockMigratetype,
  setPageblockMigratetype,
  changePageblockRange,
  migratetypeIsMergeable,
  accountFreepages,
  addToFreeList,
  delPageFromFreeListNoAccount,
  delPageFromFreeList,
  getPageFromFreeArea,
  freeListPfns,
  onFreeList,
  pageIsBuddy,
} from "./zone/free-list.js";
export { findBuddyPfn, combinedPfn } from "./buddy/find-buddy.js";
export { buildZone, type ZoneSetup, type FreeBlock } from "./zone/setup.js";

// ---- zone watermarks (kata zone-watermarks, watermark-check): zone type, watermark
// indices and accessors, ALLOC_* flags, sysctl defaults, mult_frac / int_sqrt
export { zoneIdx } from "./zone/zone.js";
export * from "./zone/alloc-flags.js";

// ---- pgtable (kata va-split, page-table-walk): x86-64 PTE bits and helpers, paging
// levels, simulated physical memory, the walker's registers/access/result, table building
export * from "./pgtable/pte.js";
export * from "./pgtable/levels.js";
export { PhysMem, type PhysMemConfig, readEntry, writeEntry, allocTablePage, freeTablePage } from "./pgtable/physmem.js";
export { X86_PF_PROT, X86_PF_WRITE, X86_PF_USER, X86_PF_RSVD, X86_PF_INSTR, X86_PF_PK, MmuRegs, Access, WalkResult, describeWalkResult } from "./pgtable/mmu.js";
export { pxIndex, pageOffset, isCanonical, canonicalize } from "./pgtable/va.js";
export { TABLE_FLAGS, LEAF_BYTES, newPageTable, mapPage, entrySlot, protectEntry, clearAccessed } from "./pgtable/map.js";

// ---- slab (kata kmalloc-index, slub-geometry): kmalloc size classes and constants, fls /
// ilog2 / get_order, SLAB_* flags, order_objects and oo, cache geometry composition,
// /proc/slabinfo lines
export * from "./slab/kmalloc-sizes.js";
export * from "./slab/geometry.js";
export * from "./slab/slabinfo.js";

// ---- oom (kata oom-score): a process as the OOM killer sees it (OomTask, its OomMm and
// the MM_* RSS counters), oom_score_adj / oom_adj limits, LONG_MIN, and the accessors
// oom_badness() calls
export {
  MM_FILEPAGES,
  MM_ANONPAGES,
  MM_SWAPENTS,
  MM_SHMEMPAGES,
  NR_MM_COUNTERS,
  OOM_SCORE_ADJ_MIN,
  OOM_SCORE_ADJ_MAX,
  OOM_DISABLE,
  OOM_ADJUST_MIN,
  OOM_ADJUST_MAX,
  LONG_MIN,
  LONG_MAX,
  OomMm,
  OomTask,
  type OomTaskFields,
  type OomTaskSpec,
  newOomMm,
  newOomTask,
  getMmCounter,
  getMmRss,
  mmPgtablesBytes,
  isGlobalInit,
  oomUnkillableTask,
  findLockTaskMm,
  processSharesMm,
} from "./oom/task.js";

// ---- policy (kata overcommit): the accounting state (VmAcct: sysctls, totals,
// Committed_AS; AcctMm: total_vm), PROT_/MAP_/VM_ bits, OVERCOMMIT_* modes, ENOMEM, and
// the vm_acct_memory / vm_unacct_memory / percpu_counter_read_positive helpers
export * from "./policy/vm-acct.js";

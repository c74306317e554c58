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

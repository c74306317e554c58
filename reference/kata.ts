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

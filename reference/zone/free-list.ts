/**
 * The zone helpers the buddy allocator is written against: PageBuddy and
 * page_private, free-list insertion and removal, NR_FREE_PAGES accounting and
 * pageblock migratetypes. The kata learners call exactly these, as the kernel's
 * __free_one_page and expand call their namesakes.
 *
 * Every helper takes a pfn (not a struct page pointer) and asserts that it lies
 * in the zone. Asserting helpers throw KernelBug with a message naming the
 * helper, so misuse in learner code shows up as a clear error in the report.
 *
 * Differences from Linux: the VM_WARN_ONCE checks that the list's migratetype
 * matches the pageblock's are hard errors here (a learner passing the wrong
 * migratetype should see it at once, not a warning buried in dmesg).
 *
 * @see mm/page_alloc.c __add_to_free_list, __del_page_from_free_list, account_freepages
 */

import { MIGRATE_HIGHATOMIC, MIGRATE_ISOLATE, MIGRATE_PCPTYPES, MIGRATE_TYPES, pageblock_order } from "../core/constants.js";
import { BUG, hexPfn } from "../core/assert.js";
import { PG_buddy, type Zone } from "./zone.js";

/** PageBuddy(page): the page heads a free block on a buddy free list. @see include/linux/page-flags.h PageBuddy */
export function pageBuddy(zone: Zone, pfn: number): boolean {
  return (zone.pageFlags[zone.idx(pfn)]! & PG_buddy) !== 0;
}

/** __SetPageBuddy. @see include/linux/page-flags.h __SetPageBuddy */
export function setPageBuddy(zone: Zone, pfn: number): void {
  zone.pageFlags[zone.idx(pfn)]! |= PG_buddy;
}

/** __ClearPageBuddy. @see include/linux/page-flags.h __ClearPageBuddy */
export function clearPageBuddy(zone: Zone, pfn: number): void {
  zone.pageFlags[zone.idx(pfn)]! &= ~PG_buddy;
}

/** buddy_order(page): page_private of a PageBuddy page. @see mm/internal.h buddy_order */
export function buddyOrder(zone: Zone, pfn: number): number {
  return zone.pagePrivate[zone.idx(pfn)]!;
}

/** set_page_private(page, value). @see include/linux/mm.h set_page_private */
export function setPagePrivate(zone: Zone, pfn: number, value: number): void {
  zone.pagePrivate[zone.idx(pfn)] = value;
}

/** set_buddy_order: page_private = order and PageBuddy set. @see mm/page_alloc.c set_buddy_order */
export function setBuddyOrder(zone: Zone, pfn: number, order: number): void {
  setPagePrivate(zone, pfn, order);
  setPageBuddy(zone, pfn);
}

/** get_pfnblock_migratetype: the migratetype of the pageblock holding pfn. @see mm/page_alloc.c get_pfnblock_migratetype */
export function getPageblockMigratetype(zone: Zone, pfn: number): number {
  zone.idx(pfn);
  return zone.pageblockMt[zone.pageblockIdx(pfn)]!;
}

/** set_pageblock_migratetype. @see mm/page_alloc.c set_pageblock_migratetype */
export function setPageblockMigratetype(zone: Zone, pfn: number, mt: number): void {
  zone.idx(pfn);
  if (!(mt >= 0 && mt < MIGRATE_TYPES)) BUG(`setPageblockMigratetype: bad migratetype ${mt}`);
  zone.pageblockMt[zone.pageblockIdx(pfn)] = mt;
}

/**
 * change_pageblock_range: retype the 2^(order - pageblock_order) pageblocks
 * starting at pfn. order must be >= pageblock_order.
 * @see mm/page_alloc.c change_pageblock_range
 */
export function changePageblockRange(zone: Zone, pfn: number, order: number, mt: number): void {
  if (order < pageblock_order) BUG(`changePageblockRange: order ${order} < pageblock_order`);
  const n = 1 << (order - pageblock_order);
  for (let i = 0; i < n; i++) setPageblockMigratetype(zone, pfn + (i << pageblock_order), mt);
}

/** migratetype_is_mergeable: only the three PCP types merge across pageblocks. @see include/linux/mmzone.h */
export function migratetypeIsMergeable(mt: number): boolean {
  return mt < MIGRATE_PCPTYPES;
}

/**
 * account_freepages: NR_FREE_PAGES += nrPages unless mt is ISOLATE;
 * HIGHATOMIC pages also count in nr_free_highatomic.
 * @see mm/page_alloc.c account_freepages
 */
export function accountFreepages(zone: Zone, nrPages: number, mt: number): void {
  if (mt === MIGRATE_ISOLATE) return;
  zone.nrFreePages += nrPages;
  if (mt === MIGRATE_HIGHATOMIC) zone.nrFreeHighatomic += nrPages;
}

function checkListType(fn: string, zone: Zone, pfn: number, order: number, mt: number): void {
  const blockMt = getPageblockMigratetype(zone, pfn);
  if (blockMt !== mt) BUG(`${fn}: page ${hexPfn(pfn)} (order ${order}) is in a pageblock of type ${blockMt}, passed migratetype is ${mt}`);
}

/**
 * __add_to_free_list: put the block headed by pfn on free_area[order].free_list[mt],
 * at the head (tail=false, reused first) or the tail; nr_free++. Does not set
 * PageBuddy or the order (call setBuddyOrder) and does not touch NR_FREE_PAGES.
 * @see mm/page_alloc.c __add_to_free_list
 */
export function addToFreeList(zone: Zone, pfn: number, order: number, mt: number, tail: boolean): void {
  const i = zone.idx(pfn);
  const h = zone.listHead(order, mt);
  if (zone.next[i] !== -1) BUG(`addToFreeList: page ${hexPfn(pfn)} is already on a free list`);
  if ((pfn & ((1 << order) - 1)) !== 0) BUG(`addToFreeList: page ${hexPfn(pfn)} not aligned to order ${order}`);
  if (pfn + (1 << order) > zone.zoneEndPfn) BUG(`addToFreeList: order-${order} block at ${hexPfn(pfn)} runs past the zone end`);
  checkListType("addToFreeList", zone, pfn, order, mt);
  const before = tail ? h : zone.next[h]!;
  const after = tail ? zone.prev[h]! : h;
  zone.next[i] = before;
  zone.prev[i] = after;
  zone.next[after] = i;
  zone.prev[before] = i;
  zone.nrFree[order]!++;
}

/**
 * __del_page_from_free_list: unlink the block, clear PageBuddy and
 * page_private, nr_free--. Does not touch NR_FREE_PAGES.
 * @see mm/page_alloc.c __del_page_from_free_list
 */
export function delPageFromFreeListNoAccount(zone: Zone, pfn: number, order: number, mt: number): void {
  const i = zone.idx(pfn);
  if (zone.next[i] === -1) BUG(`delPageFromFreeList: page ${hexPfn(pfn)} is not on a free list`);
  if (!pageBuddy(zone, pfn)) BUG(`delPageFromFreeList: page ${hexPfn(pfn)} is not PageBuddy`);
  if (buddyOrder(zone, pfn) !== order) BUG(`delPageFromFreeList: page ${hexPfn(pfn)} has order ${buddyOrder(zone, pfn)}, not ${order}`);
  checkListType("delPageFromFreeList", zone, pfn, order, mt);
  const n = zone.next[i]!;
  const p = zone.prev[i]!;
  zone.next[p] = n;
  zone.prev[n] = p;
  zone.next[i] = -1;
  zone.prev[i] = -1;
  clearPageBuddy(zone, pfn);
  setPagePrivate(zone, pfn, 0);
  zone.nrFree[order]!--;
}

/** del_page_from_free_list: unlink and NR_FREE_PAGES -= 2^order. @see mm/page_alloc.c del_page_from_free_list */
export function delPageFromFreeList(zone: Zone, pfn: number, order: number, mt: number): void {
  delPageFromFreeListNoAccount(zone, pfn, order, mt);
  accountFreepages(zone, -(1 << order), mt);
}

/**
 * get_page_from_free_area: the first (head) block of free_area[order].free_list[mt],
 * or -1 when the list is empty.
 * @see mm/page_alloc.c get_page_from_free_area
 */
export function getPageFromFreeArea(zone: Zone, order: number, mt: number): number {
  const h = zone.listHead(order, mt);
  const first = zone.next[h]!;
  return first === h ? -1 : zone.zoneStartPfn + first;
}

/** The pfns on free_area[order].free_list[mt], head first. */
export function freeListPfns(zone: Zone, order: number, mt: number): number[] {
  const h = zone.listHead(order, mt);
  const out: number[] = [];
  for (let i = zone.next[h]!; i !== h; i = zone.next[i]!) {
    if (out.length > zone.spannedPages) BUG(`freeListPfns: free list ${order}/${mt} is corrupted (cycle)`);
    out.push(zone.zoneStartPfn + i);
  }
  return out;
}

/** True if the page at pfn is linked on some free list. */
export function onFreeList(zone: Zone, pfn: number): boolean {
  return zone.next[zone.idx(pfn)] !== -1;
}

/**
 * page_is_buddy(page, buddy, order): the block at buddyPfn may merge with a
 * block of the given order — it is in this zone, PageBuddy, and has that order.
 * @see mm/internal.h page_is_buddy
 */
export function pageIsBuddy(zone: Zone, buddyPfn: number, order: number): boolean {
  if (!zone.spansPfn(buddyPfn)) return false;
  return pageBuddy(zone, buddyPfn) && buddyOrder(zone, buddyPfn) === order;
}

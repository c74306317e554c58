/**
 * Independent invariant checks on a zone's raw arrays (not via the reference's
 * own helpers), used by the unit and property tests. Each returns the list of
 * broken invariants; empty means consistent.
 */

import { MAX_PAGE_ORDER, MIGRATE_HIGHATOMIC, MIGRATE_ISOLATE, MIGRATE_PCPTYPES, MIGRATE_TYPES, NR_PAGE_ORDERS, pageblock_order } from "../../reference/core/constants.js";
import { PG_buddy, type Zone } from "../../reference/zone/zone.js";

export interface ListedBlock {
  pfn: number;
  order: number;
  mt: number;
}

const mergeable = (mt: number): boolean => mt < MIGRATE_PCPTYPES;

/** Every block on every free list, walking next[] and checking prev[] back-links. */
export function listedBlocks(zone: Zone, out: string[] = []): ListedBlock[] {
  const n = zone.spannedPages;
  const blocks: ListedBlock[] = [];
  for (let order = 0; order < NR_PAGE_ORDERS; order++) {
    for (let mt = 0; mt < MIGRATE_TYPES; mt++) {
      const head = n + order * MIGRATE_TYPES + mt;
      let prev = head;
      for (let i = zone.next[head]!, steps = 0; i !== head; prev = i, i = zone.next[i]!, steps++) {
        if (i < 0 || i >= n || steps > n) {
          out.push(`list ${order}/${mt} is corrupted at node ${i}`);
          break;
        }
        if (zone.prev[i] !== prev) out.push(`list ${order}/${mt}: prev link of ${zone.zoneStartPfn + i} is wrong`);
        blocks.push({ pfn: zone.zoneStartPfn + i, order, mt });
      }
    }
  }
  return blocks;
}

function pageblockMt(zone: Zone, pfn: number): number {
  return zone.pageblockMt[(pfn >> pageblock_order) - (zone.zoneStartPfn >> pageblock_order)]!;
}

function checkBlocks(zone: Zone, blocks: ListedBlock[], out: string[]): void {
  const covered = new Uint8Array(zone.spannedPages);
  for (const b of blocks) {
    const i = b.pfn - zone.zoneStartPfn;
    const size = 1 << b.order;
    if ((zone.pageFlags[i]! & PG_buddy) === 0) out.push(`${b.pfn}/o${b.order} listed but not PageBuddy`);
    if (zone.pagePrivate[i] !== b.order) out.push(`${b.pfn}/o${b.order} has page_private ${zone.pagePrivate[i]}`);
    if (b.pfn % size !== 0) out.push(`${b.pfn}/o${b.order} not aligned`);
    if (b.pfn < zone.zoneStartPfn || b.pfn + size > zone.zoneEndPfn) {
      out.push(`${b.pfn}/o${b.order} outside the zone`);
      continue;
    }
    for (let p = b.pfn; p < b.pfn + size; p += Math.min(size, 1 << pageblock_order)) {
      if (pageblockMt(zone, p) !== b.mt) out.push(`${b.pfn}/o${b.order} on list ${b.mt} covers pageblock of type ${pageblockMt(zone, p)}`);
    }
    for (let k = i; k < i + size; k++) {
      if (covered[k]) out.push(`page ${zone.zoneStartPfn + k} is in two free blocks`);
      covered[k] = 1;
    }
  }
  let buddyPages = 0;
  for (let k = 0; k < zone.spannedPages; k++) if ((zone.pageFlags[k]! & PG_buddy) !== 0) buddyPages++;
  if (buddyPages !== blocks.length) out.push(`${buddyPages} PageBuddy pages but ${blocks.length} listed blocks`);
}

function checkCounters(zone: Zone, blocks: ListedBlock[], out: string[]): void {
  for (let o = 0; o < NR_PAGE_ORDERS; o++) {
    const len = blocks.filter((b) => b.order === o).length;
    if (zone.nrFree[o] !== len) out.push(`nr_free[${o}] = ${zone.nrFree[o]}, lists hold ${len}`);
  }
  const free = blocks.filter((b) => b.mt !== MIGRATE_ISOLATE).reduce((s, b) => s + (1 << b.order), 0);
  if (zone.nrFreePages !== free) out.push(`NR_FREE_PAGES = ${zone.nrFreePages}, lists (Isolate excluded) hold ${free}`);
  const atomic = blocks.filter((b) => b.mt === MIGRATE_HIGHATOMIC).reduce((s, b) => s + (1 << b.order), 0);
  if (zone.nrFreeHighatomic !== atomic) out.push(`nr_free_highatomic = ${zone.nrFreeHighatomic}, lists hold ${atomic}`);
}

function checkMerged(blocks: ListedBlock[], out: string[]): void {
  const byPfn = new Map(blocks.map((b) => [b.pfn, b]));
  for (const b of blocks) {
    if (b.order >= MAX_PAGE_ORDER) continue;
    const buddy = byPfn.get(b.pfn ^ (1 << b.order));
    if (!buddy || buddy.order !== b.order) continue;
    const blocked = b.order >= pageblock_order && b.mt !== buddy.mt && (!mergeable(b.mt) || !mergeable(buddy.mt));
    if (!blocked) out.push(`${b.pfn}/o${b.order} and its buddy ${buddy.pfn} are both free and unmerged`);
  }
}

/** Every broken invariant of the zone's buddy state (empty when consistent). */
export function zoneInvariantErrors(zone: Zone): string[] {
  const out: string[] = [];
  const blocks = listedBlocks(zone, out);
  checkBlocks(zone, blocks, out);
  checkCounters(zone, blocks, out);
  checkMerged(blocks, out);
  return out;
}

/** Σ nr_free[o] << o: what /proc/buddyinfo says is free, in pages. */
export function buddyinfoPages(zone: Zone): number {
  let pages = 0;
  for (let o = 0; o < NR_PAGE_ORDERS; o++) pages += zone.nrFree[o]! << o;
  return pages;
}

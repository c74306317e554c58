/**
 * Observing a zone: a full snapshot (for reports and invariant checks) and a
 * 32-bit digest of the same state (compared after every op of a trace).
 *
 * The digest covers everything the snapshot shows: every free list in order,
 * nr_free per order, NR_FREE_PAGES, nr_free_highatomic, every page's flags and
 * page_private, and the pageblock migratetypes. Two zones with equal digests
 * are, with overwhelming probability, in the same observable state.
 */

import { MIGRATE_TYPES, NR_PAGE_ORDERS } from "../core/constants.js";
import { freeListPfns } from "./free-list.js";
import { PG_reserved as PG_RESERVED, type Zone } from "./zone.js";

export interface FreeListSnapshot {
  order: number;
  mt: number;
  /** head first */
  pfns: number[];
}

export interface ZoneSnapshot {
  zoneStartPfn: number;
  spannedPages: number;
  nrFreePages: number;
  nrFreeHighatomic: number;
  /** free_area[o].nr_free for o = 0..MAX_PAGE_ORDER */
  nrFree: number[];
  /** non-empty free lists, by order then migratetype */
  lists: FreeListSnapshot[];
  /** [pfn, flags, page_private] of every page with non-zero flags or private (reserved pages excluded) */
  pages: [number, number, number][];
  pageblocks: number[];
}


/** A full, JSON-ready snapshot of the zone's buddy state. */
export function snapshotZone(zone: Zone): ZoneSnapshot {
  const lists: FreeListSnapshot[] = [];
  for (let order = 0; order < NR_PAGE_ORDERS; order++) {
    for (let mt = 0; mt < MIGRATE_TYPES; mt++) {
      const pfns = freeListPfns(zone, order, mt);
      if (pfns.length) lists.push({ order, mt, pfns });
    }
  }
  const pages: [number, number, number][] = [];
  for (let i = 0; i < zone.spannedPages; i++) {
    const f = zone.pageFlags[i]!;
    const p = zone.pagePrivate[i]!;
    if ((f & ~PG_RESERVED) !== 0 || (p !== 0 && (f & PG_RESERVED) === 0)) pages.push([zone.zoneStartPfn + i, f, p]);
  }
  return {
    zoneStartPfn: zone.zoneStartPfn,
    spannedPages: zone.spannedPages,
    nrFreePages: zone.nrFreePages,
    nrFreeHighatomic: zone.nrFreeHighatomic,
    nrFree: Array.from(zone.nrFree),
    lists,
    pages,
    pageblocks: Array.from(zone.pageblockMt),
  };
}

function mix(h: number, v: number): number {
  h ^= v | 0;
  return Math.imul(h, 0x01000193) >>> 0;
}

/** FNV-1a style digest of the state snapshotZone() shows. O(pages + free blocks). */
export function zoneDigest(zone: Zone): number {
  let h = 0x811c9dc5;
  h = mix(h, zone.nrFreePages);
  h = mix(h, zone.nrFreeHighatomic);
  for (let o = 0; o < NR_PAGE_ORDERS; o++) h = mix(h, zone.nrFree[o]!);
  const n = zone.spannedPages;
  const heads = NR_PAGE_ORDERS * MIGRATE_TYPES;
  for (let head = n; head < n + heads; head++) {
    h = mix(h, -2 - head);
    let steps = 0;
    for (let i = zone.next[head]!; i !== head && steps <= n; i = zone.next[i]!, steps++) h = mix(h, i);
  }
  for (let i = 0; i < n; i++) {
    const f = zone.pageFlags[i]!;
    const p = zone.pagePrivate[i]!;
    if ((f & ~PG_RESERVED) !== 0 || (p !== 0 && (f & PG_RESERVED) === 0)) h = mix(mix(mix(h, i), f), p);
  }
  for (let b = 0; b < zone.pageblockMt.length; b++) h = mix(h, zone.pageblockMt[b]!);
  return h;
}

/**
 * Building a zone from data, and reading it back as data.
 *
 * A ZoneSetup is the state of a zone's buddy lists written down: the zone's
 * geometry, each pageblock's migratetype, and the free blocks list by list in
 * head-to-tail order. Graders use it to start a hidden case from an exact state
 * without running any allocator code (so a kata's own function is never needed
 * to set up its test), and snapshots use the same shape to report state.
 *
 * Pages not in any free block are allocated (in use); pages outside
 * `present` ranges would be reserved, but setups describe fully present zones.
 */

import { BUG } from "../core/assert.js";
import { NR_PAGE_ORDERS, MIGRATE_TYPES } from "../core/constants.js";
import { Zone, type ZoneConfig } from "./zone.js";
import { accountFreepages, addToFreeList, freeListPfns, setBuddyOrder } from "./free-list.js";

/** [pfn, order, migratetype]: a free block, appended at the tail of its list. */
export type FreeBlock = [number, number, number];

export interface ZoneSetup {
  zone: ZoneConfig;
  /** Migratetype of each pageblock, first to last; default all MOVABLE. */
  pageblocks?: number[];
  /** Free blocks; blocks of the same (order, mt) appear in list order, head first. */
  free: FreeBlock[];
}

/** Build a zone in exactly the state the setup describes. */
export function buildZone(setup: ZoneSetup): Zone {
  const zone = new Zone(setup.zone);
  if (setup.pageblocks) {
    if (setup.pageblocks.length !== zone.pageblockMt.length) BUG(`buildZone: ${setup.pageblocks.length} pageblock types given, zone has ${zone.pageblockMt.length} pageblocks`);
    setup.pageblocks.forEach((mt, i) => {
      if (!(Number.isInteger(mt) && mt >= 0 && mt < MIGRATE_TYPES)) BUG(`buildZone: bad migratetype ${mt} for pageblock ${i}`);
      zone.pageblockMt[i] = mt;
    });
  }
  for (const [pfn, order, mt] of setup.free) {
    if (!(Number.isInteger(order) && order >= 0 && order < NR_PAGE_ORDERS)) BUG(`buildZone: bad order ${order}`);
    addToFreeList(zone, pfn, order, mt, true);
    setBuddyOrder(zone, pfn, order);
    accountFreepages(zone, 1 << order, mt);
  }
  return zone;
}

/** The zone's free lists as a setup: rebuilding it gives an identical zone. */
export function zoneToSetup(zone: Zone): ZoneSetup {
  const free: FreeBlock[] = [];
  for (let order = 0; order < NR_PAGE_ORDERS; order++) {
    for (let mt = 0; mt < MIGRATE_TYPES; mt++) {
      for (const pfn of freeListPfns(zone, order, mt)) free.push([pfn, order, mt]);
    }
  }
  return {
    zone: { name: zone.name, nid: zone.nid, zoneStartPfn: zone.zoneStartPfn, spannedPages: zone.spannedPages },
    pageblocks: Array.from(zone.pageblockMt),
    free,
  };
}

/**
 * /proc/pagetypeinfo: the buddy free lists split by migratetype, and how many
 * pageblocks of each migratetype every zone has.
 *
 * For each node with memory the kernel prints (pagetypeinfo_show):
 *
 *   "Page block order: %d\n"  "Pages per block:  %lu\n"  "\n"
 *   "%-43s " "Free pages count per migrate type at order", then "%6d " per order, "\n"
 *   per populated zone, per migratetype:
 *     "Node %4d, zone %8s, type %12s " then "%s%6lu " per order, "\n"
 *     (the count is the length of free_area[o].free_list[mt]; the walk stops
 *      at 100000 entries and then prints ">100000")
 *   "\n%-23s" "Number of blocks type ", then "%12s " per migratetype, "\n"
 *   per populated zone: "Node %d, zone %8s " then "%12lu " per migratetype, "\n"
 *
 * Every migratetype is printed, Isolate included (CONFIG_MEMORY_ISOLATION on,
 * CONFIG_CMA off: see core/constants.ts). The block count visits pfn =
 * zone_start_pfn, zone_start_pfn + 512, ... below zone_end_pfn (not rounded
 * to a pageblock boundary) and counts the migratetype of the pageblock holding
 * each such pfn, if that pfn has an online struct page belonging to this zone.
 * So a zone whose start is not pageblock aligned has its first, partial
 * pageblock counted, and possibly not its last one.
 *
 * Differences from Linux: no "Number of mixed blocks" table (CONFIG_PAGE_OWNER
 * off or page_owner not enabled, the usual case). Which pfns are online and in
 * which zone their struct page lies is the caller's to say (`pageZone`), as a
 * Machine knows its memory map; by default every pfn a zone spans is online
 * and in that zone.
 *
 * @see mm/vmstat.c pagetypeinfo_show, pagetypeinfo_showfree_print, pagetypeinfo_showblockcount_print
 */

import { MIGRATE_TYPES, NR_PAGE_ORDERS, migratetype_names, pageblock_nr_pages, pageblock_order } from "../core/constants.js";
import type { Zone } from "../zone/zone.js";
import { padLeft, padRight, populatedZone } from "./buddyinfo.js";

/** The free-list walk stops at this many entries. @see mm/vmstat.c pagetypeinfo_showfree_print */
export const PAGETYPEINFO_FREE_CAP = 100000;

/**
 * pfn_to_online_page() + page_zone(): the zone whose memmap holds pfn, or
 * null/undefined when pfn has no online struct page.
 * @see mm/memory_hotplug.c pfn_to_online_page
 */
export type PageZoneFn = (pfn: number) => Zone | null | undefined;

/** How to render pagetypeinfo. @see mm/vmstat.c pagetypeinfo_showblockcount_print */
export interface PagetypeinfoOptions {
  /** Default: a pfn is online and in a zone iff that zone spans it. */
  pageZone?: PageZoneFn;
}

/**
 * Length of free_area[order].free_list[mt], counting at most `cap` entries;
 * `overflow` is true when the walk stopped at the cap (list length >= cap).
 * @see mm/vmstat.c pagetypeinfo_showfree_print
 */
export function freeListCount(zone: Zone, order: number, mt: number, cap = PAGETYPEINFO_FREE_CAP): { count: number; overflow: boolean } {
  const head = zone.listHead(order, mt);
  let count = 0;
  for (let i = zone.next[head]!; i !== head; i = zone.next[i]!) {
    if (++count >= cap) return { count, overflow: true };
  }
  return { count, overflow: false };
}

/**
 * The free-count lines of one zone: one per migratetype.
 * @see mm/vmstat.c pagetypeinfo_showfree_print
 */
export function pagetypeinfoFreeLines(zone: Zone): string {
  let out = "";
  for (let mt = 0; mt < MIGRATE_TYPES; mt++) {
    out += `Node ${padLeft(zone.nid, 4)}, zone ${padLeft(zone.name, 8)}, type ${padLeft(migratetype_names[mt]!, 12)} `;
    for (let order = 0; order < NR_PAGE_ORDERS; order++) {
      const { count, overflow } = freeListCount(zone, order, mt);
      out += (overflow ? ">" : "") + padLeft(count, 6) + " ";
    }
    out += "\n";
  }
  return out;
}

/**
 * Pageblocks per migratetype as /proc/pagetypeinfo counts them (see the file
 * header for which pageblocks are visited).
 * @see mm/vmstat.c pagetypeinfo_showblockcount_print
 */
export function pageblockCounts(zone: Zone, pageZone?: PageZoneFn): number[] {
  const count = new Array<number>(MIGRATE_TYPES).fill(0);
  for (let pfn = zone.zoneStartPfn; pfn < zone.zoneEndPfn; pfn += pageblock_nr_pages) {
    if (pageZone && pageZone(pfn) !== zone) continue;
    const mt = zone.pageblockMt[zone.pageblockIdx(pfn)]!;
    if (mt < MIGRATE_TYPES) count[mt]!++;
  }
  return count;
}

/**
 * The block-count line of one zone.
 * @see mm/vmstat.c pagetypeinfo_showblockcount_print
 */
export function pagetypeinfoBlockLine(zone: Zone, pageZone?: PageZoneFn): string {
  let out = `Node ${zone.nid}, zone ${padLeft(zone.name, 8)} `;
  for (const n of pageblockCounts(zone, pageZone)) out += padLeft(n, 12) + " ";
  return out + "\n";
}

/**
 * pagetypeinfo_show for one node: its populated zones, in the order given.
 * Empty string for a node without populated zones (no N_MEMORY).
 * @see mm/vmstat.c pagetypeinfo_show, pagetypeinfo_showfree, pagetypeinfo_showblockcount
 */
export function pagetypeinfoNode(zones: readonly Zone[], opts: PagetypeinfoOptions = {}): string {
  const populated = zones.filter(populatedZone);
  if (populated.length === 0) return "";
  let out = `Page block order: ${pageblock_order}\nPages per block:  ${pageblock_nr_pages}\n\n`;
  out += padRight("Free pages count per migrate type at order", 43) + " ";
  for (let order = 0; order < NR_PAGE_ORDERS; order++) out += padLeft(order, 6) + " ";
  out += "\n";
  for (const zone of populated) out += pagetypeinfoFreeLines(zone);
  out += "\n" + padRight("Number of blocks type ", 23);
  for (let mt = 0; mt < MIGRATE_TYPES; mt++) out += padLeft(migratetype_names[mt]!, 12) + " ";
  out += "\n";
  for (const zone of populated) out += pagetypeinfoBlockLine(zone, opts.pageZone);
  return out;
}

/**
 * The whole text of /proc/pagetypeinfo: zones grouped by node (in order of
 * each node's first zone), every node printed as pagetypeinfoNode does.
 * @see mm/vmstat.c pagetypeinfo_show
 */
export function renderPagetypeinfo(zones: readonly Zone[], opts: PagetypeinfoOptions = {}): string {
  const byNode = new Map<number, Zone[]>();
  for (const zone of zones) {
    const list = byNode.get(zone.nid);
    if (list) list.push(zone);
    else byNode.set(zone.nid, [zone]);
  }
  let out = "";
  for (const nodeZones of byNode.values()) out += pagetypeinfoNode(nodeZones, opts);
  return out;
}

/**
 * /proc/buddyinfo: one line per populated zone, giving free_area[o].nr_free
 * (the number of free *blocks*, not pages) for every order 0..MAX_PAGE_ORDER.
 *
 * The kernel walks the online nodes in order and, in each node, the zones in
 * zone-type order, skipping zones with no present pages (walk_zones_in_node
 * with assert_populated). Each line is
 *
 *   "Node %d, zone %8s " then "%6lu " for each of the 11 orders, then "\n"
 *
 * e.g. `Node 0, zone      DMA      0      0      0      0      0      0      0      0      1      1      3 `
 * (note the trailing space after the last count).
 *
 * Pages on per-CPU lists are not on the buddy free lists and so never appear
 * here; isolated pages (MIGRATE_ISOLATE lists) do, although NR_FREE_PAGES
 * leaves them out.
 *
 * Differences from Linux: the caller passes the zones to print, in node then
 * zone-type order (Machine.zones is already in that order); nothing is
 * re-sorted here.
 *
 * @see mm/vmstat.c frag_show, frag_show_print, walk_zones_in_node
 */

import { NR_PAGE_ORDERS } from "../core/constants.js";
import type { Zone } from "../zone/zone.js";

/** C printf "%Nd"/"%Ns": right-justify in a field of `width` (never truncates). @see lib/vsprintf.c vsnprintf */
export function padLeft(value: string | number, width: number): string {
  return String(value).padStart(width, " ");
}

/** C printf "%-Ns": left-justify in a field of `width` (never truncates). @see lib/vsprintf.c vsnprintf */
export function padRight(value: string | number, width: number): string {
  return String(value).padEnd(width, " ");
}

/**
 * populated_zone(): the zone has present pages, so /proc walkers that ask
 * for populated zones print it.
 * @see include/linux/mmzone.h populated_zone
 */
export function populatedZone(zone: Zone): boolean {
  return zone.presentPages !== 0;
}

/**
 * One /proc/buddyinfo line for a zone, newline included.
 * @see mm/vmstat.c frag_show_print
 */
export function buddyinfoLine(zone: Zone): string {
  let line = `Node ${zone.nid}, zone ${padLeft(zone.name, 8)} `;
  for (let order = 0; order < NR_PAGE_ORDERS; order++) line += padLeft(zone.nrFree[order]!, 6) + " ";
  return line + "\n";
}

/**
 * The whole text of /proc/buddyinfo for the given zones (node order, then
 * zone-type order), skipping unpopulated zones. Empty string if none.
 * @see mm/vmstat.c frag_show
 */
export function renderBuddyinfo(zones: readonly Zone[]): string {
  let out = "";
  for (const zone of zones) if (populatedZone(zone)) out += buddyinfoLine(zone);
  return out;
}

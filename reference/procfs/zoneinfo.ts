/**
 * The watermark part of /proc/zoneinfo: for every zone of every node, the
 * header line and the block from "pages free" to "protection:", exactly as
 * zoneinfo_show_print prints them:
 *
 *   Node 0, zone    DMA32
 *     pages free     772660
 *           boost    0
 *           min      2115          (min_wmark_pages: _watermark[WMARK_MIN] + boost)
 *           low      2887
 *           high     3659
 *           promo    4431
 *           spanned  1044480
 *           present  782336
 *           managed  772808
 *           cma      0
 *           protection: (0, 0, 21071, 21071, 21071)
 *
 * Every zone type is printed, populated or not (walk_zones_in_node without
 * assert_populated). The per-node stats after the first populated zone's
 * header, the per-zone vmstat counters and the pagesets are not rendered
 * here: the simulator does not keep those counters.
 *
 * With CONFIG_ZONE_DEVICE the kernel has one more zone type after Movable:
 * protection lists MAX_NR_ZONES + 1 entries and a Device zone (never
 * populated, all zeros) is printed last. Its managed pages are 0, so its
 * lowmem_reserve column repeats the Movable one.
 *
 * @see mm/vmstat.c zoneinfo_show, zoneinfo_show_print
 */

import { MAX_NR_ZONES } from "../core/constants.js";
import { minWmarkPages, lowWmarkPages, highWmarkPages, promoWmarkPages } from "../zone/alloc-flags.js";
import type { Zone } from "../zone/zone.js";
import { padLeft } from "./buddyinfo.js";

/** What the block prints of a zone: a Zone, or an unpopulated zone's counters. */
export type ZoneinfoSource = Pick<Zone, "name" | "nid" | "spannedPages" | "presentPages" | "managedPages" | "nrFreePages" | "watermark" | "watermarkBoost" | "lowmemReserve">;

/** "Node %d, zone %8s". @see mm/vmstat.c zoneinfo_show_print */
export function zoneinfoHeader(nid: number, name: string): string {
  return `Node ${nid}, zone ${padLeft(name, 8)}`;
}

/** The protection list: lowmem_reserve[0..MAX_NR_ZONES), plus the ZONE_DEVICE column if configured. */
function protection(z: Pick<Zone, "lowmemReserve">, zoneDevice: boolean): number[] {
  const cols = z.lowmemReserve.slice(0, MAX_NR_ZONES);
  if (zoneDevice) cols.push(cols[MAX_NR_ZONES - 1]!);
  return cols;
}

/**
 * The header and watermark lines of one zone (no trailing newline).
 * @see mm/vmstat.c zoneinfo_show_print
 */
export function zoneinfoWatermarkLines(z: ZoneinfoSource, zoneDevice = false): string[] {
  const wm = z as Zone;
  return [
    zoneinfoHeader(z.nid, z.name),
    `  pages free     ${z.nrFreePages}`,
    `        boost    ${z.watermarkBoost}`,
    `        min      ${minWmarkPages(wm)}`,
    `        low      ${lowWmarkPages(wm)}`,
    `        high     ${highWmarkPages(wm)}`,
    `        promo    ${promoWmarkPages(wm)}`,
    `        spanned  ${z.spannedPages}`,
    `        present  ${z.presentPages}`,
    `        managed  ${z.managedPages}`,
    `        cma      0`,
    `        protection: (${protection(z, zoneDevice).join(", ")})`,
  ];
}

/** The Device zone's block (CONFIG_ZONE_DEVICE): never populated, every value 0. */
export function zoneinfoDeviceLines(nid: number): string[] {
  const zero = { name: "Device", nid, spannedPages: 0, presentPages: 0, managedPages: 0, nrFreePages: 0, watermark: [0, 0, 0, 0], watermarkBoost: 0, lowmemReserve: new Array<number>(MAX_NR_ZONES).fill(0) };
  return zoneinfoWatermarkLines(zero, true);
}

/**
 * The watermark lines of every zone, node by node, zones in type order
 * (then Device if `zoneDevice`), joined with newlines.
 * @see mm/vmstat.c zoneinfo_show
 */
export function renderZoneinfoWatermarks(zones: readonly ZoneinfoSource[], zoneDevice = false): string {
  const lines: string[] = [];
  const nids = [...new Set(zones.map((z) => z.nid))];
  for (const nid of nids) {
    for (const z of zones) if (z.nid === nid) lines.push(...zoneinfoWatermarkLines(z, zoneDevice));
    if (zoneDevice) lines.push(...zoneinfoDeviceLines(nid));
  }
  return lines.join("\n") + "\n";
}

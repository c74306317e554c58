/**
 * A machine rebuilt from a real box's /proc files: the zones of
 * /proc/zoneinfo (span, present, managed) with their holes from /proc/iomem,
 * the free blocks of /proc/buddyinfo, and the watermarks and lowmem reserves
 * recomputed by the reference from vm.min_free_kbytes,
 * vm.watermark_scale_factor and vm.lowmem_reserve_ratio. Only the dynamic
 * watermark_boost is taken from zoneinfo as state.
 *
 * If the reference is right, rendering this machine's /proc/buddyinfo and
 * the watermark lines of /proc/zoneinfo gives the box's own files back; the
 * watermarks are the part that is computed, not copied
 * (test/reference/fromproc.test.ts does this on the machine it runs on).
 *
 * Zones: every zone zoneinfo lists is kept, populated or not, because the
 * kernel sets watermarks on all of them (an empty Movable zone still gets
 * min 32) and prints them all. A "Device" zone (CONFIG_ZONE_DEVICE) is kept
 * for printing only: it never manages pages, so it changes no sum.
 *
 * Differences from Linux: reserved (present but not managed) pages are not
 * placed anywhere in particular: they are simply not free; free blocks are
 * placed by place.ts (lowest addresses first, pageblock's migratetype).
 *
 * @see mm/page_alloc.c __setup_per_zone_wmarks, setup_per_zone_lowmem_reserve
 * @see mm/vmstat.c zoneinfo_show_print, frag_show_print
 */

import { BUG } from "../core/assert.js";
import { MAX_NR_ZONES, zone_names } from "../core/constants.js";
import { memmapInitPageblocks, rangesPages } from "../machine.js";
import { accountFreepages, addToFreeList, setBuddyOrder } from "../zone/free-list.js";
import type { PfnRange } from "../zone/init.js";
import { setupPerZoneLowmemReserve, setupPerZoneWmarks } from "../zone/watermark.js";
import { PG_reserved, Zone, type WmarkZone } from "../zone/zone.js";
import { parseBuddyinfo, parseIomemRam, parseZoneinfo, type ZoneinfoZone } from "./parse.js";
import { placeFreeBlocks } from "./place.js";

/** What machineFromProc reads: file texts and the vm sysctls. */
export interface ProcSnapshot {
  zoneinfo: string;
  buddyinfo: string;
  /** /proc/iomem; needed when a zone has holes (present < spanned) */
  iomem?: string;
  minFreeKbytes: number;
  watermarkScaleFactor: number;
  /** vm.lowmem_reserve_ratio, one per zone type (a 5th, for ZONE_DEVICE, is ignored) */
  lowmemReserveRatio: number[];
}

/** A zone with nothing in it: the kernel's node_zones[] entry of an unpopulated type. */
export interface EmptyZone extends WmarkZone {
  zoneStartPfn: number;
  spannedPages: number;
  presentPages: number;
  nrFreePages: number;
}

export type BoxZone = Zone | EmptyZone;

export interface BoxMachine {
  /** Every zone zoneinfo lists, in its order, except Device zones. */
  zones: BoxZone[];
  /** The populated ones (what buddyinfo lists). */
  populated: Zone[];
  /** zoneinfo listed a Device zone: protection has MAX_NR_ZONES + 1 entries. */
  zoneDevice: boolean;
  /** The parsed zoneinfo the machine was built from. */
  source: ZoneinfoZone[];
}

function emptyZone(z: ZoneinfoZone): EmptyZone {
  return {
    name: z.name, nid: z.nid, zoneStartPfn: z.startPfn ?? 0, spannedPages: 0, presentPages: 0, managedPages: 0, nrFreePages: 0,
    watermark: [0, 0, 0, 0], watermarkBoost: 0, lowmemReserve: new Array<number>(MAX_NR_ZONES).fill(0),
  };
}

/** RAM inside the zone's span: from iomem, or the whole span when it has no holes. */
function zoneRam(z: ZoneinfoZone, ram: PfnRange[] | undefined): PfnRange[] {
  const lo = z.startPfn!;
  const hi = lo + z.spanned;
  if (!ram) {
    if (z.present === z.spanned) return [{ start: lo, end: hi }];
    BUG(`zone ${z.name}: ${z.spanned - z.present} pages of holes, and /proc/iomem is missing or hides its addresses (read it as root)`);
  }
  const out = ram.map((r) => ({ start: Math.max(r.start, lo), end: Math.min(r.end, hi) })).filter((r) => r.end > r.start);
  const pages = rangesPages(out);
  if (pages !== z.present) BUG(`zone ${z.name}: /proc/iomem has ${pages} pages of System RAM in [${lo}, ${hi}), zoneinfo says present ${z.present}`);
  return out;
}

/** A populated zone with its holes reserved and buddyinfo's free blocks placed. */
function populatedZone(z: ZoneinfoZone, ram: PfnRange[] | undefined, counts: number[]): Zone {
  if (z.startPfn === undefined) BUG(`zone ${z.name} of node ${z.nid}: zoneinfo has no start_pfn line`);
  const memory = zoneRam(z, ram);
  const zone = new Zone({ name: z.name, nid: z.nid, zoneStartPfn: z.startPfn, spannedPages: z.spanned, presentPages: z.present, managedPages: z.managed });
  memmapInitPageblocks(zone, memory);
  zone.pageFlags.fill(PG_reserved);
  for (const r of memory) zone.pageFlags.fill(0, r.start - zone.zoneStartPfn, r.end - zone.zoneStartPfn);
  for (const [pfn, order] of placeFreeBlocks(z.startPfn, z.spanned, memory, counts)) {
    const mt = zone.pageblockMt[zone.pageblockIdx(pfn)]!;
    addToFreeList(zone, pfn, order, mt, true);
    setBuddyOrder(zone, pfn, order);
    accountFreepages(zone, 1 << order, mt);
  }
  return zone;
}

/**
 * Rebuild a machine from a snapshot of a box's /proc files and vm sysctls.
 * Throws ProcParseError for text that is not what Linux prints, KernelBug for
 * files that disagree (a buddyinfo zone zoneinfo lacks, RAM that does not
 * add up to present, free blocks that do not fit).
 * @see mm/page_alloc.c init_per_zone_wmark_min
 */
export function machineFromProc(snap: ProcSnapshot): BoxMachine {
  const info = parseZoneinfo(snap.zoneinfo);
  const buddy = parseBuddyinfo(snap.buddyinfo);
  const ram = snap.iomem === undefined ? undefined : parseIomemRam(snap.iomem);
  const zones: BoxZone[] = [];
  const populated: Zone[] = [];
  for (const z of info) {
    if (z.name === "Device") continue;
    if (!zone_names.includes(z.name)) BUG(`zoneinfo: zone type "${z.name}" is not one of ${zone_names.join(", ")}, Device`);
    if (z.present === 0) {
      zones.push(emptyZone(z));
      continue;
    }
    const b = buddy.find((x) => x.nid === z.nid && x.name === z.name);
    if (!b) BUG(`buddyinfo has no line for node ${z.nid}, zone ${z.name}`);
    const zone = populatedZone(z, ram, b.counts);
    zones.push(zone);
    populated.push(zone);
  }
  for (const b of buddy) {
    if (!populated.some((z) => z.nid === b.nid && z.name === b.name)) BUG(`buddyinfo lists node ${b.nid}, zone ${b.name}, which zoneinfo has no populated zone for`);
  }
  setupPerZoneWmarks(zones, snap.minFreeKbytes, snap.watermarkScaleFactor);
  setupPerZoneLowmemReserve(zones, snap.lowmemReserveRatio.slice(0, MAX_NR_ZONES));
  zones.forEach((z) => (z.watermarkBoost = info.find((i) => i.nid === z.nid && i.name === z.name)!.boost));
  return { zones, populated, zoneDevice: info.some((z) => z.name === "Device"), source: info };
}

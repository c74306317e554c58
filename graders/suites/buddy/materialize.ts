/**
 * Turning a case file's setup into the exact state both sides start from.
 *
 * Case files may describe a zone the friendly way — geometry, pageblock types
 * and "boot": the ranges memblock hands to the allocator — and the grader runs
 * the reference's boot code to produce the explicit free lists (a ZoneSetup).
 * The child only ever receives explicit free lists, so a kata's own function
 * is never needed to set up its own test.
 */

import { Zone, type ZoneConfig } from "../../../reference/zone/zone.js";
import { zoneInitFree, type PfnRange } from "../../../reference/zone/init.js";
import { buildZone, zoneToSetup, type FreeBlock, type ZoneSetup } from "../../../reference/zone/setup.js";

export interface BuddyCaseSetup {
  zone?: ZoneConfig;
  pageblocks?: number[];
  /** free these ranges as boot does (true: the whole zone) */
  boot?: true | [number, number][];
  /** or: explicit free blocks, appended at each list's tail in order */
  free?: FreeBlock[];
}

/** The explicit ZoneSetup for a case setup (or {} for zone-less traces). */
export function materializeSetup(setup: BuddyCaseSetup | undefined): ZoneSetup | Record<string, never> {
  if (!setup?.zone) return {};
  if (setup.boot === undefined) return buildAndDump({ zone: setup.zone, pageblocks: setup.pageblocks, free: setup.free ?? [] });
  const zone = new Zone(setup.zone);
  if (setup.pageblocks) zone.pageblockMt.set(setup.pageblocks);
  const ranges: PfnRange[] | undefined = setup.boot === true ? undefined : setup.boot.map(([start, end]) => ({ start, end }));
  zoneInitFree(zone, ranges);
  const out = zoneToSetup(zone);
  if (setup.free?.length) out.free.push(...setup.free);
  return buildAndDump(out);
}

/** Round-trip through buildZone so malformed explicit setups fail here, in the grader. */
function buildAndDump(s: ZoneSetup): ZoneSetup {
  return zoneToSetup(buildZone(s));
}

/**
 * The zone suite's starting states: a machine's zones (every node, in
 * zone-type order) with their sizes, free lists and watermark state.
 *
 * Case files describe a machine the friendly way — a preset name or a
 * MachineConfig — and the grader boots it with the reference (bootMachine)
 * to get explicit free lists. The child only ever receives the explicit form
 * (NodeSetup), so a kata's own function is never needed to set up its test.
 * `lists: false` drops the free lists and the memmap (zone-watermarks only
 * reads present and managed pages): such zones are built with a one-page
 * span, their real span kept in `spanned` for the report. That keeps a 4 GiB
 * machine's setup at a few bytes instead of ~10 bytes a page in the child,
 * where many cases run within one capped address space.
 */

import { bootMachine, presets, type MachineConfig } from "../../../reference/machine.js";
import { buildZone, zoneToSetup, type FreeBlock } from "../../../reference/zone/setup.js";
import { Zone, type ZoneConfig } from "../../../reference/zone/zone.js";

/** One zone written down: geometry and counts, pageblocks, free lists, watermark state. */
export interface ZoneState {
  zone: ZoneConfig;
  pageblocks?: number[];
  free: FreeBlock[];
  watermark?: number[];
  boost?: number;
  lowmemReserve?: number[];
  /** the real span when the zone is built count-only (one page spanned) */
  spanned?: number;
}

/** The explicit setup both sides start from. */
export interface NodeSetup {
  zones: ZoneState[];
  totalreservePages?: number;
}

/** What a case file may say instead. */
export interface ZoneCaseSetup {
  preset?: string;
  machine?: MachineConfig;
  /** keep the booted free lists (default true) */
  lists?: boolean;
  zones?: ZoneState[];
}

/** A Zone in exactly the state `s` describes. */
export function buildZoneState(s: ZoneState): Zone {
  const zone = buildZone({ zone: s.zone, pageblocks: s.pageblocks, free: s.free });
  if (s.watermark) s.watermark.forEach((v, i) => (zone.watermark[i] = v));
  zone.watermarkBoost = s.boost ?? 0;
  if (s.lowmemReserve) s.lowmemReserve.forEach((v, i) => (zone.lowmemReserve[i] = v));
  return zone;
}

/**
 * A zone's state as data: rebuilding it gives the same zone. Without lists,
 * a count-only zone (one page spanned) whose real span is `spanned`.
 */
export function dumpZoneState(zone: Zone, lists = true, spanned = zone.spannedPages): ZoneState {
  const counts = { presentPages: zone.presentPages, managedPages: zone.managedPages };
  const wm = { watermark: [...zone.watermark], boost: zone.watermarkBoost, lowmemReserve: [...zone.lowmemReserve] };
  if (!lists) {
    const cfg = { name: zone.name, nid: zone.nid, zoneStartPfn: zone.zoneStartPfn, spannedPages: 1, ...counts };
    return { zone: cfg, free: [], spanned, ...wm };
  }
  const base = zoneToSetup(zone);
  return { zone: { ...base.zone, ...counts }, pageblocks: base.pageblocks, free: base.free, ...wm };
}

function machineOf(setup: ZoneCaseSetup): MachineConfig {
  if (setup.machine) return setup.machine;
  const preset = presets[setup.preset ?? ""];
  if (!preset) throw new Error(`unknown preset "${setup.preset}" (presets: ${Object.keys(presets).join(", ")})`);
  return preset;
}

/** The explicit NodeSetup for a case setup. */
export function materializeZoneSetup(setup: ZoneCaseSetup | undefined): NodeSetup {
  if (setup?.zones) return { zones: setup.zones.map((z) => dumpZoneState(buildZoneState(z), true)) };
  if (!setup || (!setup.preset && !setup.machine)) throw new Error("a zone-suite setup needs a preset, a machine or zones");
  const machine = bootMachine(machineOf(setup));
  return { zones: machine.zones.map((z) => dumpZoneState(z, setup.lists !== false)) };
}

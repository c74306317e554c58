/**
 * The zone suite's op vocabulary (zone-watermarks, watermark-check). Runs in
 * the grader with the reference and in the sandboxed child with the
 * learner's target functions.
 *
 * State: every zone of a machine (NodeSetup), plus totalreserve_pages.
 * Ops (`zone` is an index into the machine's zone list; results referable by op index):
 *   {op:"setupWmarks", minFreeKbytes, scaleFactor} → setupPerZoneWmarks(zones, …), then
 *       totalreserve_pages = calculateTotalreservePages(zones), as the sysctl handlers do;
 *       returns totalreserve_pages
 *   {op:"lowmemReserve", ratios}       → setupPerZoneLowmemReserve(zones, ratios), then
 *       calculateTotalreservePages; returns totalreserve_pages
 *   {op:"setBoost", zone, pages}       → zone.watermarkBoost = pages (as boost_watermark would)
 *   {op:"alloc", zone, order, mt}      → rmqueueSmallest (reference): pfn or -1
 *   {op:"free", ref} | {op:"free", zone, pfn, order} → freeOnePage (reference); "skip" if nothing
 *   {op:"watermarkOk", zone, order, mark, highestZoneIdx, allocFlags[, freePages]} →
 *       zoneWatermarkOk(zone, order, mark, highestZoneIdx, allocFlags, freePages ?? NR_FREE_PAGES),
 *       mark "min" | "low" | "high" | "promo" (the accessor, boost included) or a number of pages
 *   {op:"fragIndex", zone, order} → fragmentationIndex;  {op:"unusableIndex", zone, order} →
 *       unusableFreeIndex;  {op:"extfragLine", zone} → extfragIndexLine (fragmentation-index)
 * Observed: per zone the watermarks, boost, lowmem_reserve, free counters; totalreserve_pages.
 */

import type { Zone } from "../../../reference/zone/zone.js";
import { getPageblockMigratetype } from "../../../reference/zone/free-list.js";
import { wmarkPages, wmark_names } from "../../../reference/zone/alloc-flags.js";
import { calculateTotalreservePages, setupPerZoneLowmemReserve, setupPerZoneWmarks } from "../../../reference/zone/watermark.js";
import { zoneWatermarkOk } from "../../../reference/zone/watermark-ok.js";
import { extfragIndexLine, fragmentationIndex, unusableFreeIndex } from "../../../reference/zone/fragmentation.js";
import { rmqueueSmallest } from "../../../reference/buddy/rmqueue.js";
import { freeOnePage } from "../../../reference/buddy/free-one-page.js";
import type { Impl, SuiteBinding } from "../../runtime/executor.js";
import type { Op } from "../../runtime/protocol.js";
import { buildZoneState, type NodeSetup } from "./materialize.js";
import { snapshotNode, nodeDigest } from "./snapshot.js";

export interface ZoneSuiteState {
  zones: Zone[];
  totalreservePages: number;
  /** blocks handed out by alloc ops, by op index */
  allocs: Map<number, { zone: number; pfn: number; order: number; freed: boolean }>;
}

/** The reference functions behind each target name. */
export const referenceImpl = {
  setupPerZoneWmarks,
  setupPerZoneLowmemReserve,
  calculateTotalreservePages,
  zoneWatermarkOk,
  fragmentationIndex,
  unusableFreeIndex,
  extfragIndexLine,
} as unknown as Impl;

type Fn = (...args: unknown[]) => unknown;
const call = (impl: Impl, name: string, ...args: unknown[]): unknown => (impl[name] as unknown as Fn)(...args);

function num(op: Op, field: string): number {
  const v = op[field];
  if (typeof v !== "number" || !Number.isInteger(v)) throw new Error(`op ${op.op}: field "${field}" must be an integer`);
  return v;
}

function zoneOf(s: ZoneSuiteState, op: Op): Zone {
  const i = num(op, "zone");
  const z = s.zones[i];
  if (!z) throw new Error(`op ${op.op}: no zone #${i} (the machine has ${s.zones.length})`);
  return z;
}

function markOf(zone: Zone, op: Op): number {
  if (typeof op.mark === "string") {
    const i = wmark_names.indexOf(op.mark);
    if (i < 0) throw new Error(`op watermarkOk: mark must be ${wmark_names.join(", ")} or a number`);
    return wmarkPages(zone, i);
  }
  return num(op, "mark");
}

function totalreserve(s: ZoneSuiteState, impl: Impl): unknown {
  const t = call(impl, "calculateTotalreservePages", s.zones);
  s.totalreservePages = typeof t === "number" ? t : NaN;
  return t;
}

function applyFree(s: ZoneSuiteState, op: Op): unknown {
  let a: { zone: number; pfn: number; order: number; freed: boolean } | undefined;
  if (op.ref !== undefined) a = s.allocs.get(num(op, "ref"));
  else a = { zone: num(op, "zone"), pfn: num(op, "pfn"), order: num(op, "order"), freed: false };
  if (!a || a.pfn < 0 || a.freed) return "skip";
  a.freed = true;
  const zone = zoneOf(s, { op: "free", zone: a.zone });
  freeOnePage(zone, a.pfn, a.order, getPageblockMigratetype(zone, a.pfn));
  return null;
}

function applyWatermarkOk(s: ZoneSuiteState, op: Op, impl: Impl): unknown {
  const zone = zoneOf(s, op);
  const free = op.freePages === undefined ? zone.nrFreePages : num(op, "freePages");
  return call(impl, "zoneWatermarkOk", zone, num(op, "order"), markOf(zone, op), num(op, "highestZoneIdx"), num(op, "allocFlags"), free);
}

function applyOp(s: ZoneSuiteState, op: Op, impl: Impl, index: number): unknown {
  switch (op.op) {
    case "setupWmarks":
      call(impl, "setupPerZoneWmarks", s.zones, num(op, "minFreeKbytes"), num(op, "scaleFactor"));
      return totalreserve(s, impl);
    case "lowmemReserve": {
      const ratios = op.ratios;
      if (!Array.isArray(ratios) || !ratios.every((r) => Number.isInteger(r))) throw new Error('op lowmemReserve: "ratios" must be an array of integers');
      call(impl, "setupPerZoneLowmemReserve", s.zones, [...(ratios as number[])]);
      return totalreserve(s, impl);
    }
    case "setBoost":
      zoneOf(s, op).watermarkBoost = num(op, "pages");
      return null;
    case "alloc": {
      const order = num(op, "order");
      const pfn = rmqueueSmallest(zoneOf(s, op), order, num(op, "mt"));
      s.allocs.set(index, { zone: num(op, "zone"), pfn, order, freed: false });
      return pfn;
    }
    case "free":
      return applyFree(s, op);
    case "watermarkOk":
      return applyWatermarkOk(s, op, impl);
    case "fragIndex":
      return call(impl, "fragmentationIndex", zoneOf(s, op), num(op, "order"));
    case "unusableIndex":
      return call(impl, "unusableFreeIndex", zoneOf(s, op), num(op, "order"));
    case "extfragLine":
      return call(impl, "extfragIndexLine", zoneOf(s, op));
    default:
      throw new Error(`unknown op "${op.op}"`);
  }
}

export const zoneBinding: SuiteBinding<ZoneSuiteState> = {
  name: "zone",
  setup(setup: unknown): ZoneSuiteState {
    const s = setup as NodeSetup;
    if (!s || !Array.isArray(s.zones)) throw new Error("zone setup: zones missing");
    return { zones: s.zones.map(buildZoneState), totalreservePages: s.totalreservePages ?? 0, allocs: new Map() };
  },
  apply: (s, op, impl, results) => applyOp(s, op, impl, results.length),
  digest: (s) => nodeDigest(s.zones, s.totalreservePages),
  snapshot: (s) => snapshotNode(s.zones, s.totalreservePages),
};

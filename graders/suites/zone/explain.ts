/**
 * Explaining a zone-suite divergence to a person: which watermark,
 * protection (lowmem_reserve) entry or counter differs, which invariant the
 * learner's state breaks that the reference's does not, and ops, setups and
 * results in the words /proc/zoneinfo uses.
 */

import { hexPfn } from "../../../reference/core/assert.js";
import { migratetype_names, zone_names } from "../../../reference/core/constants.js";
import { wmark_names } from "../../../reference/zone/alloc-flags.js";
import type { Observation, Op } from "../../runtime/protocol.js";
import type { Explanation } from "../buddy/explain.js";
import type { NodeSetup } from "./materialize.js";
import type { NodeSnapshot, ZoneWmarkSnapshot } from "./snapshot.js";

const MAX_LINES = 10;
const FLAG_NAMES: [number, string][] = [
  [0x04, "NO_WATERMARKS"], [0x08, "OOM"], [0x10, "NON_BLOCK"], [0x20, "MIN_RESERVE"], [0x40, "CPUSET"],
  [0x80, "CMA"], [0x100, "NOFRAGMENT"], [0x200, "HIGHATOMIC"], [0x800, "KSWAPD"],
];

const zoneLabel = (z: { name: string; nid: number }): string => `node ${z.nid} ${z.name}`;
const show = (v: unknown): string => (v === undefined ? "undefined" : v === null ? "null (NaN or missing)" : String(v));

/** alloc_flags as the kernel's names: ALLOC_WMARK_LOW|ALLOC_MIN_RESERVE. */
export function allocFlagsText(flags: number): string {
  const names = [`ALLOC_WMARK_${(wmark_names[flags & 3] ?? "?").toUpperCase()}`];
  for (const [bit, name] of FLAG_NAMES) if (flags & bit) names.push(`ALLOC_${name}`);
  return names.join("|");
}

function diffZone(e: ZoneWmarkSnapshot, a: ZoneWmarkSnapshot, out: string[]): void {
  const z = zoneLabel(e);
  e.watermark.forEach((v, i) => {
    if (a.watermark[i] !== v) out.push(`${z}: ${wmark_names[i]} watermark: expected ${show(v)}, got ${show(a.watermark[i])}`);
  });
  if (a.boost !== e.boost) out.push(`${z}: watermark_boost: expected ${show(e.boost)}, got ${show(a.boost)}`);
  e.lowmemReserve.forEach((v, j) => {
    if (a.lowmemReserve[j] !== v) out.push(`${z}: lowmem_reserve[${zone_names[j] ?? j}] (protection): expected ${show(v)}, got ${show(a.lowmemReserve[j])}`);
  });
  if (a.nrFreePages !== e.nrFreePages) out.push(`${z}: NR_FREE_PAGES: expected ${e.nrFreePages}, got ${a.nrFreePages}`);
}

/** Invariants of watermark state that hold whatever the sysctls are. */
export function brokenZoneInvariants(s: NodeSnapshot): string[] {
  const out: string[] = [];
  let managed = 0;
  for (const z of s.zones) {
    managed += z.managed;
    const w = z.watermark as number[];
    if (!w.every((v) => Number.isInteger(v) && v >= 0)) out.push(`${zoneLabel(z)}: watermarks must be whole, non-negative page counts (C integer arithmetic)`);
    else if (!(w[0]! <= w[1]! && w[1]! <= w[2]! && w[2]! <= w[3]!)) out.push(`${zoneLabel(z)}: watermarks must satisfy min <= low <= high <= promo`);
    const r = z.lowmemReserve as number[];
    if (!r.every((v, j) => Number.isInteger(v) && (j === 0 || v >= r[j - 1]!))) out.push(`${zoneLabel(z)}: lowmem_reserve must be whole and non-decreasing towards higher zones`);
  }
  const t = s.totalreservePages;
  if (typeof t !== "number" || !Number.isInteger(t) || t < 0 || t > managed) out.push("totalreserve_pages must be a whole number between 0 and the managed pages of all zones");
  return out;
}

/** For two returned strings, where they first differ: "from column 67: expected " 0.-500 ", got "-1.500 "". */
function textDiff(e: string | undefined, a: string | undefined): string | undefined {
  if (!e?.startsWith('"') || !a?.startsWith('"')) return undefined;
  const [x, y] = [JSON.parse(e) as string, JSON.parse(a) as string];
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  const cut = (t: string): string => JSON.stringify(t.slice(i, i + 16) + (t.length > i + 16 ? "…" : ""));
  return `text differs from column ${i + 1}: expected ${cut(x)}, got ${cut(y)}`;
}

/** Compare the expected and actual observation of the diverging op. */
export function explainZone(expected: Observation, actual: Observation): Explanation {
  const out: string[] = [];
  if (actual.e !== undefined) out.push(`threw ${actual.e}`);
  else if (expected.r !== actual.r) out.push(textDiff(expected.r, actual.r) ?? `returned ${actual.r}, expected ${expected.r}`);
  const es = expected.s as NodeSnapshot | null | undefined;
  const as = actual.s as NodeSnapshot | null | undefined;
  let invariant: string | undefined;
  if (es && as) {
    es.zones.forEach((z, i) => as.zones[i] && diffZone(z, as.zones[i]!, out));
    if (as.totalreservePages !== es.totalreservePages) out.push(`totalreserve_pages: expected ${show(es.totalreservePages)}, got ${show(as.totalreservePages)}`);
    const before = new Set(brokenZoneInvariants(es));
    invariant = brokenZoneInvariants(as).find((m) => !before.has(m));
  }
  const differences = out.length > MAX_LINES ? [...out.slice(0, MAX_LINES), `… and ${out.length - MAX_LINES} more differences`] : out;
  return { differences, invariant };
}

/** One op as a person reads it. */
export function describeZoneOp(op: Op, ops: readonly Op[], results: readonly (string | undefined)[]): string {
  const z = `zone #${String(op.zone)}`;
  switch (op.op) {
    case "setupWmarks":
      return `min_free_kbytes=${op.minFreeKbytes}, watermark_scale_factor=${op.scaleFactor}: setupPerZoneWmarks, then calculateTotalreservePages`;
    case "lowmemReserve":
      return `lowmem_reserve_ratio=${(op.ratios as number[]).join(" ")}: setupPerZoneLowmemReserve, then calculateTotalreservePages`;
    case "setBoost":
      return `${z}: watermark_boost = ${op.pages}`;
    case "alloc":
      return `${z}: alloc order ${op.order} ${migratetype_names[op.mt as number] ?? op.mt} (reference rmqueueSmallest)`;
    case "free": {
      if (op.ref === undefined) return `${z}: free order-${op.order} block at pfn ${hexPfn(op.pfn as number)}`;
      const src = ops[op.ref as number];
      const r = results[op.ref as number];
      return `zone #${String(src?.zone)}: free the order-${String(src?.order)} block from op #${String(op.ref)} (pfn ${r && /^\d+$/.test(r) ? hexPfn(Number(r)) : String(r)})`;
    }
    case "watermarkOk": {
      const mark = typeof op.mark === "string" ? `${op.mark}_wmark_pages` : `mark ${op.mark}`;
      const free = op.freePages === undefined ? "" : `, free_pages ${op.freePages}`;
      return `${z}: zoneWatermarkOk(order ${op.order}, ${mark}, highest_zoneidx ${zone_names[op.highestZoneIdx as number] ?? op.highestZoneIdx}, ${allocFlagsText(op.allocFlags as number)}${free})`;
    }
    case "fragIndex":
      return `${z}: fragmentationIndex(order ${op.order})`;
    case "unusableIndex":
      return `${z}: unusableFreeIndex(order ${op.order})`;
    case "extfragLine":
      return `${z}: extfragIndexLine (its line of extfrag_index)`;
    default:
      return JSON.stringify(op);
  }
}

/** The starting state: one line per zone with its size, free pages (buddyinfo-style) and watermark state. */
export function describeZoneSetup(setup: unknown): string[] {
  const s = setup as NodeSetup;
  if (!s?.zones) return [];
  const lists = s.zones.some((z) => z.free?.length);
  return s.zones.flatMap((z, i) => {
    const c = z.zone;
    const free = z.free ?? [];
    const lines = [`zone #${i} node ${c.nid ?? 0} ${c.name}: managed ${c.managedPages ?? c.spannedPages} pages (spanned ${z.spanned ?? c.spannedPages}, present ${c.presentPages ?? c.spannedPages})`];
    if (free.length) {
      const perOrder = new Array<number>(11).fill(0);
      let pages = 0;
      let atomic = 0;
      for (const [, order, mt] of free) {
        perOrder[order]!++;
        if (mt !== 4) pages += 1 << order;
        if (mt === 3) atomic += 1 << order;
      }
      lines.push(`      free ${pages} pages; blocks per order 0..10: ${perOrder.join(" ")}${atomic ? `; ${atomic} free in HighAtomic blocks` : ""}`);
    } else if (lists) lines.push("      no free pages");
    const w = z.watermark ?? [0, 0, 0, 0];
    if (w.some((v) => v !== 0) || z.boost) lines.push(`      watermarks min ${w[0]} low ${w[1]} high ${w[2]} promo ${w[3]}${z.boost ? `, boost ${z.boost}` : ""}`);
    if ((z.lowmemReserve ?? []).some((v) => v !== 0)) lines.push(`      protection: (${z.lowmemReserve!.join(", ")})`);
    return lines;
  });
}

/** An op's result as a person reads it. */
export function describeZoneResult(op: Op, r: string): string {
  if (r.startsWith("threw ")) return r;
  if ((op.op === "setupWmarks" || op.op === "lowmemReserve") && /^\d+$/.test(r)) return `totalreserve_pages ${r}`;
  if (op.op === "alloc" && r === "-1") return "-1 (no block)";
  if (op.op === "alloc" && /^\d+$/.test(r)) return hexPfn(Number(r));
  if (r === "null") return "done";
  if (r === '"skip"') return "skipped (nothing to free)";
  return r;
}

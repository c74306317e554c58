/**
 * Seeded trace generators for the zone suite. Same seed, same traces.
 *
 *  - "wmark-sysctl": a random machine (one or two nodes; DMA, DMA32, Normal,
 *    sometimes Movable, with reserved ranges so managed < present), then a
 *    random run of sysctl writes: min_free_kbytes (default, small, large, not
 *    a multiple of 4) with watermark_scale_factor 1..3000, lowmem_reserve_ratio
 *    vectors (0, 1, defaults, random) and watermark boosts.
 *  - "wmark-check": a small random machine with free lists, some pageblock
 *    pairs turned Unmovable/Reclaimable/HighAtomic, watermarks from a random
 *    min_free_kbytes (2–20% of lowmem), then allocations (large orders first,
 *    to fragment), frees and watermark checks with every alloc_flags
 *    combination, marks by name and by number, and marks chosen to sit
 *    exactly at the boundary (free − unusable − reserve + {−1, 0, 1}). The
 *    generator runs the reference as it goes.
 *  - "frag": a small random machine with free lists, allocations of every
 *    order (large ones deplete the big blocks), frees, and fragmentation /
 *    unusable-free index queries and extfrag_index lines.
 */

import { Rng } from "../../../reference/core/rng.js";
import { MAX_NR_ZONES, pageblock_order } from "../../../reference/core/constants.js";
import type { MachineConfig, ZoneSpec } from "../../../reference/machine.js";
import type { Op, TraceCase } from "../../runtime/protocol.js";
import { ALLOC_CMA, ALLOC_CPUSET, ALLOC_HIGHATOMIC, ALLOC_KSWAPD, ALLOC_MIN_RESERVE, ALLOC_NON_BLOCK, ALLOC_OOM, ALLOC_RESERVES, DEFAULT_LOWMEM_RESERVE_RATIO } from "../../../reference/zone/alloc-flags.js";
import { calculateMinFreeKbytes } from "../../../reference/zone/watermark.js";
import { referenceImpl, zoneBinding, type ZoneSuiteState } from "./binding.js";
import { materializeZoneSetup, type NodeSetup } from "./materialize.js";

export type Generator = (rng: Rng, nOps: number, params: Record<string, unknown>) => TraceCase;

const K = 1024;

/** A zone of `span` pages at `start` with the last `reserved` pages (and maybe a few at the start) reserved. */
function zoneSpec(rng: Rng, type: ZoneSpec["type"], start: number, span: number): ZoneSpec {
  const tail = rng.int(Math.floor(span / 16));
  const reserved = tail ? [{ start: start + span - tail, end: start + span }] : [];
  return { type, zoneStartPfn: start, spannedPages: span, reserved };
}

/** Largest zone sizes, in units of 1024 pages: DMA32, Normal, Movable, node 1 Normal, node 1 Movable. */
const BIG = [48, 40, 160, 40, 80];
/**
 * Machines with free lists stay small: every case builds its zones' per-page
 * arrays again in the child (shrinking runs a case many times), and the
 * child's address space is capped.
 */
const SMALL = [6, 5, 8, 4, 4];

/** A random machine with zones up to the given sizes (BIG or SMALL). */
function randomMachine(rng: Rng, max: readonly number[]): MachineConfig {
  const zones: ZoneSpec[] = [];
  if (rng.chance(0.7)) zones.push({ type: "DMA", zoneStartPfn: 1, spannedPages: 4095, memory: [{ start: 1, end: 0x9f }, { start: 0x100, end: 0x1000 }], reserved: [{ start: 1, end: 0x100 }] });
  zones.push(zoneSpec(rng, "DMA32", 0x1000, rng.range(2, max[0]!) * K));
  let next = 0x100000;
  if (rng.chance(0.8)) {
    const span = rng.range(1, max[1]!) * K + rng.int(K);
    zones.push(zoneSpec(rng, "Normal", next, span));
    next += Math.ceil(span / K) * K;
  }
  if (rng.chance(0.35)) zones.push(zoneSpec(rng, "Movable", next, rng.range(1, max[2]!) * K));
  const nodes = [{ nid: 0, zones }];
  if (rng.chance(0.25)) {
    const z1: ZoneSpec[] = [zoneSpec(rng, "Normal", 0x200000, rng.range(1, max[3]!) * K)];
    if (rng.chance(0.4)) z1.push(zoneSpec(rng, "Movable", 0x300000, rng.range(1, max[4]!) * K));
    nodes.push({ nid: 1, zones: z1 });
  }
  return { name: "random", nodes };
}

function randomRatios(rng: Rng): number[] {
  if (rng.chance(0.25)) return [...DEFAULT_LOWMEM_RESERVE_RATIO];
  return Array.from({ length: MAX_NR_ZONES }, () => [0, 1, 2, 3, 32, 256, rng.range(1, 1000)][rng.weighted([3, 2, 1, 1, 2, 2, 4])]!);
}

function defaultMinFreeKbytes(setup: NodeSetup): number {
  return calculateMinFreeKbytes(zoneBinding.setup(setup).zones);
}

function sysctlOp(rng: Rng, zones: number, dflt: number): Op {
  const kind = rng.weighted([45, 35, 20]);
  if (kind === 0) {
    const mfk = [dflt, rng.range(0, 2000), rng.range(128, 262144), rng.range(262145, 4 * 1024 * 1024)][rng.weighted([2, 3, 4, 1])]!;
    const scaleFactor = rng.chance(0.3) ? 10 : rng.chance(0.5) ? rng.range(1, 100) : rng.range(1, 3000);
    return { op: "setupWmarks", minFreeKbytes: mfk, scaleFactor };
  }
  if (kind === 1) return { op: "lowmemReserve", ratios: randomRatios(rng) };
  return { op: "setBoost", zone: rng.int(zones), pages: rng.chance(0.3) ? 0 : rng.range(1, 2000) };
}

function sysctlTrace(rng: Rng, nOps: number): TraceCase {
  const setup = materializeZoneSetup({ machine: randomMachine(rng, BIG), lists: false });
  const dflt = defaultMinFreeKbytes(setup);
  const ops: Op[] = [{ op: "setupWmarks", minFreeKbytes: dflt, scaleFactor: 10 }, { op: "lowmemReserve", ratios: [...DEFAULT_LOWMEM_RESERVE_RATIO] }];
  while (ops.length < nOps) ops.push(sysctlOp(rng, setup.zones.length, dflt));
  return { setup, ops: ops.slice(0, nOps) };
}

/** Turn random order-10-aligned pageblock pairs to other migratetypes, moving their free blocks along. */
function mixPageblocks(rng: Rng, setup: NodeSetup): void {
  for (const z of setup.zones) {
    if (!z.pageblocks) continue;
    const first = z.zone.zoneStartPfn >> pageblock_order;
    for (let b = 0; b < z.pageblocks.length; b++) {
      if (((first + b) & 1) === 0 && z.pageblocks[b] === 1) {
        const mt = [1, 0, 2, 3][rng.weighted([70, 12, 8, 10])]!;
        z.pageblocks[b] = mt;
        if (b + 1 < z.pageblocks.length && z.pageblocks[b + 1] === 1) z.pageblocks[b + 1] = mt;
      }
    }
    z.free = z.free.map(([pfn, order]) => [pfn, order, z.pageblocks![(pfn >> pageblock_order) - first]!]);
  }
}

const FLAG_BITS = [ALLOC_NON_BLOCK, ALLOC_MIN_RESERVE, ALLOC_HIGHATOMIC, ALLOC_OOM, ALLOC_CPUSET, ALLOC_KSWAPD, ALLOC_CMA];

function randomFlags(rng: Rng): number {
  let f = rng.int(3);
  if (rng.chance(0.5)) for (const bit of FLAG_BITS) if (rng.chance(0.25)) f |= bit;
  return f;
}

function checkOp(rng: Rng, s: ZoneSuiteState): Op {
  const zi = rng.int(s.zones.length);
  const zone = s.zones[zi]!;
  const order = rng.weighted([40, 10, 8, 8, 6, 6, 5, 5, 5, 4, 3]);
  const highestZoneIdx = rng.int(MAX_NR_ZONES);
  const allocFlags = randomFlags(rng);
  const op: Op = { op: "watermarkOk", zone: zi, order, mark: "low", highestZoneIdx, allocFlags };
  const kind = rng.weighted([50, 30, 10, 10]);
  if (kind === 0) op.mark = ["min", "low", "high", "promo"][rng.int(4)];
  else if (kind === 1) {
    const unusable = (1 << order) - 1 + (allocFlags & ALLOC_RESERVES ? 0 : zone.nrFreeHighatomic);
    op.mark = Math.max(0, zone.nrFreePages - unusable - zone.lowmemReserve[highestZoneIdx]! + rng.range(-1, 1));
  } else if (kind === 2) op.mark = rng.range(0, 2 * zone.nrFreePages + 10);
  else {
    op.mark = ["min", "low", "high"][rng.int(3)];
    op.freePages = rng.range(-5, zone.nrFreePages + 50);
  }
  return op;
}

function allocOp(rng: Rng, s: ZoneSuiteState): Op {
  const zi = rng.int(s.zones.length);
  const big = s.zones[zi]!.nrFreePages > 3 * s.zones[zi]!.watermark[2]!;
  const order = big ? rng.weighted([2, 1, 1, 1, 1, 1, 1, 2, 4, 8, 12]) : rng.weighted([40, 20, 14, 10, 5, 3, 2, 2, 2, 1, 1]);
  return { op: "alloc", zone: zi, order, mt: rng.weighted([25, 55, 15, 5]) };
}

function checkTrace(rng: Rng, nOps: number): TraceCase {
  const setup = materializeZoneSetup({ machine: randomMachine(rng, SMALL) });
  mixPageblocks(rng, setup);
  const s = zoneBinding.setup(setup);
  const lowmem = s.zones.filter((z) => z.name !== "Movable").reduce((n, z) => n + z.managedPages, 0);
  const ops: Op[] = [
    { op: "setupWmarks", minFreeKbytes: 4 * rng.range(Math.floor(lowmem / 50), Math.floor(lowmem / 5)), scaleFactor: rng.range(1, 300) },
    { op: "lowmemReserve", ratios: rng.chance(0.5) ? [...DEFAULT_LOWMEM_RESERVE_RATIO] : randomRatios(rng) },
  ];
  const live: number[] = [];
  const results: unknown[] = [];
  const push = (op: Op): void => {
    const r = zoneBinding.apply(s, op, referenceImpl, results);
    results.push(r);
    ops.push(op);
    if (op.op === "alloc" && typeof r === "number" && r >= 0) live.push(ops.length - 1);
  };
  for (const op of [...ops.splice(0)]) push(op);
  while (ops.length < nOps) {
    const kind = rng.weighted([50, 30, live.length ? 15 : 0, 5]);
    if (kind === 0) push(checkOp(rng, s));
    else if (kind === 1) push(allocOp(rng, s));
    else if (kind === 2) push({ op: "free", ref: live.splice(rng.int(live.length), 1)[0]! });
    else push({ op: "setBoost", zone: rng.int(s.zones.length), pages: rng.chance(0.5) ? 0 : rng.range(1, 500) });
  }
  return { setup, ops };
}

function fragQuery(rng: Rng, zones: number): Op {
  const zone = rng.int(zones);
  const kind = rng.weighted([45, 35, 20]);
  if (kind === 2) return { op: "extfragLine", zone };
  return { op: kind === 0 ? "fragIndex" : "unusableIndex", zone, order: rng.int(11) };
}

/** Random allocations of every order (large ones deplete the big blocks), frees, and index queries. */
function fragTrace(rng: Rng, nOps: number): TraceCase {
  const setup = materializeZoneSetup({ machine: randomMachine(rng, SMALL) });
  mixPageblocks(rng, setup);
  const s = zoneBinding.setup(setup);
  const ops: Op[] = [];
  const results: unknown[] = [];
  const live: number[] = [];
  while (ops.length < nOps) {
    const kind = rng.weighted([45, 35, live.length ? 20 : 0]);
    let op: Op;
    if (kind === 0) op = fragQuery(rng, s.zones.length);
    else if (kind === 1) op = { op: "alloc", zone: rng.int(s.zones.length), order: rng.weighted([30, 10, 8, 6, 5, 5, 5, 6, 8, 8, 9]), mt: rng.weighted([25, 55, 15, 5]) };
    else op = { op: "free", ref: live.splice(rng.int(live.length), 1)[0]! };
    const r = zoneBinding.apply(s, op, referenceImpl, results);
    results.push(r);
    ops.push(op);
    if (op.op === "alloc" && typeof r === "number" && r >= 0) live.push(ops.length - 1);
  }
  return { setup, ops };
}

export const generators: Record<string, Generator> = {
  "wmark-sysctl": (rng, n) => sysctlTrace(rng, n),
  "wmark-check": (rng, n) => checkTrace(rng, n),
  frag: (rng, n) => fragTrace(rng, n),
};

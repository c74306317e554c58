/**
 * Seeded trace generators for the slab suite. Same seed, same traces.
 *
 *  - "kmalloc-sizes": kmalloc size-class queries (kmallocIndex, kmallocCacheName,
 *    kmallocLargeOrder, kmalloc) over every class boundary ±1 (8 … 8192, the 96/192
 *    classes, page-order boundaries of the large path up to 4 MiB), size 0, and random
 *    sizes up to 2 MiB (log-uniform, so small sizes are as common as large ones).
 *  - "slub-geometry": calculateOrder / oo over slot sizes (mostly multiples of 8: class
 *    boundaries ±1, random up to 2 MiB) and CPU counts 1..512 (powers of two ±1 and
 *    random); freePointerOffset over object sizes and flag mixes; minPartial / cpuPartial
 *    around their thresholds; whole-cache geometry and /proc/slabinfo lines.
 */

import type { Rng } from "../../../reference/core/rng.js";
import { SLAB_HWCACHE_ALIGN, SLAB_KMALLOC, SLAB_POISON, SLAB_RED_ZONE, SLAB_STORE_USER, SLAB_TYPESAFE_BY_RCU } from "../../../reference/slab/geometry.js";
import { kmallocSizes } from "../../../reference/slab/kmalloc-sizes.js";
import type { Op, TraceCase } from "../../runtime/protocol.js";

export type Generator = (rng: Rng, nOps: number, params: Record<string, unknown>) => TraceCase;

const MAX_GEN_SIZE = 2 * 1024 * 1024;

/** Every size next to a boundary: the classes, and the large path's page orders. */
export const BOUNDARY_SIZES: readonly number[] = (() => {
  const edges = [...kmallocSizes.map((c) => c.size)];
  for (let order = 1; order <= 11; order++) edges.push(4096 * 2 ** order);
  return [...new Set(edges.flatMap((s) => [s - 1, s, s + 1]))].sort((a, b) => a - b);
})();

/** Log-uniform in [1, max]. */
function logSize(rng: Rng, max: number): number {
  const bits = rng.range(0, Math.log2(max) - 1);
  return Math.min(max, 2 ** bits + rng.int(2 ** bits) + 1);
}

function kmallocSize(rng: Rng): number {
  const k = rng.weighted([40, 5, 55]);
  if (k === 0) return rng.pick(BOUNDARY_SIZES);
  if (k === 1) return 0;
  return logSize(rng, MAX_GEN_SIZE);
}

function kmallocTrace(rng: Rng, nOps: number): TraceCase {
  const ops: Op[] = [];
  const kinds = ["kmallocIndex", "kmallocCacheName", "kmallocLargeOrder", "kmalloc"];
  for (let i = 0; i < nOps; i++) ops.push({ op: kinds[rng.weighted([30, 25, 20, 25])]!, size: kmallocSize(rng) });
  return { setup: {}, ops };
}

function cpus(rng: Rng): number {
  if (rng.chance(0.4)) return Math.max(1, Math.min(512, 2 ** rng.range(0, 9) + rng.range(-1, 1)));
  return rng.chance(0.5) ? rng.range(1, 16) : rng.range(1, 512);
}

/** A slot size: a multiple of 8 mostly, near a boundary or random up to 2 MiB. */
function slotSize(rng: Rng): number {
  const k = rng.weighted([30, 55, 15]);
  if (k === 0) return Math.max(1, rng.pick(BOUNDARY_SIZES));
  const s = logSize(rng, MAX_GEN_SIZE);
  return k === 1 ? Math.max(8, s - (s % 8)) : s;
}

function randomFlags(rng: Rng): number {
  let f = 0;
  for (const [bit, p] of [[SLAB_RED_ZONE, 0.2], [SLAB_POISON, 0.15], [SLAB_KMALLOC, 0.3], [SLAB_HWCACHE_ALIGN, 0.25], [SLAB_STORE_USER, 0.15], [SLAB_TYPESAFE_BY_RCU, 0.1]] as const) {
    if (rng.chance(p)) f |= bit;
  }
  return rng.chance(0.4) ? 0 : f;
}

function objectSize(rng: Rng): number {
  return rng.chance(0.3) ? rng.range(1, 24) : rng.chance(0.5) ? logSize(rng, 8192) : rng.pick(BOUNDARY_SIZES.filter((s) => s >= 1 && s <= 65536));
}

function thresholdSize(rng: Rng): number {
  if (rng.chance(0.5)) return Math.max(1, rng.pick([256, 1024, 4096, 2 ** rng.range(3, 21)]) + rng.range(-1, 1));
  return slotSize(rng);
}

function cacheOp(rng: Rng, kind: "cache" | "slabinfo"): Op {
  const op: Op = { op: kind, objectSize: objectSize(rng), flags: randomFlags(rng), cpus: cpus(rng) };
  if (rng.chance(0.2)) op.align = 2 ** rng.range(3, 7);
  if (rng.chance(0.15)) op.ctor = true;
  if (kind === "slabinfo") Object.assign(op, { name: `cache-${rng.int(100)}`, slabs: rng.range(0, 500) });
  return op;
}

function geometryOp(rng: Rng): Op {
  switch (rng.weighted([30, 15, 20, 10, 10, 10, 5])) {
    case 0: return { op: "calculateOrder", size: slotSize(rng), cpus: cpus(rng) };
    case 1: return { op: "oo", size: slotSize(rng), cpus: cpus(rng) };
    case 2: return { op: "freePointerOffset", objectSize: objectSize(rng), flags: randomFlags(rng), ctor: rng.chance(0.15) };
    case 3: return { op: "minPartial", size: thresholdSize(rng) };
    case 4: return { op: "cpuPartial", size: thresholdSize(rng) };
    case 5: return cacheOp(rng, "cache");
    default: return cacheOp(rng, "slabinfo");
  }
}

function geometryTrace(rng: Rng, nOps: number): TraceCase {
  const ops: Op[] = [];
  for (let i = 0; i < nOps; i++) ops.push(geometryOp(rng));
  return { setup: {}, ops };
}

export const generators: Record<string, Generator> = {
  "kmalloc-sizes": (rng, n) => kmallocTrace(rng, n),
  "slub-geometry": (rng, n) => geometryTrace(rng, n),
};

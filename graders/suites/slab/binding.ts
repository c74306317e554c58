/**
 * The slab suite's op vocabulary (kata kmalloc-index, slub-geometry). Every op is a pure
 * function call, or a composition of the kata functions through the reference's geometry
 * helpers; there is no state (digest 0, no snapshot). Runs in the grader with the
 * reference and in the sandboxed child with the learner's targets.
 *
 * Ops (results referable by index, though none refer back):
 *   {op:"kmallocIndex"|"kmallocCacheName"|"kmallocLargeOrder", size}   → number / string
 *   {op:"kmalloc", size}     → "kmalloc-96 (index 1)", "kmalloc_large order 2", "ZERO_SIZE_PTR"
 *   {op:"calculateOrder", size, cpus}                                 → number
 *   {op:"oo", size, cpus}    → "order 1, 16 objects"
 *   {op:"freePointerOffset", objectSize, flags, ctor}                  → number
 *   {op:"minPartial"|"cpuPartial", size}                              → number
 *   {op:"cache", objectSize, flags?, align?, ctor?, cpus}  → the whole geometry in one line
 *   {op:"slabinfo", name, objectSize, flags?, align?, ctor?, cpus, slabs} → a /proc/slabinfo line
 */

import { kmallocIndex, kmallocCacheName, kmallocLargeOrder } from "../../../reference/slab/kmalloc.js";
import { calculateOrder } from "../../../reference/slab/calculate-order.js";
import { freePointerOffset, minPartial, cpuPartial } from "../../../reference/slab/cache-params.js";
import { calculateSizes, orderObjects, type CacheArgs, type SlubFns } from "../../../reference/slab/geometry.js";
import { fullSlabsCounts, slabinfoLine } from "../../../reference/slab/slabinfo.js";
import type { Impl, SuiteBinding } from "../../runtime/executor.js";
import type { Op } from "../../runtime/protocol.js";

export const referenceImpl = {
  kmallocIndex, kmallocCacheName, kmallocLargeOrder, calculateOrder, freePointerOffset, minPartial, cpuPartial,
} as unknown as Impl;

type Fn = (...args: unknown[]) => unknown;
const call = (impl: Impl, name: string, ...args: unknown[]): unknown => (impl[name] as unknown as Fn)(...args);

/** An integer field in [lo, hi] (`dflt` when absent and allowed). */
export function int(op: Op, field: string, lo: number, hi: number, dflt?: number): number {
  const v = op[field] ?? dflt;
  if (typeof v !== "number" || !Number.isInteger(v) || v < lo || v > hi) throw new Error(`op ${op.op}: field "${field}" must be an integer in ${lo}..${hi}`);
  return v;
}

const MAX_SIZE = 1 << 30;

function fnsOf(impl: Impl): SlubFns {
  return {
    calculateOrder: (size, cpus) => Number(call(impl, "calculateOrder", size, cpus)),
    freePointerOffset: (o, f, c) => Number(call(impl, "freePointerOffset", o, f, c)),
    minPartial: (size) => Number(call(impl, "minPartial", size)),
    cpuPartial: (size) => Number(call(impl, "cpuPartial", size)),
  };
}

function cacheArgs(op: Op): CacheArgs {
  return {
    objectSize: int(op, "objectSize", 1, 1 << 22),
    flags: int(op, "flags", 0, 0xffff, 0),
    align: int(op, "align", 1, 65536, 8),
    ctor: op.ctor === true,
    nrCpus: int(op, "cpus", 1, 8192),
  };
}

function applyKmalloc(op: Op, impl: Impl): string {
  const size = int(op, "size", 0, MAX_SIZE);
  const name = String(call(impl, "kmallocCacheName", size));
  if (name === "kmalloc_large") return `kmalloc_large order ${String(call(impl, "kmallocLargeOrder", size))}`;
  if (size === 0) return name;
  return `${name} (index ${String(call(impl, "kmallocIndex", size))})`;
}

function applyOo(op: Op, impl: Impl): string {
  const size = int(op, "size", 1, MAX_SIZE);
  const order = Number(call(impl, "calculateOrder", size, int(op, "cpus", 1, 8192)));
  if (!Number.isInteger(order) || order < 0 || order > 20) return `order ${order}`;
  return `order ${order}, ${orderObjects(order, size)} objects`;
}

function applyCache(op: Op, impl: Impl): string {
  const g = calculateSizes(cacheArgs(op), fnsOf(impl));
  return `size ${g.size} offset ${g.offset} inuse ${g.inuse} oo ${g.order}/${g.objects} min_partial ${g.minPartial} cpu_partial ${g.cpuPartial} (${g.cpuPartialSlabs} slabs)`;
}

function applySlabinfo(op: Op, impl: Impl): string {
  const g = calculateSizes(cacheArgs(op), fnsOf(impl));
  const name = typeof op.name === "string" && /^[\w.:-]{1,32}$/.test(op.name) ? op.name : "cache";
  return slabinfoLine(name, g, fullSlabsCounts(g, int(op, "slabs", 0, 1 << 20, 1)));
}

export const slabBinding: SuiteBinding<null> = {
  name: "slab",
  setup: () => null,
  apply(_s, op, impl): unknown {
    switch (op.op) {
      case "kmallocIndex":
      case "kmallocCacheName":
      case "kmallocLargeOrder":
        return call(impl, op.op, int(op, "size", 0, MAX_SIZE));
      case "kmalloc":
        return applyKmalloc(op, impl);
      case "calculateOrder":
        return call(impl, op.op, int(op, "size", 1, MAX_SIZE), int(op, "cpus", 1, 8192));
      case "oo":
        return applyOo(op, impl);
      case "freePointerOffset":
        return call(impl, op.op, int(op, "objectSize", 1, 1 << 22), int(op, "flags", 0, 0xffff, 0), op.ctor === true);
      case "minPartial":
      case "cpuPartial":
        return call(impl, op.op, int(op, "size", 1, MAX_SIZE));
      case "cache":
        return applyCache(op, impl);
      case "slabinfo":
        return applySlabinfo(op, impl);
      default:
        throw new Error(`unknown op "${op.op}"`);
    }
  },
  digest: () => 0,
  snapshot: () => null,
};

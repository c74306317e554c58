/**
 * SLUB cache geometry: the layout of one object slot and the shape of a slab, as
 * calculate_sizes() and kmem_cache_open() derive them from an object size, flags and
 * alignment.
 *
 * A slot is [object (free pointer inside, at the middle)] or, when the object must stay
 * intact while free, [object][free pointer]; debug flags add red zones and tracking after
 * it; the slot is rounded up to the cache's alignment (s->size, "slab_size"). A slab is
 * 2^order pages holding (PAGE_SIZE << order) / size slots; `oo` packs both as
 * (order << 16) | objects.
 *
 * The functions a kata asks for (calculateOrder, freePointerOffset, minPartial,
 * cpuPartial) are passed in as `SlubFns`, so the grader composes the reference's and the
 * child composes the learner's.
 *
 * Differences from Linux: no KASAN metadata; cache_line_size() is 64; slub_min_order,
 * slub_max_order and slub_min_objects are at their defaults.
 */

import { PAGE_SIZE } from "../core/constants.js";
import { alignUp } from "./kmalloc-sizes.js";

export const SLAB_CONSISTENCY_CHECKS = 1 << 0;
export const SLAB_RED_ZONE = 1 << 1;
export const SLAB_POISON = 1 << 2;
export const SLAB_KMALLOC = 1 << 3;
export const SLAB_HWCACHE_ALIGN = 1 << 4;
export const SLAB_STORE_USER = 1 << 7;
export const SLAB_TYPESAFE_BY_RCU = 1 << 9;

/** Orders SLUB tries for a slab by default (slab_min_order=, slab_max_order= at boot). */
export const SLUB_MIN_ORDER = 0;
export const SLUB_MAX_ORDER = 3;
/** slab->objects is 15 bits. */
export const MAX_OBJS_PER_PAGE = 32767;
export const OO_SHIFT = 16;
export const MIN_PARTIAL = 5;
export const MAX_PARTIAL = 10;
export const CACHE_LINE_SIZE = 64;
/** sizeof(struct track) with CONFIG_STACKDEPOT on x86-64. */
export const TRACK_SIZE = 24;

/**
 * Objects of `size` bytes in a slab of order `order`: (PAGE_SIZE << order) / size.
 * @see mm/slub.c order_objects
 */
export function orderObjects(order: number, size: number): number {
  return Math.floor((PAGE_SIZE * 2 ** order) / size);
}

/** (order << 16) | objects. @see mm/slub.c oo_make */
export function ooMake(order: number, size: number): number {
  return ((order << OO_SHIFT) | orderObjects(order, size)) >>> 0;
}

/** @see mm/slub.c oo_order */
export const ooOrder = (oo: number): number => oo >>> OO_SHIFT;
/** @see mm/slub.c oo_objects */
export const ooObjects = (oo: number): number => oo & ((1 << OO_SHIFT) - 1);

/**
 * Slabs the per-CPU partial list may hold: cpuPartial objects at half-full slabs,
 * DIV_ROUND_UP(cpuPartial * 2, objectsPerSlab).
 * @see mm/slub.c slub_set_cpu_partial
 */
export function cpuPartialSlabs(cpuPartial: number, objectsPerSlab: number): number {
  return Math.ceil((cpuPartial * 2) / objectsPerSlab);
}

/**
 * The alignment of a cache's slots: at least `align`, a cache line (halved while the
 * object fits in half of it) with SLAB_HWCACHE_ALIGN, and at least a word.
 * @see mm/slab_common.c calculate_alignment
 */
export function calculateAlignment(flags: number, align: number, size: number): number {
  if (flags & SLAB_HWCACHE_ALIGN) {
    let ralign = CACHE_LINE_SIZE;
    while (size <= ralign / 2) ralign /= 2;
    align = Math.max(align, ralign);
  }
  return alignUp(Math.max(align, 8), 8);
}

/** The kata functions a geometry depends on. */
export interface SlubFns {
  calculateOrder(size: number, nrCpus: number): number;
  freePointerOffset(objectSize: number, flags: number, hasCtor: boolean): number;
  minPartial(size: number): number;
  cpuPartial(size: number): number;
}

export interface CacheArgs {
  objectSize: number;
  flags?: number;
  /** requested alignment (default 8) */
  align?: number;
  ctor?: boolean;
  nrCpus: number;
}

export interface CacheGeometry {
  objectSize: number;
  /** bytes in use by the object and its right red zone */
  inuse: number;
  offset: number;
  /** the slot size, s->size */
  size: number;
  align: number;
  redLeftPad: number;
  order: number;
  objects: number;
  minPartial: number;
  cpuPartial: number;
  cpuPartialSlabs: number;
}

/** Metadata after the free pointer: tracking, right red zone and left pad. */
function debugTail(flags: number, align: number): { bytes: number; redLeftPad: number } {
  let bytes = 0;
  let redLeftPad = 0;
  if (flags & SLAB_STORE_USER) bytes += 2 * TRACK_SIZE + (flags & SLAB_KMALLOC ? 8 : 0);
  if (flags & SLAB_RED_ZONE) {
    redLeftPad = alignUp(8, align);
    bytes += 8 + redLeftPad;
  }
  return { bytes, redLeftPad };
}

/**
 * A cache's geometry from its object size, flags, alignment and CPU count, with the kata
 * functions `fns`. Throws RangeError for objectSize < 1 or when no slab order fits.
 * @see mm/slub.c calculate_sizes
 */
export function calculateSizes(args: CacheArgs, fns: SlubFns): CacheGeometry {
  const { objectSize, nrCpus } = args;
  const flags = args.flags ?? 0;
  if (!(objectSize >= 1) || !Number.isInteger(objectSize)) throw new RangeError(`calculateSizes: objectSize ${objectSize} must be a positive integer`);
  const align = calculateAlignment(flags, args.align ?? 8, objectSize);
  let inuse = alignUp(objectSize, 8);
  if (flags & SLAB_RED_ZONE && inuse === objectSize) inuse += 8;
  const offset = fns.freePointerOffset(objectSize, flags, args.ctor === true);
  let size = offset >= inuse ? inuse + 8 : inuse;
  const tail = debugTail(flags, align);
  size = alignUp(size + tail.bytes, align);
  const order = fns.calculateOrder(size, nrCpus);
  if (order < 0) throw new RangeError(`calculateSizes: no slab order fits objects of ${size} bytes`);
  const objects = orderObjects(order, size);
  const cpuPartial = flags & (SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER) ? 0 : fns.cpuPartial(size);
  return {
    objectSize, inuse, offset, size, align, redLeftPad: tail.redLeftPad, order, objects,
    minPartial: fns.minPartial(size), cpuPartial, cpuPartialSlabs: cpuPartialSlabs(cpuPartial, objects),
  };
}

/**
 * The geometry of the kmalloc cache for class size `classSize` (8, 16, …, 96, …, 8192):
 * SLAB_KMALLOC, aligned to the largest power of two dividing the size.
 * @see mm/slab_common.c create_boot_cache
 */
export function kmallocCacheGeometry(classSize: number, nrCpus: number, fns: SlubFns): CacheGeometry {
  const align = Math.max(8, classSize & -classSize);
  return calculateSizes({ objectSize: classSize, flags: SLAB_KMALLOC, align, nrCpus }, fns);
}

/**
 * SLUB geometry: slab order, free pointer, partial lists  (mmkata kata "slub-geometry")
 *
 * Implement every function below: replace each `throw` with your code.
 *   npm test         runs the public tests (npm run test:watch re-runs them on save)
 *   npm run grade    grades your solution against the hidden suite
 */

import {
  PAGE_SIZE,
  MAX_PAGE_ORDER,
  SLUB_MIN_ORDER,
  SLUB_MAX_ORDER,
  MAX_OBJS_PER_PAGE,
  MIN_PARTIAL,
  MAX_PARTIAL,
  SLAB_RED_ZONE,
  SLAB_POISON,
  SLAB_STORE_USER,
  SLAB_KMALLOC,
  SLAB_TYPESAFE_BY_RCU,
  fls,
  ilog2,
  getOrder,
  orderObjects,
  alignUp,
  alignDown,
} from "mmkata/kata";

/**
 * Return the page order of a slab for slots of `size` bytes on a machine with `nrCpus` CPUs:
 * min_objects = 4 * (fls(nrCpus) + 1), capped by the objects an order-SLUB_MAX_ORDER slab
 * holds; from min_order = get_order(min_objects * size), the first order up to
 * SLUB_MAX_ORDER wasting at most 1/16 of the slab, else 1/8, 1/4, 1/2; else get_order(size)
 * if it is at most MAX_PAGE_ORDER, else -1.
 *
 * @param size bytes per slot (s->size), >= 1
 * @param nrCpus CPUs, >= 1
 * @returns the slab order, or -1
 * @see mm/slub.c calculate_order
 */
export function calculateOrder(size: number, nrCpus: number): number {
  throw new Error("calculateOrder: not implemented yet");
}

/**
 * Return the byte offset of the free pointer in a free object of `objectSize` bytes:
 * alignDown(objectSize / 2, 8) in the middle of the object, or past it (at inuse =
 * alignUp(objectSize, 8), 8 more if SLAB_RED_ZONE and objectSize is a multiple of 8) when
 * the cache has a constructor, SLAB_TYPESAFE_BY_RCU or SLAB_POISON, or SLAB_RED_ZONE with
 * objectSize < 8 or with SLAB_STORE_USER and SLAB_KMALLOC both set.
 *
 * @param objectSize the object's size in bytes, >= 1
 * @param flags SLAB_* flags
 * @param hasCtor the cache has a constructor
 * @returns s->offset
 * @see mm/slub.c calculate_sizes
 */
export function freePointerOffset(objectSize: number, flags: number, hasCtor: boolean): number {
  throw new Error("freePointerOffset: not implemented yet");
}

/**
 * Return how many partial slabs a node keeps before freeing empty ones: ilog2(size) / 2
 * clamped to [MIN_PARTIAL, MAX_PARTIAL] = [5, 10].
 *
 * @param size bytes per slot (s->size), >= 1
 * @see mm/slub.c set_min_partial
 */
export function minPartial(size: number): number {
  throw new Error("minPartial: not implemented yet");
}

/**
 * Return the per-CPU partial list's capacity in objects: 6 for size >= PAGE_SIZE, 24 for >=
 * 1024, 52 for >= 256, else 120.
 *
 * @param size bytes per slot (s->size), >= 1
 * @see mm/slub.c set_cpu_partial
 */
export function cpuPartial(size: number): number {
  throw new Error("cpuPartial: not implemented yet");
}

/**
 * How big a slab is (kata slub-geometry): the page order SLUB picks for a cache whose
 * objects take `size` bytes each (s->size, after alignment and metadata).
 *
 * The rule trades waste against order. A slab should hold at least min_objects objects,
 * more on bigger machines (4 · (fls(cpus) + 1): 8 for 1 CPU, 12 for 2–3, 16 for 4–7, 36
 * for 256–511), so that the lock-free per-CPU fast path is not refilled too often. From the
 * smallest order that fits them, take the first order up to slub_max_order (3) that wastes
 * at most 1/16 of the slab; failing that 1/8, 1/4, 1/2; failing all, get_order(size).
 *
 * Differences from Linux: `nrCpus` is the CPU count the kernel settles on (num_present_cpus,
 * or nr_cpu_ids when only one CPU is present); slub_min_objects, slub_min_order and
 * slub_max_order are at their defaults (0, 0, 3).
 */

import { MAX_PAGE_ORDER } from "../core/constants.js";
import { fls, getOrder } from "./kmalloc-sizes.js";
import { MAX_OBJS_PER_PAGE, SLUB_MAX_ORDER, SLUB_MIN_ORDER, orderObjects } from "./geometry.js";

/** The first order in [minOrder, maxOrder] wasting at most slab/fraction; maxOrder + 1 if none. */
function calcSlabOrder(size: number, minOrder: number, maxOrder: number, fraction: number): number {
  let order = minOrder;
  for (; order <= maxOrder; order++) {
    const slabBytes = 4096 * 2 ** order;
    if (slabBytes % size <= Math.floor(slabBytes / fraction)) break;
  }
  return order;
}

/**
 * The page order of a slab for objects of `size` bytes on a machine with `nrCpus` CPUs.
 * Returns -1 when not even get_order(size) fits MAX_PAGE_ORDER (the kernel's -ENOSYS).
 * Examples (2 CPUs): size 96 → 0 (42 objects), 512 → 1 (16), 1024 → 2, 8192 → 3 (4).
 * @see mm/slub.c calculate_order
 */
export function calculateOrder(size: number, nrCpus: number): number {
  if (!(size >= 1) || !(nrCpus >= 1)) throw new RangeError(`calculateOrder: size ${size} and nrCpus ${nrCpus} must be >= 1`);
  let minObjects = 4 * (fls(nrCpus) + 1);
  const maxObjects = Math.max(orderObjects(SLUB_MAX_ORDER, size), 1);
  minObjects = Math.min(minObjects, maxObjects);
  const minOrder = Math.max(SLUB_MIN_ORDER, getOrder(minObjects * size));
  if (orderObjects(minOrder, size) > MAX_OBJS_PER_PAGE) return getOrder(size * MAX_OBJS_PER_PAGE) - 1;
  for (let fraction = 16; fraction > 1; fraction /= 2) {
    const order = calcSlabOrder(size, minOrder, SLUB_MAX_ORDER, fraction);
    if (order <= SLUB_MAX_ORDER) return order;
  }
  const order = getOrder(size);
  return order <= MAX_PAGE_ORDER ? order : -1;
}

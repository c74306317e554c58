/**
 * Per-cache SLUB parameters (kata slub-geometry): where the free pointer lives in a free
 * object, how many empty slabs a node keeps (min_partial), and how many objects the
 * per-CPU partial lists may hold (cpu_partial).
 *
 * A free object stores the pointer to the next free object inside itself. Since Linux 5.7
 * that word sits in the middle of the object, not at offset 0, so that a small overflow
 * from the previous object or underflow from the next one does not hit it. When the
 * object's contents must survive free (a constructor ran, SLAB_TYPESAFE_BY_RCU readers
 * may still look, SLAB_POISON fills it, a tiny object needs its red zone), the pointer
 * moves just past the object instead.
 *
 * Differences from Linux: RCU caches with an explicit freeptr_offset are not modelled
 * (they are treated like other RCU caches); cpuPartial ignores debug caches (0 in Linux).
 */

import { alignDown, alignUp, ilog2 } from "./kmalloc-sizes.js";
import { MAX_PARTIAL, MIN_PARTIAL, SLAB_KMALLOC, SLAB_POISON, SLAB_RED_ZONE, SLAB_STORE_USER, SLAB_TYPESAFE_BY_RCU } from "./geometry.js";

const WORD = 8;

/**
 * The byte offset of the free pointer in an object of `objectSize` bytes of a cache with
 * SLAB_* `flags` and, if `hasCtor`, a constructor.
 * Inside the object: alignDown(objectSize / 2, 8) (96 → 48, 100 → 48, 8 → 0).
 * Past it (offset = inuse = ALIGN(objectSize, 8), plus 8 if SLAB_RED_ZONE and objectSize is
 * already word-aligned): with a ctor, SLAB_TYPESAFE_BY_RCU, SLAB_POISON, or SLAB_RED_ZONE
 * when objectSize < 8 or the cache tracks kmalloc's original size (SLAB_STORE_USER and
 * SLAB_KMALLOC).
 * @see mm/slub.c calculate_sizes
 */
export function freePointerOffset(objectSize: number, flags: number, hasCtor: boolean): number {
  let inuse = alignUp(objectSize, WORD);
  const redZone = (flags & SLAB_RED_ZONE) !== 0;
  if (redZone && inuse === objectSize) inuse += WORD;
  const origSize = (flags & SLAB_STORE_USER) !== 0 && (flags & SLAB_KMALLOC) !== 0;
  const outside = hasCtor || (flags & (SLAB_TYPESAFE_BY_RCU | SLAB_POISON)) !== 0 || (redZone && (objectSize < WORD || origSize));
  return outside ? inuse : alignDown(Math.floor(objectSize / 2), WORD);
}

/**
 * How many partial slabs a node keeps before it frees empty ones: ilog2(size) / 2 clamped
 * to [5, 10]. size is the cache's slab object size s->size (>= 1): 64 → 5, 4096 → 6,
 * 1 MiB → 10.
 * @see mm/slub.c set_min_partial
 */
export function minPartial(size: number): number {
  return Math.min(MAX_PARTIAL, Math.max(MIN_PARTIAL, Math.floor(ilog2(size) / 2)));
}

/**
 * The per-CPU partial list's capacity in objects for slab objects of `size` bytes:
 * 6 from PAGE_SIZE (4096) up, 24 from 1024, 52 from 256, else 120.
 * @see mm/slub.c set_cpu_partial
 */
export function cpuPartial(size: number): number {
  if (size >= 4096) return 6;
  if (size >= 1024) return 24;
  if (size >= 256) return 52;
  return 120;
}

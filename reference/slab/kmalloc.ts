/**
 * kmalloc's size-class selection (kata kmalloc-index): which cache serves a request of
 * `size` bytes, what that cache is called, and how many pages a request too big for any
 * cache takes from the buddy allocator.
 *
 * The classes are powers of two from 8 to 8192 plus 96 and 192, which sit at indices 1
 * and 2 of kmalloc_caches[] so that index n >= 3 can stay "the class 2^n". A request goes
 * to the smallest class that holds it: 65..96 → kmalloc-96, 97..128 → kmalloc-128.
 *
 * Differences from Linux: kmallocIndex follows the compile-time __kmalloc_index (classes
 * up to 2 MiB, -1 where the kernel would BUG); the runtime kmalloc_slab() uses the
 * kmalloc_size_index[] table below 192 bytes and fls(size - 1) above, which gives the same
 * answer for every cached size. Names are those of the KMALLOC_NORMAL family.
 */

import { KMALLOC_MAX_CACHE_SIZE, KMALLOC_MAX_SIZE, KMALLOC_MIN_SIZE, KMALLOC_SHIFT_LOW, fls, getOrder } from "./kmalloc-sizes.js";

/**
 * The kmalloc_caches[] index for a request of `size` bytes: 0 for size 0 (kmalloc(0)
 * returns ZERO_SIZE_PTR, no cache), 3 for 1..8, 1 for 65..96, 2 for 129..192, otherwise
 * n for 2^(n-1) < size <= 2^n, up to 21 (2 MiB). Returns -1 above 2 MiB (a BUG in Linux).
 * @see include/linux/slab.h __kmalloc_index
 */
export function kmallocIndex(size: number): number {
  if (size === 0) return 0;
  if (size <= KMALLOC_MIN_SIZE) return KMALLOC_SHIFT_LOW;
  if (size > 64 && size <= 96) return 1;
  if (size > 128 && size <= 192) return 2;
  if (size > 2 * 1024 * 1024) return -1;
  return fls(size - 1);
}

/**
 * The cache a kmalloc of `size` bytes is served from: "kmalloc-8" … "kmalloc-96" …
 * "kmalloc-1k" … "kmalloc-8k"; "ZERO_SIZE_PTR" for size 0; "kmalloc_large" for sizes above
 * KMALLOC_MAX_CACHE_SIZE (8192), which bypass the slab caches.
 * @see mm/slab_common.c kmalloc_slab
 */
export function kmallocCacheName(size: number): string {
  if (size === 0) return "ZERO_SIZE_PTR";
  if (size > KMALLOC_MAX_CACHE_SIZE) return "kmalloc_large";
  const index = kmallocIndex(size);
  const classSize = index === 1 ? 96 : index === 2 ? 192 : 1 << index;
  return `kmalloc-${classSize >= 1024 ? `${classSize / 1024}k` : classSize}`;
}

/**
 * The page order a kmalloc of `size` bytes allocates from the buddy allocator on the
 * large path: get_order(size) for KMALLOC_MAX_CACHE_SIZE < size <= KMALLOC_MAX_SIZE
 * (8193 bytes → order 2, 2 MiB → order 9). Returns -1 when the request does not take
 * that path: size <= 8192 (a slab cache serves it) or size > 4 MiB (the allocation fails).
 * @see mm/slub.c __kmalloc_large_node
 */
export function kmallocLargeOrder(size: number): number {
  if (size <= KMALLOC_MAX_CACHE_SIZE || size > KMALLOC_MAX_SIZE) return -1;
  return getOrder(size);
}

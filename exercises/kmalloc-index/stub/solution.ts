/**
 * kmalloc size classes: __kmalloc_index and the large path  (mmkata kata "kmalloc-index")
 *
 * Implement every function below: replace each `throw` with your code.
 *   npm test         runs the public tests (npm run test:watch re-runs them on save)
 *   npm run grade    grades your solution against the hidden suite
 */

import {
  KMALLOC_MIN_SIZE,
  KMALLOC_MAX_CACHE_SIZE,
  KMALLOC_MAX_SIZE,
  getOrder,
  fls,
} from "mmkata/kata";

/**
 * Return the kmalloc_caches[] index for a request of `size` bytes: 0 for size 0, 3 for 1..8,
 * 1 for 65..96 (kmalloc-96), 2 for 129..192 (kmalloc-192), otherwise n where 2^(n-1) < size
 * <= 2^n, up to 21 for 2 MiB; -1 above 2 MiB.
 *
 * @param size requested bytes, >= 0
 * @returns the cache index, 0, or -1
 * @see include/linux/slab.h __kmalloc_index
 */
export function kmallocIndex(size: number): number {
  throw new Error("kmallocIndex: not implemented yet");
}

/**
 * Return the name of the cache a kmalloc of `size` bytes comes from: "kmalloc-8" …
 * "kmalloc-96" … "kmalloc-1k" … "kmalloc-8k"; "ZERO_SIZE_PTR" for size 0; "kmalloc_large"
 * above KMALLOC_MAX_CACHE_SIZE (8192).
 *
 * @param size requested bytes, >= 0
 * @returns the cache name
 * @see mm/slab_common.c kmalloc_slab
 */
export function kmallocCacheName(size: number): string {
  throw new Error("kmallocCacheName: not implemented yet");
}

/**
 * Return the page order a kmalloc of `size` bytes takes from the buddy allocator on the
 * large path: get_order(size) for 8192 < size <= KMALLOC_MAX_SIZE (4 MiB); -1 when a slab
 * cache serves it (size <= 8192) or the request is too big (size > 4 MiB).
 *
 * @param size requested bytes, >= 0
 * @returns the page order, or -1
 * @see mm/slub.c __kmalloc_large_node
 */
export function kmallocLargeOrder(size: number): number {
  throw new Error("kmallocLargeOrder: not implemented yet");
}

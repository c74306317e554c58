/**
 * kmalloc size classes: the constants and the class table of include/linux/slab.h for
 * x86-64 with 4 KiB pages, plus the bit helpers (fls, ilog2, get_order) slab sizing uses.
 *
 * Linux keeps one kmem_cache per class, `kmalloc_caches[type][index]`; index 1 and 2 are
 * the odd classes 96 and 192, index n >= 3 is the class 2^n. Requests above
 * KMALLOC_MAX_CACHE_SIZE (two pages) bypass the caches and take whole pages from the
 * buddy allocator (`kmalloc_large`).
 *
 * Differences from Linux: only the KMALLOC_NORMAL family is named; the rcl/cg/dma copies
 * and random copies share its geometry and are not modelled here.
 */

import { MAX_PAGE_ORDER, PAGE_SHIFT, PAGE_SIZE } from "../core/constants.js";

/** Smallest class: ARCH_KMALLOC_MINALIGN on x86-64. */
export const KMALLOC_MIN_SIZE = 8;
export const KMALLOC_SHIFT_LOW = 3;
/** Largest cached class is 2^13 = two pages. */
export const KMALLOC_SHIFT_HIGH = PAGE_SHIFT + 1;
/** Largest kmalloc of all: an order-MAX_PAGE_ORDER block. */
export const KMALLOC_SHIFT_MAX = MAX_PAGE_ORDER + PAGE_SHIFT;
export const KMALLOC_MAX_CACHE_SIZE = 1 << KMALLOC_SHIFT_HIGH;
export const KMALLOC_MAX_SIZE = 1 << KMALLOC_SHIFT_MAX;
/** What kmalloc(0) returns: a non-NULL pointer that faults on any access. */
export const ZERO_SIZE_PTR = 16;

/** One kmalloc cache: its index in kmalloc_caches[], object size and name. */
export interface KmallocClass {
  readonly index: number;
  readonly size: number;
  readonly name: string;
}

function shortSize(size: number): string {
  return size >= 1024 ? `${size / 1024}k` : String(size);
}

/**
 * The cached classes in size order: kmalloc-8 … kmalloc-8k, with kmalloc-96 (index 1)
 * between 64 and 128 and kmalloc-192 (index 2) between 128 and 256.
 * @see mm/slab_common.c kmalloc_info
 */
export const kmallocSizes: readonly KmallocClass[] = Object.freeze(
  [8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192].map((size) =>
    Object.freeze({ index: size === 96 ? 1 : size === 192 ? 2 : Math.log2(size), size, name: `kmalloc-${shortSize(size)}` }),
  ),
);

/**
 * Find last set: the 1-based position of the highest set bit of x, 0 for x = 0.
 * fls(1) = 1, fls(2) = 2, fls(12) = 4. x must be a non-negative integer below 2^53.
 * @see include/asm-generic/bitops/fls.h fls
 */
export function fls(x: number): number {
  let n = 0;
  for (let v = Math.floor(x); v >= 0x100000000; v = Math.floor(v / 0x100000000)) n += 32;
  return x <= 0 ? 0 : n + 32 - Math.clz32(Math.floor(x / 2 ** n));
}

/**
 * Integer log2, rounded down: ilog2(96) = 6. x must be >= 1.
 * @see include/linux/log2.h ilog2
 */
export function ilog2(x: number): number {
  if (!(x >= 1)) throw new RangeError(`ilog2: ${x} must be >= 1`);
  return fls(x) - 1;
}

/**
 * The smallest order whose block (PAGE_SIZE << order bytes) holds `size` bytes:
 * get_order(1..4096) = 0, get_order(4097) = 1, get_order(8192) = 1, get_order(8193) = 2.
 * size must be >= 1 (get_order(0) is undefined in Linux).
 * @see include/asm-generic/getorder.h get_order
 */
export function getOrder(size: number): number {
  if (!(size >= 1)) throw new RangeError(`getOrder: size ${size} must be >= 1`);
  return Math.max(0, fls(Math.ceil(size / PAGE_SIZE) - 1));
}

/** Round x up to a multiple of a (a power of two). @see include/linux/align.h ALIGN */
export function alignUp(x: number, a: number): number {
  return Math.ceil(x / a) * a;
}

/** Round x down to a multiple of a (a power of two). @see include/linux/align.h ALIGN_DOWN */
export function alignDown(x: number, a: number): number {
  return Math.floor(x / a) * a;
}

/**
 * kmalloc size classes (reference/slab/kmalloc*.ts) against include/linux/slab.h's
 * __kmalloc_index table, the runtime kmalloc_slab() rule (size_index[] below 192,
 * fls(size - 1) above) and get_order.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  KMALLOC_MAX_CACHE_SIZE, KMALLOC_MAX_SIZE, fls, getOrder, ilog2, kmallocSizes,
} from "../../reference/slab/kmalloc-sizes.js";
import { kmallocCacheName, kmallocIndex, kmallocLargeOrder } from "../../reference/slab/kmalloc.js";

/** mm/slab_common.c size_index[24]: the class index for sizes 1..192 by (size - 1) / 8. */
const SIZE_INDEX = [3, 4, 5, 5, 6, 6, 6, 6, 1, 1, 1, 1, 7, 7, 7, 7, 2, 2, 2, 2, 2, 2, 2, 2];

describe("kmalloc constants", () => {
  it("caches up to two pages, kmalloc up to 4 MiB", () => {
    expect(KMALLOC_MAX_CACHE_SIZE).toBe(8192);
    expect(KMALLOC_MAX_SIZE).toBe(4 * 1024 * 1024);
  });

  it("lists the 13 classes with their kmalloc_caches[] index and name", () => {
    expect(kmallocSizes.map((c) => `${c.index}:${c.name}`)).toEqual([
      "3:kmalloc-8", "4:kmalloc-16", "5:kmalloc-32", "6:kmalloc-64", "1:kmalloc-96", "7:kmalloc-128",
      "2:kmalloc-192", "8:kmalloc-256", "9:kmalloc-512", "10:kmalloc-1k", "11:kmalloc-2k", "12:kmalloc-4k", "13:kmalloc-8k",
    ]);
  });
});

describe("bit helpers", () => {
  it("fls, ilog2 and get_order match their definitions", () => {
    expect([0, 1, 2, 3, 12, 255, 256, 2 ** 32, 2 ** 40 - 1].map(fls)).toEqual([0, 1, 2, 2, 4, 8, 9, 33, 40]);
    expect([1, 96, 4096, 4097].map(ilog2)).toEqual([0, 6, 12, 12]);
    expect([1, 4096, 4097, 8192, 8193, 2 * 1024 * 1024, 4 * 1024 * 1024 + 1].map(getOrder)).toEqual([0, 0, 1, 1, 2, 9, 11]);
  });

  it("get_order is the smallest order whose block holds the size", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1 << 26 }), (size) => {
      const o = getOrder(size);
      return 4096 * 2 ** o >= size && (o === 0 || 4096 * 2 ** (o - 1) < size);
    }));
  });
});

describe("kmallocIndex", () => {
  it("follows __kmalloc_index at every class boundary", () => {
    const cases: [number, number][] = [[0, 0], [1, 3], [8, 3], [9, 4], [16, 4], [17, 5], [64, 6], [65, 1], [96, 1], [97, 7],
      [128, 7], [129, 2], [192, 2], [193, 8], [256, 8], [257, 9], [1024, 10], [1025, 11], [8192, 13], [8193, 14], [2 * 1024 * 1024, 21]];
    for (const [size, index] of cases) expect(kmallocIndex(size), `size ${size}`).toBe(index);
    expect(kmallocIndex(2 * 1024 * 1024 + 1), "above 2 MiB: BUG in Linux").toBe(-1);
  });

  it("agrees with the runtime kmalloc_slab rule for every cached size", () => {
    for (let size = 1; size <= KMALLOC_MAX_CACHE_SIZE; size++) {
      const runtime = size <= 192 ? SIZE_INDEX[Math.floor((size - 1) / 8)] : fls(size - 1);
      expect(kmallocIndex(size)).toBe(runtime);
    }
  });
});

describe("kmallocCacheName and the large path", () => {
  it("names the smallest class that holds the request", () => {
    expect([1, 8, 9, 65, 96, 97, 129, 192, 193, 1000, 1025, 4097, 8192].map(kmallocCacheName)).toEqual([
      "kmalloc-8", "kmalloc-8", "kmalloc-16", "kmalloc-96", "kmalloc-96", "kmalloc-128", "kmalloc-192", "kmalloc-192",
      "kmalloc-256", "kmalloc-1k", "kmalloc-2k", "kmalloc-8k", "kmalloc-8k",
    ]);
    expect(kmallocCacheName(0)).toBe("ZERO_SIZE_PTR");
    expect(kmallocCacheName(8193)).toBe("kmalloc_large");
  });

  it("every class holds its requests and the next smaller class does not", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: KMALLOC_MAX_CACHE_SIZE }), (size) => {
      const i = kmallocSizes.findIndex((c) => c.name === kmallocCacheName(size));
      return i >= 0 && kmallocSizes[i]!.size >= size && (i === 0 || kmallocSizes[i - 1]!.size < size);
    }));
  });

  it("takes get_order(size) pages above 8 KiB, fails above 4 MiB", () => {
    expect([8192, 8193, 16384, 16385, 2 * 1024 * 1024, 4 * 1024 * 1024, 4 * 1024 * 1024 + 1].map(kmallocLargeOrder)).toEqual([-1, 2, 2, 3, 9, 10, -1]);
    expect(kmallocLargeOrder(0)).toBe(-1);
  });
});

import { describe, it, expect } from "vitest";
import { KMALLOC_MAX_CACHE_SIZE } from "mmkata/kata";
import { kmallocIndex, kmallocCacheName, kmallocLargeOrder } from "./solution";

describe("kmallocIndex", () => {
  it("maps powers of two to their log2", () => {
    expect([8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192].map(kmallocIndex)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });

  it("rounds up to the next class: one byte more is one class up", () => {
    expect(kmallocIndex(1), "1..8 share kmalloc-8").toBe(3);
    expect(kmallocIndex(17)).toBe(5);
    expect(kmallocIndex(257)).toBe(9);
  });

  it("uses indices 1 and 2 for the 96 and 192 classes", () => {
    expect(kmallocIndex(65), "65..96").toBe(1);
    expect(kmallocIndex(96)).toBe(1);
    expect(kmallocIndex(97), "97..128 is kmalloc-128").toBe(7);
    expect(kmallocIndex(150), "129..192").toBe(2);
  });

  it("returns 0 for size 0", () => {
    expect(kmallocIndex(0)).toBe(0);
  });
});

describe("kmallocCacheName", () => {
  it("names the class, with k for kilobytes", () => {
    expect(kmallocCacheName(100)).toBe("kmalloc-128");
    expect(kmallocCacheName(72)).toBe("kmalloc-96");
    expect(kmallocCacheName(1500)).toBe("kmalloc-2k");
    expect(kmallocCacheName(KMALLOC_MAX_CACHE_SIZE)).toBe("kmalloc-8k");
  });

  it("has no cache for 0 bytes or for more than 8 KiB", () => {
    expect(kmallocCacheName(0)).toBe("ZERO_SIZE_PTR");
    expect(kmallocCacheName(8193)).toBe("kmalloc_large");
  });
});

describe("kmallocLargeOrder", () => {
  it("takes get_order(size) pages above 8 KiB", () => {
    expect(kmallocLargeOrder(8193), "8193 bytes need 3 pages → order 2").toBe(2);
    expect(kmallocLargeOrder(16384)).toBe(2);
    expect(kmallocLargeOrder(16385)).toBe(3);
  });

  it("is -1 for cached sizes and beyond 4 MiB", () => {
    expect(kmallocLargeOrder(8192)).toBe(-1);
    expect(kmallocLargeOrder(4 * 1024 * 1024)).toBe(10);
    expect(kmallocLargeOrder(4 * 1024 * 1024 + 1)).toBe(-1);
  });
});

/**
 * SLUB geometry (reference/slab/geometry.ts, calculate-order.ts, cache-params.ts,
 * slabinfo.ts): KERNEL.md §2.1's worked examples (kmalloc caches on 2 CPUs), the
 * calculate_order rule checked against a brute-force reading of it, and the
 * calculate_sizes free-pointer rules.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { calculateOrder } from "../../reference/slab/calculate-order.js";
import { cpuPartial, freePointerOffset, minPartial } from "../../reference/slab/cache-params.js";
import {
  SLAB_KMALLOC, SLAB_POISON, SLAB_RED_ZONE, SLAB_STORE_USER, SLAB_TYPESAFE_BY_RCU, calculateSizes, kmallocCacheGeometry,
  ooMake, ooObjects, ooOrder, orderObjects, type SlubFns,
} from "../../reference/slab/geometry.js";
import { kmallocSizes } from "../../reference/slab/kmalloc-sizes.js";
import { SLABINFO_HEADER, fullSlabsCounts, slabinfoLine } from "../../reference/slab/slabinfo.js";

const fns: SlubFns = { calculateOrder, freePointerOffset, minPartial, cpuPartial };

describe("calculateOrder", () => {
  it("gives KERNEL.md's kmalloc slabs on 2 CPUs (objperslab/pagesperslab)", () => {
    const got = kmallocSizes.map((c) => {
      const g = kmallocCacheGeometry(c.size, 2, fns);
      return `${c.name} ${g.objects}/${2 ** g.order}`;
    });
    expect(got).toEqual([
      "kmalloc-8 512/1", "kmalloc-16 256/1", "kmalloc-32 128/1", "kmalloc-64 64/1", "kmalloc-96 42/1", "kmalloc-128 32/1",
      "kmalloc-192 21/1", "kmalloc-256 16/1", "kmalloc-512 16/2", "kmalloc-1k 16/4", "kmalloc-2k 16/8", "kmalloc-4k 8/8", "kmalloc-8k 4/8",
    ]);
  });

  it("derives min_objects from the CPU count: 4 * (fls(cpus) + 1)", () => {
    // 256-byte slots: 12 objects (2 CPUs) fit order 0 (16), 16 (4 CPUs) too, 20 (8 CPUs) need order 1
    // 32 (64 CPUs) fit order 1, 36 (128 CPUs) need order 2
    expect([1, 2, 3, 4, 7, 8, 16, 64, 128].map((c) => calculateOrder(256, c))).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 2]);
    expect(calculateOrder(512, 1), "8 objects fit one page").toBe(0);
  });

  it("relaxes the waste fraction 1/16 → 1/2 before raising the order past 3", () => {
    // 1100-byte slots, 2 CPUs: 12 objects need order 2, where 14 fit and 984 ≤ 16384/16 is wasted
    expect(calculateOrder(1100, 2)).toBe(2);
    // 5000 bytes: max order 3 holds 6, min_objects 6 → order 3 (waste 2768 of 32768 ≤ 1/8)
    expect(calculateOrder(5000, 2)).toBe(3);
    // 20000 bytes: one object per order-3 slab, waste 12768 > 1/4 but ≤ 1/2 → still 3
    expect(calculateOrder(20000, 2)).toBe(3);
    // above 32 KiB the loop fails and get_order(size) decides
    expect([32769, 65536, 2 * 1024 * 1024].map((s) => calculateOrder(s, 2))).toEqual([4, 4, 9]);
    expect(calculateOrder(4 * 1024 * 1024 + 1, 2), "no order fits: -ENOSYS").toBe(-1);
  });

  it("is the first order from min_order whose waste is within the loosest fraction that works", () => {
    fc.assert(fc.property(fc.integer({ min: 8, max: 32768 }), fc.integer({ min: 1, max: 512 }), (size, cpus) => {
      const fls = (x: number): number => 32 - Math.clz32(x);
      const getOrder = (s: number): number => Math.max(0, fls(Math.ceil(s / 4096) - 1));
      const minObjects = Math.min(4 * (fls(cpus) + 1), Math.max(1, orderObjects(3, size)));
      const minOrder = getOrder(minObjects * size);
      for (const fraction of [16, 8, 4, 2]) {
        for (let o = minOrder; o <= 3; o++) {
          if ((4096 << o) % size <= (4096 << o) / fraction) return calculateOrder(size, cpus) === o;
        }
      }
      return calculateOrder(size, cpus) === getOrder(size);
    }));
  });
});

describe("freePointerOffset", () => {
  it("puts the pointer in the middle of the object, word-aligned", () => {
    expect([8, 16, 96, 100, 192, 4096, 13].map((s) => freePointerOffset(s, 0, false))).toEqual([0, 8, 48, 48, 96, 2048, 0]);
  });

  it("moves it past the object when the contents must survive free", () => {
    expect(freePointerOffset(96, 0, true), "constructor").toBe(96);
    expect(freePointerOffset(100, SLAB_TYPESAFE_BY_RCU, false), "RCU: ALIGN(100, 8)").toBe(104);
    expect(freePointerOffset(96, SLAB_POISON, false), "poison").toBe(96);
    expect(freePointerOffset(4, SLAB_RED_ZONE, false), "tiny red-zoned object").toBe(8);
    expect(freePointerOffset(96, SLAB_RED_ZONE | SLAB_STORE_USER | SLAB_KMALLOC, false), "orig_size tracking: red zone word first").toBe(104);
    expect(freePointerOffset(96, SLAB_RED_ZONE, false), "red zone alone keeps it inside").toBe(48);
  });
});

describe("minPartial and cpuPartial", () => {
  it("clamps ilog2(size)/2 to [5, 10]", () => {
    expect([8, 1023, 4096, 16384, 65536, 1 << 20, 1 << 22].map(minPartial)).toEqual([5, 5, 6, 7, 8, 10, 10]);
  });

  it("steps at 256, 1024 and PAGE_SIZE", () => {
    expect([8, 255, 256, 1023, 1024, 4095, 4096, 1 << 20].map(cpuPartial)).toEqual([120, 120, 52, 52, 24, 24, 6, 6]);
  });
});

describe("calculateSizes and oo", () => {
  it("lays out a plain 100-byte cache", () => {
    const g = calculateSizes({ objectSize: 100, nrCpus: 2 }, fns);
    expect(g).toMatchObject({ inuse: 104, offset: 48, size: 104, order: 0, objects: 39, minPartial: 5, cpuPartial: 120, cpuPartialSlabs: 7 });
  });

  it("adds the free pointer word when it lives outside, and debug metadata", () => {
    expect(calculateSizes({ objectSize: 96, ctor: true, nrCpus: 2 }, fns).size).toBe(104);
    const dbg = calculateSizes({ objectSize: 96, flags: SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER, nrCpus: 2 }, fns);
    // inuse 104 (red zone word), free pointer 104..112, 2 tracks 48, right pad 8, left pad 8
    expect(dbg).toMatchObject({ inuse: 104, offset: 104, size: 176, redLeftPad: 8, cpuPartial: 0 });
  });

  it("packs oo as order << 16 | objects", () => {
    const oo = ooMake(1, 512);
    expect([oo, ooOrder(oo), ooObjects(oo)]).toEqual([(1 << 16) | 16, 1, 16]);
  });
});

describe("slabinfo", () => {
  it("renders the kernel's columns and widths", () => {
    const g = kmallocCacheGeometry(96, 2, fns);
    expect(slabinfoLine("kmalloc-96", g, fullSlabsCounts(g, 10))).toBe(
      "kmalloc-96           420    420     96   42    1 : tunables    0    0    0 : slabdata     10     10      0\n",
    );
    expect(SLABINFO_HEADER.startsWith("slabinfo - version: 2.1\n# name            <active_objs>")).toBe(true);
  });
});

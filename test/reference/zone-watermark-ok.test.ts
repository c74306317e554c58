/**
 * __zone_watermark_ok (mm/page_alloc.c): the order-0 test with unusable free
 * pages and reserve reductions, lowmem_reserve by highest_zoneidx, and the
 * per-order free-list test for high orders.
 */

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  ALLOC_CMA,
  ALLOC_HIGHATOMIC,
  ALLOC_MIN_RESERVE,
  ALLOC_NON_BLOCK,
  ALLOC_OOM,
  ALLOC_WMARK_LOW,
  MIGRATE_HIGHATOMIC,
  MIGRATE_ISOLATE,
  MIGRATE_MOVABLE,
  MIGRATE_UNMOVABLE,
  ZONE_DMA32,
  ZONE_NORMAL,
  buildZone,
  zoneWatermarkOk,
  type FreeBlock,
  type Zone,
} from "../../reference/index.js";

/** A DMA32 zone of 4 pageblocks (2048 pages at pfn 0x1000) with the given types and free blocks. */
function zone(free: FreeBlock[], pageblocks = [1, 1, 1, 1]): Zone {
  return buildZone({ zone: { name: "DMA32", zoneStartPfn: 0x1000, spannedPages: 2048 }, pageblocks, free });
}

const M = MIGRATE_MOVABLE;

describe("zoneWatermarkOk: the order-0 test", () => {
  it("fails exactly when free pages <= mark (free 1024: mark 1023 passes, 1024 fails)", () => {
    const z = zone([[0x1000, 10, M]]);
    expect(zoneWatermarkOk(z, 0, 1023, ZONE_DMA32, 0)).toBe(true);
    expect(zoneWatermarkOk(z, 0, 1024, ZONE_DMA32, 0)).toBe(false);
    expect(zoneWatermarkOk(z, 0, 100, ZONE_DMA32, 0, 100), "an explicit free_pages replaces NR_FREE_PAGES").toBe(false);
  });

  it("an order-n request cannot count the other 2^n - 1 pages of its own block", () => {
    const z = zone([[0x1000, 10, M]]);
    expect(zoneWatermarkOk(z, 3, 1016, ZONE_DMA32, 0)).toBe(true); // 1024 - 7 = 1017 > 1016
    expect(zoneWatermarkOk(z, 3, 1017, ZONE_DMA32, 0)).toBe(false);
  });

  it("adds lowmem_reserve[highest_zoneidx], not the zone's own entry", () => {
    const z = zone([[0x1000, 10, M]]);
    z.lowmemReserve.splice(0, 4, 0, 0, 500, 500);
    expect(zoneWatermarkOk(z, 0, 523, ZONE_NORMAL, 0)).toBe(true);
    expect(zoneWatermarkOk(z, 0, 524, ZONE_NORMAL, 0)).toBe(false);
    expect(zoneWatermarkOk(z, 0, 524, ZONE_DMA32, 0)).toBe(true);
  });

  it("reserve flags lower min: MIN_RESERVE to 1/2, with NON_BLOCK to 3/8, OOM halves again; NON_BLOCK alone does not", () => {
    const z = zone([[0x1000, 9, M]]); // 512 free
    const ok = (mark: number, f: number): boolean => zoneWatermarkOk(z, 0, mark, ZONE_DMA32, f);
    expect([ok(1022, ALLOC_MIN_RESERVE), ok(1023, ALLOC_MIN_RESERVE)]).toEqual([true, false]); // 1022 - 511 = 511; 1023 - 511 = 512
    expect(ok(1362, ALLOC_MIN_RESERVE | ALLOC_NON_BLOCK)).toBe(true); // 1362 → 681 → 681 - 170 = 511
    expect(ok(1364, ALLOC_MIN_RESERVE | ALLOC_NON_BLOCK)).toBe(false); // 1364 → 682 → 512
    expect([ok(1022, ALLOC_OOM), ok(1023, ALLOC_OOM)]).toEqual([true, false]);
    expect(ok(600, ALLOC_NON_BLOCK)).toBe(false);
    expect(ok(2044, ALLOC_MIN_RESERVE | ALLOC_OOM)).toBe(true); // 2044 → 1022 → 511
    expect(ok(2047, ALLOC_MIN_RESERVE | ALLOC_OOM)).toBe(false); // 2047 → 1024 → 512
  });

  it("does not count free highatomic pages unless the caller may use reserves", () => {
    const z = zone([[0x1000, 9, M], [0x1200, 9, MIGRATE_HIGHATOMIC]], [1, 3, 1, 1]);
    expect(z.nrFreeHighatomic).toBe(512);
    expect(zoneWatermarkOk(z, 0, 600, ZONE_DMA32, 0)).toBe(false);
    expect(zoneWatermarkOk(z, 0, 600, ZONE_DMA32, ALLOC_NON_BLOCK)).toBe(true);
    expect(zoneWatermarkOk(z, 0, 600, ZONE_DMA32, ALLOC_HIGHATOMIC)).toBe(true);
  });
});

describe("zoneWatermarkOk: high orders need a suitable free block", () => {
  const small: FreeBlock[] = Array.from({ length: 64 }, (_, i) => [0x1000 + 4 * i, 2, M] as FreeBlock);

  it("256 free pages in order-2 blocks serve order 2 but not order 3", () => {
    const z = zone(small);
    expect(zoneWatermarkOk(z, 2, 10, ZONE_DMA32, 0)).toBe(true);
    expect(zoneWatermarkOk(z, 3, 10, ZONE_DMA32, 0)).toBe(false);
  });

  it("a HighAtomic block serves only ALLOC_HIGHATOMIC or ALLOC_OOM; an Isolate block never", () => {
    const z = zone([...small, [0x1200, 9, MIGRATE_HIGHATOMIC], [0x1400, 9, MIGRATE_ISOLATE]], [1, 3, 4, 1]);
    const base = ALLOC_WMARK_LOW;
    expect(zoneWatermarkOk(z, 4, 10, ZONE_DMA32, base | ALLOC_CMA)).toBe(false);
    expect(zoneWatermarkOk(z, 4, 10, ZONE_DMA32, base | ALLOC_HIGHATOMIC)).toBe(true);
    expect(zoneWatermarkOk(z, 4, 10, ZONE_DMA32, base | ALLOC_OOM)).toBe(true);
    expect(zoneWatermarkOk(z, 4, 10, ZONE_DMA32, base | ALLOC_MIN_RESERVE)).toBe(false);
  });

  it("the order-0 test gates the high-order one", () => {
    const z = zone([[0x1000, 10, MIGRATE_UNMOVABLE]], [0, 0, 1, 1]);
    expect(zoneWatermarkOk(z, 10, 2000, ZONE_DMA32, 0)).toBe(false);
  });

  it("property: success is monotone in the mark and never claims an impossible order", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 0xfff }), (order, mark, flags) => {
        const z = zone(small);
        if (zoneWatermarkOk(z, order, mark + 1, ZONE_DMA32, flags)) expect(zoneWatermarkOk(z, order, mark, ZONE_DMA32, flags)).toBe(true);
        if (order > 2) expect(zoneWatermarkOk(z, order, mark, ZONE_DMA32, flags)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

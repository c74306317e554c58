import { describe, it, expect } from "vitest";
import {
  ALLOC_HIGHATOMIC,
  ALLOC_MIN_RESERVE,
  ALLOC_NON_BLOCK,
  ALLOC_OOM,
  MIGRATE_HIGHATOMIC,
  MIGRATE_ISOLATE,
  MIGRATE_MOVABLE,
  ZONE_DMA32,
  ZONE_NORMAL,
  buildZone,
  type FreeBlock,
  type Zone,
} from "mmkata/kata";
import { zoneWatermarkOk } from "./solution";

const M = MIGRATE_MOVABLE;

/** A DMA32 zone of four pageblocks (2048 pages at pfn 0x1000) with these free blocks. */
function zone(free: FreeBlock[], pageblocks = [1, 1, 1, 1]): Zone {
  return buildZone({ zone: { name: "DMA32", zoneStartPfn: 0x1000, spannedPages: 2048 }, pageblocks, free });
}

const ok = (z: Zone, order: number, mark: number, flags = 0, highest = ZONE_DMA32): boolean => zoneWatermarkOk(z, order, mark, highest, flags, z.nrFreePages);

describe("zoneWatermarkOk", () => {
  it("order 0: fails when free pages <= mark", () => {
    const z = zone([[0x1000, 9, M]]);
    expect(ok(z, 0, 511), "512 > 511").toBe(true);
    expect(ok(z, 0, 512), "512 <= 512").toBe(false);
  });

  it("does not count the other pages of the request's own block", () => {
    const z = zone([[0x1000, 10, M]]);
    expect(ok(z, 3, 1016), "1024 - 7 = 1017 > 1016").toBe(true);
    expect(ok(z, 3, 1017)).toBe(false);
  });

  it("adds lowmem_reserve[highestZoneIdx]", () => {
    const z = zone([[0x1000, 9, M]]);
    z.lowmemReserve[ZONE_NORMAL] = 500;
    expect(ok(z, 0, 12, 0, ZONE_NORMAL), "512 <= 12 + 500").toBe(false);
    expect(ok(z, 0, 11, 0, ZONE_NORMAL), "512 > 11 + 500").toBe(true);
    expect(ok(z, 0, 12, 0, ZONE_DMA32), "the DMA32 entry is 0").toBe(true);
  });

  it("reserve flags lower min: MIN_RESERVE halves, NON_BLOCK then a quarter, OOM halves the rest", () => {
    const z = zone([[0x1000, 9, M]]);
    expect([ok(z, 0, 1022, ALLOC_MIN_RESERVE), ok(z, 0, 1023, ALLOC_MIN_RESERVE)]).toEqual([true, false]);
    expect([ok(z, 0, 1362, ALLOC_MIN_RESERVE | ALLOC_NON_BLOCK), ok(z, 0, 1364, ALLOC_MIN_RESERVE | ALLOC_NON_BLOCK)]).toEqual([true, false]);
    expect(ok(z, 0, 600, ALLOC_NON_BLOCK), "NON_BLOCK alone gets no reduction").toBe(false);
    expect(ok(z, 0, 2044, ALLOC_MIN_RESERVE | ALLOC_OOM), "2044 → 1022 → 511").toBe(true);
  });

  it("free HighAtomic pages count only for callers with reserve rights", () => {
    const z = zone([[0x1000, 9, M], [0x1200, 9, MIGRATE_HIGHATOMIC]], [1, 3, 1, 1]);
    expect(ok(z, 0, 600), "1024 - 512 highatomic").toBe(false);
    expect(ok(z, 0, 600, ALLOC_NON_BLOCK)).toBe(true);
  });

  it("a high order needs a free block of at least that order", () => {
    const small: FreeBlock[] = Array.from({ length: 64 }, (_, i) => [0x1000 + 4 * i, 2, M] as FreeBlock);
    const z = zone(small);
    expect(ok(z, 2, 10)).toBe(true);
    expect(ok(z, 3, 10), "256 free pages, but only in order-2 blocks").toBe(false);
  });

  it("HighAtomic blocks serve only HIGHATOMIC or OOM callers; Isolate blocks nobody", () => {
    const z = zone([[0x1000, 0, M], [0x1200, 9, MIGRATE_HIGHATOMIC], [0x1400, 9, MIGRATE_ISOLATE]], [1, 3, 4, 1]);
    expect(ok(z, 4, 0, ALLOC_MIN_RESERVE)).toBe(false);
    expect(ok(z, 4, 0, ALLOC_HIGHATOMIC)).toBe(true);
    expect(ok(z, 4, 0, ALLOC_OOM)).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import {
  FPI_NONE,
  FPI_TO_TAIL,
  KernelBug,
  MIGRATE_HIGHATOMIC,
  MIGRATE_ISOLATE,
  MIGRATE_MOVABLE,
  MIGRATE_RECLAIMABLE,
  MIGRATE_UNMOVABLE,
  Zone,
  buddyOrder,
  buildZone,
  combinedPfn,
  expand,
  findBuddyPfn,
  freeListPfns,
  freeOnePage,
  pageBuddy,
  rmqueueSmallest,
  type FreeBlock,
} from "../../reference/index.js";
import { zoneInvariantErrors } from "./zone-invariants.js";

const MOV = MIGRATE_MOVABLE;
const UNMOV = MIGRATE_UNMOVABLE;

function zoneWith(free: FreeBlock[], pages = 1024, pageblocks?: number[], zoneStartPfn = 0): Zone {
  return buildZone({ zone: { name: "Normal", zoneStartPfn, spannedPages: pages }, pageblocks, free });
}

describe("findBuddyPfn / combinedPfn", () => {
  it("#8's order-1 buddy is #10 and #10's is #8; they combine at #8", () => {
    expect(findBuddyPfn(8, 1)).toBe(10);
    expect(findBuddyPfn(10, 1)).toBe(8);
    expect(combinedPfn(8, 1)).toBe(8);
    expect(combinedPfn(10, 1)).toBe(8);
  });

  it("flips exactly bit `order`", () => {
    expect(findBuddyPfn(0, 0)).toBe(1);
    expect(findBuddyPfn(12, 2)).toBe(8);
    expect(findBuddyPfn(1024, 10)).toBe(0);
    expect(combinedPfn(1024, 10)).toBe(0);
    expect(combinedPfn(0x13b800, 9)).toBe(0x13b800);
    expect(combinedPfn(0x13ba00, 9)).toBe(0x13b800);
  });
});

describe("expand", () => {
  it("order-3 request from an order-5 block at P frees P+16 (o4), P+8 (o3), keeps P..P+7", () => {
    const zone = zoneWith([[96, 4, MOV], [104, 3, MOV]], 128);
    const added = expand(zone, 32, 3, 5, MOV);
    expect(added).toBe(24);
    expect(freeListPfns(zone, 4, MOV), "upper half goes to the head").toEqual([48, 96]);
    expect(freeListPfns(zone, 3, MOV)).toEqual([40, 104]);
    expect(pageBuddy(zone, 48) && buddyOrder(zone, 48) === 4).toBe(true);
    expect(pageBuddy(zone, 40) && buddyOrder(zone, 40) === 3).toBe(true);
    expect(pageBuddy(zone, 32), "the caller's part is not free").toBe(false);
    expect(zone.nrFreePages, "expand does not account").toBe(24);
  });

  it("low == high adds nothing", () => {
    const zone = zoneWith([], 64);
    expect(expand(zone, 32, 5, 5, MOV)).toBe(0);
    expect(Array.from(zone.nrFree).every((n) => n === 0)).toBe(true);
  });
});

describe("rmqueueSmallest", () => {
  it("takes the smallest order that has a block, and the head of that list", () => {
    const zone = zoneWith([[64, 6, MOV], [8, 2, MOV], [20, 2, MOV], [32, 5, MOV]], 128);
    expect(rmqueueSmallest(zone, 1, MOV), "order 2 is the smallest with a block; 8 is its head").toBe(8);
    expect(freeListPfns(zone, 1, MOV)).toEqual([10]);
    expect(freeListPfns(zone, 2, MOV)).toEqual([20]);
    expect(freeListPfns(zone, 5, MOV), "larger blocks are untouched").toEqual([32]);
    expect(zone.nrFreePages, "exactly 2^order pages leave NR_FREE_PAGES").toBe(4 + 4 + 32 + 64 - 2);
    expect(zoneInvariantErrors(zone)).toEqual([]);
  });

  it("splits a larger block when the requested order is empty", () => {
    const zone = zoneWith([[0, 10, MOV]]);
    expect(rmqueueSmallest(zone, 0, MOV)).toBe(0);
    for (let o = 0; o < 10; o++) expect(freeListPfns(zone, o, MOV)).toEqual([1 << o]);
    expect(zone.nrFreePages).toBe(1023);
  });

  it("never falls back to another migratetype; -1 when nothing fits", () => {
    const zone = zoneWith([[0, 9, UNMOV], [512, 3, MOV]], 1024, [UNMOV, MOV]);
    expect(rmqueueSmallest(zone, 4, MOV)).toBe(-1);
    expect(zone.nrFreePages).toBe(520);
    expect(rmqueueSmallest(zone, 4, UNMOV)).toBe(0);
  });
});

describe("freeOnePage: merging", () => {
  it("cascades up while the buddy is free at the same order", () => {
    // free: 0/o1, 4/o2, 8/o3, 16/o4; freeing 2/o1 merges 2→0/o2→0/o3→0/o4→0/o5.
    const zone = zoneWith([[0, 1, MOV], [4, 2, MOV], [8, 3, MOV], [16, 4, MOV]], 64);
    freeOnePage(zone, 2, 1, MOV);
    expect(freeListPfns(zone, 5, MOV)).toEqual([0]);
    for (let o = 0; o < 5; o++) expect(zone.nrFree[o]).toBe(0);
    expect(zone.nrFreePages).toBe(32);
    expect(pageBuddy(zone, 16) || pageBuddy(zone, 8) || pageBuddy(zone, 2), "merged buddies lose PageBuddy").toBe(false);
    expect(zoneInvariantErrors(zone)).toEqual([]);
  });

  it("does not merge with a free buddy of another order", () => {
    const zone = zoneWith([[2, 0, MOV]], 64);
    freeOnePage(zone, 0, 1, MOV);
    expect(freeListPfns(zone, 1, MOV)).toEqual([0]);
    expect(freeListPfns(zone, 0, MOV)).toEqual([2]);
  });

  it("stops at MAX_PAGE_ORDER: two free order-10 buddies stay apart", () => {
    const zone = zoneWith([[0, 10, MOV]], 2048);
    freeOnePage(zone, 1024, 10, MOV);
    expect(zone.nrFree[10]).toBe(2);
    expect(freeListPfns(zone, 10, MOV)).toEqual([1024, 0]);
    expect(zoneInvariantErrors(zone)).toEqual([]);
  });

  it("rejects a double free and a misaligned pfn", () => {
    const zone = zoneWith([[4, 2, MOV]], 64);
    expect(() => freeOnePage(zone, 4, 2, MOV)).toThrow(KernelBug);
    expect(() => freeOnePage(zone, 2, 2, MOV)).toThrow(/not aligned/);
  });
});

describe("freeOnePage: pageblock rules at order >= pageblock_order", () => {
  it("ISOLATE does not merge with a MOVABLE buddy at order 9, and is not counted", () => {
    const zone = zoneWith([[512, 9, MIGRATE_ISOLATE]], 1024, [MOV, MIGRATE_ISOLATE]);
    expect(zone.nrFreePages, "isolated pages are not in NR_FREE_PAGES").toBe(0);
    freeOnePage(zone, 0, 9, MOV);
    expect(zone.nrFree[9]).toBe(2);
    expect(zone.nrFree[10]).toBe(0);
    expect(zone.nrFreePages).toBe(512);
    expect(Array.from(zone.pageblockMt)).toEqual([MOV, MIGRATE_ISOLATE]);
    expect(zoneInvariantErrors(zone)).toEqual([]);
  });

  it("ISOLATE pages merge below pageblock order and stay uncounted", () => {
    const zone = zoneWith([[0, 0, MIGRATE_ISOLATE]], 512, [MIGRATE_ISOLATE]);
    freeOnePage(zone, 1, 0, MIGRATE_ISOLATE);
    expect(freeListPfns(zone, 1, MIGRATE_ISOLATE)).toEqual([0]);
    expect(zone.nrFreePages).toBe(0);
  });

  it("HIGHATOMIC is not mergeable with MOVABLE, and counts in nr_free_highatomic", () => {
    const zone = zoneWith([[512, 9, MIGRATE_HIGHATOMIC]], 1024, [MOV, MIGRATE_HIGHATOMIC]);
    freeOnePage(zone, 0, 9, MOV);
    expect(zone.nrFree[9]).toBe(2);
    expect(zone.nrFreeHighatomic).toBe(512);
    expect(zone.nrFreePages).toBe(1024);
  });

  it("two mergeable types merge, and the buddy's pageblock takes the freed block's type", () => {
    const zone = zoneWith([[512, 9, UNMOV]], 1024, [MOV, UNMOV]);
    freeOnePage(zone, 0, 9, MOV);
    expect(freeListPfns(zone, 10, MOV)).toEqual([0]);
    expect(Array.from(zone.pageblockMt)).toEqual([MOV, MOV]);
    const other = zoneWith([[0, 9, MOV]], 1024, [MOV, MIGRATE_RECLAIMABLE]);
    freeOnePage(other, 512, 9, MIGRATE_RECLAIMABLE);
    expect(freeListPfns(other, 10, MIGRATE_RECLAIMABLE)).toEqual([0]);
    expect(Array.from(other.pageblockMt)).toEqual([MIGRATE_RECLAIMABLE, MIGRATE_RECLAIMABLE]);
    expect(zoneInvariantErrors(other)).toEqual([]);
  });

  it("below pageblock order no type check is made (same pageblock)", () => {
    const zone = zoneWith([[256, 8, UNMOV]], 1024, [UNMOV, MOV]);
    freeOnePage(zone, 0, 8, UNMOV);
    expect(freeListPfns(zone, 9, UNMOV)).toEqual([0]);
    expect(Array.from(zone.pageblockMt)).toEqual([UNMOV, MOV]);
  });
});

describe("freeOnePage: head or tail (buddy_merge_likely)", () => {
  it("goes to the tail when the next order's buddy is free", () => {
    // Freeing 0/o0: buddy 1 is in use; 0/o1's buddy 2/o1 is free → likely to merge → tail.
    const zone = zoneWith([[100, 0, MOV], [2, 1, MOV]], 128);
    freeOnePage(zone, 0, 0, MOV);
    expect(freeListPfns(zone, 0, MOV)).toEqual([100, 0]);
  });

  it("goes to the head otherwise", () => {
    const zone = zoneWith([[100, 0, MOV], [3, 0, MOV]], 128);
    freeOnePage(zone, 0, 0, MOV);
    expect(freeListPfns(zone, 0, MOV)).toEqual([0, 100, 3]);
  });

  it("never checks at order >= MAX_PAGE_ORDER - 1 (order 9 goes to the head)", () => {
    const zone = zoneWith([[2048, 9, MOV], [1024, 10, MOV]], 4096);
    freeOnePage(zone, 0, 9, MOV);
    expect(freeListPfns(zone, 9, MOV)).toEqual([0, 2048]);
  });

  it("FPI_TO_TAIL forces the tail", () => {
    const zone = zoneWith([[100, 0, MOV]], 128);
    freeOnePage(zone, 0, 0, MOV, FPI_TO_TAIL);
    expect(freeListPfns(zone, 0, MOV)).toEqual([100, 0]);
    freeOnePage(zone, 50, 0, MOV, FPI_NONE);
    expect(freeListPfns(zone, 0, MOV)).toEqual([50, 100, 0]);
  });
});

describe("freeOnePage: zone edges", () => {
  it("a buddy below an unaligned zone start never merges", () => {
    // Zone [8, 32): 16/o4 free; freeing 8/o3 — its buddy 0/o3 is outside the zone.
    const zone = zoneWith([[16, 4, MOV]], 24, undefined, 8);
    freeOnePage(zone, 8, 3, MOV);
    expect(freeListPfns(zone, 3, MOV)).toEqual([8]);
    expect(freeListPfns(zone, 4, MOV)).toEqual([16]);
    expect(zoneInvariantErrors(zone)).toEqual([]);
  });

  it("a buddy past the zone end never merges", () => {
    const zone = zoneWith([], 12);
    freeOnePage(zone, 0, 3, MOV);
    freeOnePage(zone, 8, 2, MOV);
    expect(freeListPfns(zone, 2, MOV)).toEqual([8]);
    expect(freeListPfns(zone, 3, MOV)).toEqual([0]);
  });

  it("adjacent zones do not merge across their boundary", () => {
    const low = zoneWith([[0, 3, MOV]], 8, undefined, 0);
    const high = zoneWith([], 8, undefined, 8);
    freeOnePage(high, 8, 3, MOV);
    expect(freeListPfns(high, 3, MOV)).toEqual([8]);
    expect(freeListPfns(low, 3, MOV)).toEqual([0]);
    expect(high.nrFree[4] + low.nrFree[4]).toBe(0);
  });
});

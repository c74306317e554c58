import { describe, it, expect } from "vitest";
import {
  MIGRATE_MOVABLE,
  MIGRATE_UNMOVABLE,
  NR_PAGE_ORDERS,
  buildZone,
  buddyOrder,
  freeListPfns,
  pageBuddy,
  type FreeBlock,
  type Zone,
} from "mmkata/kata";
import { expand, rmqueueSmallest } from "./solution";

const MOVABLE = MIGRATE_MOVABLE;

/** A 1024-page Normal zone (two 512-page pageblocks) with the given free blocks, each appended at its list's tail. */
function zoneWith(free: FreeBlock[], pageblocks?: number[]): Zone {
  return buildZone({ zone: { name: "Normal", zoneStartPfn: 0, spannedPages: 1024 }, pageblocks, free });
}

/** The movable free list of one order, head first. */
function movable(zone: Zone, order: number): number[] {
  return freeListPfns(zone, order, MOVABLE);
}

describe("expand", () => {
  it("splits an order-5 block at 64 for an order-3 request: frees 80 (order 4) and 72 (order 3)", () => {
    const zone = zoneWith([]);
    const putBack = expand(zone, 64, 3, 5, MOVABLE);
    expect(movable(zone, 4), "the upper half 80-95 goes on the order-4 list").toEqual([80]);
    expect(movable(zone, 3), "then the upper half 72-79 of 64-79 goes on the order-3 list").toEqual([72]);
    expect(putBack, "expand returns the pages put back: 16 + 8").toBe(24);
    expect(pageBuddy(zone, 80) && buddyOrder(zone, 80) === 4, "80 is marked PageBuddy with order 4").toBe(true);
    expect(pageBuddy(zone, 72) && buddyOrder(zone, 72) === 3, "72 is marked PageBuddy with order 3").toBe(true);
    expect(pageBuddy(zone, 64), "64-71 is handed out, so 64 is not PageBuddy").toBe(false);
    expect(zone.nrFreePages, "expand leaves NR_FREE_PAGES to its caller").toBe(0);
  });

  it("does nothing when low equals high", () => {
    const zone = zoneWith([]);
    expect(expand(zone, 32, 2, 2, MOVABLE), "nothing to split, nothing put back").toBe(0);
    expect(Array.from(zone.nrFree), "every free list stays empty").toEqual(new Array(NR_PAGE_ORDERS).fill(0));
  });

  it("puts the split-off halves at the head of their lists", () => {
    const zone = zoneWith([[128, 3, MOVABLE]]);
    expand(zone, 64, 3, 4, MOVABLE);
    expect(movable(zone, 3), "72 is added at the head, before the older block 128").toEqual([72, 128]);
  });
});

describe("rmqueueSmallest", () => {
  it("serves a request from a list of exactly its order", () => {
    const zone = zoneWith([[8, 3, MOVABLE]]);
    expect(rmqueueSmallest(zone, 3, MOVABLE), "the order-3 block at 8 is handed out whole").toBe(8);
    expect(zone.nrFree[3], "the order-3 list is now empty").toBe(0);
    expect(zone.nrFreePages, "all 8 free pages were handed out").toBe(0);
  });

  it("splits an order-5 block down to order 0, one upper half per order", () => {
    const zone = zoneWith([[0, 5, MOVABLE]]);
    expect(rmqueueSmallest(zone, 0, MOVABLE), "the caller gets the lowest page, 0").toBe(0);
    const lists = [0, 1, 2, 3, 4, 5].map((o) => movable(zone, o));
    expect(lists, "orders 0..5 hold 1, 2, 4, 8, 16 and nothing").toEqual([[1], [2], [4], [8], [16], []]);
    expect(zone.nrFreePages, "32 free pages minus the 1 handed out").toBe(31);
  });

  it("uses the smallest order that can satisfy the request", () => {
    const zone = zoneWith([[0, 5, MOVABLE], [64, 2, MOVABLE]]);
    expect(rmqueueSmallest(zone, 1, MOVABLE), "the order-2 block at 64 is split, not the order-5 block").toBe(64);
    expect(movable(zone, 1), "its upper half 66-67 goes on the order-1 list").toEqual([66]);
    expect(movable(zone, 5), "the order-5 block is untouched").toEqual([0]);
  });

  it("takes the block at the head of the list", () => {
    const zone = zoneWith([[32, 3, MOVABLE], [8, 3, MOVABLE]]);
    expect(rmqueueSmallest(zone, 3, MOVABLE), "32 is at the head of the order-3 list, so it goes first").toBe(32);
    expect(movable(zone, 3), "8 stays on the list").toEqual([8]);
  });

  it("charges NR_FREE_PAGES only for the pages handed out", () => {
    const zone = zoneWith([[0, 4, MOVABLE]]);
    rmqueueSmallest(zone, 2, MOVABLE);
    expect(zone.nrFreePages, "16 free pages, 4 handed out, 12 back on the lists").toBe(12);
    expect(Array.from(zone.nrFree.slice(0, 5)), "nr_free per order 0..4").toEqual([0, 0, 1, 1, 0]);
  });

  it("only uses free lists of the requested migratetype", () => {
    const zone = zoneWith([[0, 3, MIGRATE_UNMOVABLE]], [MIGRATE_UNMOVABLE, MOVABLE]);
    expect(rmqueueSmallest(zone, 0, MOVABLE), "there is no movable free memory: -1").toBe(-1);
    expect(freeListPfns(zone, 3, MIGRATE_UNMOVABLE), "the unmovable block is left alone").toEqual([0]);
    expect(zone.nrFreePages, "nothing was taken").toBe(8);
  });

  it("returns -1 when no block is large enough", () => {
    const zone = zoneWith([[0, 1, MOVABLE], [4, 1, MOVABLE]]);
    expect(rmqueueSmallest(zone, 2, MOVABLE), "two order-1 blocks do not make an order-2 block").toBe(-1);
    expect(movable(zone, 1), "the order-1 list is unchanged").toEqual([0, 4]);
  });
});

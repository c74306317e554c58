import { describe, it, expect } from "vitest";
import {
  MAX_PAGE_ORDER,
  MIGRATE_ISOLATE,
  MIGRATE_MOVABLE,
  MIGRATE_UNMOVABLE,
  buildZone,
  buddyOrder,
  freeListPfns,
  getPageblockMigratetype,
  pageBuddy,
  type FreeBlock,
  type Zone,
} from "mmkata/kata";
import { freeOnePage } from "./solution";

const MOVABLE = MIGRATE_MOVABLE;

/** A Normal zone of `pages` pages (512-page pageblocks) with the given free blocks, each appended at its list's tail. */
function zoneWith(free: FreeBlock[], pages = 1024, pageblocks?: number[]): Zone {
  return buildZone({ zone: { name: "Normal", zoneStartPfn: 0, spannedPages: pages }, pageblocks, free });
}

/** The movable free list of one order, head first. */
function movable(zone: Zone, order: number): number[] {
  return freeListPfns(zone, order, MOVABLE);
}

describe("freeOnePage: no merge", () => {
  it("puts a block with no free buddy at the head of its list", () => {
    const zone = zoneWith([[20, 0, MOVABLE]]);
    freeOnePage(zone, 4, 0, MOVABLE);
    expect(movable(zone, 0), "page 5 is in use, so 4 stays order 0 and goes to the head").toEqual([4, 20]);
    expect(pageBuddy(zone, 4) && buddyOrder(zone, 4) === 0, "page 4 is PageBuddy with order 0").toBe(true);
    expect(zone.nrFree[0], "nr_free[0] counts both blocks").toBe(2);
    expect(zone.nrFreePages, "NR_FREE_PAGES grew by the one freed page").toBe(2);
  });

  it("does not merge with a free buddy of a different order", () => {
    const zone = zoneWith([[2, 0, MOVABLE]]);
    freeOnePage(zone, 0, 1, MOVABLE);
    expect(movable(zone, 1), "the order-1 buddy of 0 is 2, but 2 heads an order-0 block (3 is in use)").toEqual([0]);
    expect(movable(zone, 0), "page 2 stays on the order-0 list").toEqual([2]);
    expect(zone.nrFreePages, "1 + 2 free pages").toBe(3);
  });
});

describe("freeOnePage: merging", () => {
  it("merges with its free buddy", () => {
    const zone = zoneWith([[9, 0, MOVABLE]]);
    freeOnePage(zone, 8, 0, MOVABLE);
    expect(movable(zone, 1), "8 and 9 become the order-1 block at 8").toEqual([8]);
    expect(movable(zone, 0), "9 was taken off the order-0 list").toEqual([]);
    expect(pageBuddy(zone, 9), "9 is no longer the head of a free block").toBe(false);
    expect(Array.from(zone.nrFree.slice(0, 2)), "nr_free: order 0 empty, order 1 one block").toEqual([0, 1]);
    expect(zone.nrFreePages, "NR_FREE_PAGES counts both pages once").toBe(2);
  });

  it("moves an upper half down to the lower pfn when it merges", () => {
    const zone = zoneWith([[8, 0, MOVABLE]]);
    freeOnePage(zone, 9, 0, MOVABLE);
    expect(movable(zone, 1), "the merged block starts at 8, the lower buddy").toEqual([8]);
    expect(pageBuddy(zone, 9), "page 9 is not a block head").toBe(false);
  });

  it("cascades up through the orders", () => {
    // Pages 0..7 are free except 2 and 3; 2..3 is freed now.
    const zone = zoneWith([[0, 1, MOVABLE], [4, 2, MOVABLE]]);
    freeOnePage(zone, 2, 1, MOVABLE);
    expect(movable(zone, 3), "2/o1 + 0/o1 -> 0/o2, + 4/o2 -> 0/o3").toEqual([0]);
    expect([1, 2].map((o) => movable(zone, o)), "the order-1 and order-2 lists are emptied").toEqual([[], []]);
    expect(buddyOrder(zone, 0), "page 0 records order 3").toBe(3);
    expect(zone.nrFreePages, "8 free pages").toBe(8);
  });

  it("stops merging at MAX_PAGE_ORDER", () => {
    const zone = zoneWith([[1024, MAX_PAGE_ORDER, MOVABLE]], 2048);
    freeOnePage(zone, 0, MAX_PAGE_ORDER, MOVABLE);
    expect(movable(zone, MAX_PAGE_ORDER), "two order-10 buddies stay two blocks; the new one goes to the head").toEqual([0, 1024]);
    expect(zone.nrFree[MAX_PAGE_ORDER], "nr_free[10] is 2").toBe(2);
  });
});

describe("freeOnePage: head or tail (buddy_merge_likely)", () => {
  it("goes to the tail when the next-order buddy is already free", () => {
    // 2..3 in use; 4..7 free. Once 2..3 is freed, 0/o1 would merge twice (to 0/o3).
    const zone = zoneWith([[64, 1, MOVABLE], [4, 2, MOVABLE]]);
    freeOnePage(zone, 0, 1, MOVABLE);
    expect(movable(zone, 1), "0 goes behind 64, so it is not handed out before it can merge").toEqual([64, 0]);
  });

  it("goes to the head when the next-order buddy is not free", () => {
    const zone = zoneWith([[64, 1, MOVABLE]]);
    freeOnePage(zone, 0, 1, MOVABLE);
    expect(movable(zone, 1), "4..7 are in use, a merge is not likely: head").toEqual([0, 64]);
  });
});

describe("freeOnePage: pageblock migratetypes", () => {
  it("does not merge a movable block with an ISOLATE buddy at pageblock order", () => {
    const zone = zoneWith([[512, 9, MIGRATE_ISOLATE]], 1024, [MOVABLE, MIGRATE_ISOLATE]);
    freeOnePage(zone, 0, 9, MOVABLE);
    expect(movable(zone, 9), "0/o9 stays on the movable order-9 list").toEqual([0]);
    expect(freeListPfns(zone, 9, MIGRATE_ISOLATE), "the isolated block is untouched").toEqual([512]);
    expect(getPageblockMigratetype(zone, 512), "pageblock 512 stays ISOLATE").toBe(MIGRATE_ISOLATE);
    expect(zone.nrFreePages, "isolated pages are not in NR_FREE_PAGES; the 512 freed pages are").toBe(512);
  });

  it("merges two mergeable types and retypes the buddy's pageblock", () => {
    const zone = zoneWith([[512, 9, MIGRATE_UNMOVABLE]], 1024, [MOVABLE, MIGRATE_UNMOVABLE]);
    freeOnePage(zone, 0, 9, MOVABLE);
    expect(movable(zone, 10), "0/o9 + 512/o9 -> 0/o10 on the movable list").toEqual([0]);
    expect(getPageblockMigratetype(zone, 512), "the buddy's pageblock becomes MOVABLE").toBe(MOVABLE);
    expect(zone.nrFreePages, "1024 free pages").toBe(1024);
  });
});

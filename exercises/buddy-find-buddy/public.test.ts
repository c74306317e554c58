import { describe, it, expect } from "vitest";
import { MAX_PAGE_ORDER } from "mmkata/kata";
import { findBuddyPfn, combinedPfn } from "./solution";

describe("findBuddyPfn", () => {
  it("pairs pages 8 and 9 at order 0", () => {
    expect(findBuddyPfn(8, 0), "the order-0 buddy of page 8 is page 9").toBe(9);
    expect(findBuddyPfn(9, 0), "the order-0 buddy of page 9 is page 8").toBe(8);
  });

  it("finds #10 as the order-1 buddy of #8 (the kernel's own example)", () => {
    expect(findBuddyPfn(8, 1), "blocks 8-9 and 10-11 form the order-2 block 8-11").toBe(10);
  });

  it("finds a buddy below an upper-half block", () => {
    expect(findBuddyPfn(10, 1), "10-11 is the upper half of 8-11, so its buddy is 8").toBe(8);
    expect(findBuddyPfn(24, 3), "24-31 is the upper half of 16-31, so its buddy is 16").toBe(16);
  });

  it("is symmetric: the buddy's buddy is the block itself", () => {
    for (const [pfn, order] of [[0, 0], [12, 2], [48, 4], [1536, 9], [96, 5]] as const) {
      const buddy = findBuddyPfn(pfn, order);
      expect(findBuddyPfn(buddy, order), `buddy of ${buddy} at order ${order} should be ${pfn}`).toBe(pfn);
    }
  });

  it("finds a buddy exactly one block size away", () => {
    for (const [pfn, order] of [[64, 3], [72, 3], [256, 7], [384, 7]] as const) {
      const distance = Math.abs(findBuddyPfn(pfn, order) - pfn);
      expect(distance, `an order-${order} buddy is 2^${order} = ${1 << order} pages away from ${pfn}`).toBe(1 << order);
    }
  });

  it("works at MAX_PAGE_ORDER", () => {
    expect(findBuddyPfn(0, MAX_PAGE_ORDER), "the order-10 buddy of 0 starts 1024 pages later").toBe(1024);
    expect(findBuddyPfn(3072, MAX_PAGE_ORDER), "3072 is the upper half of the 2048-4095 pair").toBe(2048);
  });
});

describe("combinedPfn", () => {
  it("keeps a lower half's own pfn", () => {
    expect(combinedPfn(8, 1), "8-9 merged with 10-11 is the block starting at 8").toBe(8);
    expect(combinedPfn(16, 3), "16-23 merged with 24-31 starts at 16").toBe(16);
  });

  it("moves an upper half down to its buddy", () => {
    expect(combinedPfn(10, 1), "10-11 merged with 8-9 starts at 8, not 10").toBe(8);
    expect(combinedPfn(9, 0), "page 9 merged with page 8 starts at 8").toBe(8);
  });

  it("returns a pfn aligned to the next order", () => {
    for (const [pfn, order] of [[40, 3], [48, 3], [5, 0], [1024, 10], [768, 8]] as const) {
      const merged = combinedPfn(pfn, order);
      expect(merged % (1 << (order + 1)), `combinedPfn(${pfn}, ${order}) = ${merged} must be a multiple of ${1 << (order + 1)}`).toBe(0);
      expect(merged === pfn || merged === findBuddyPfn(pfn, order), `combinedPfn(${pfn}, ${order}) must be the block or its buddy`).toBe(true);
    }
  });
});

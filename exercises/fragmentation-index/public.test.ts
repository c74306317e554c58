import { describe, it, expect } from "vitest";
import { MIGRATE_MOVABLE, buildZone, type FreeBlock, type Zone } from "mmkata/kata";
import { fragmentationIndex, unusableFreeIndex, extfragIndexLine } from "./solution";

const M = MIGRATE_MOVABLE;

function zone(free: FreeBlock[], name = "Normal"): Zone {
  return buildZone({ zone: { name, zoneStartPfn: 0, spannedPages: 2048 }, free });
}

/** 4 order-0 blocks and one order-2 block: 8 free pages in 5 blocks. */
const example = (): Zone => zone([[0, 0, M], [2, 0, M], [5, 0, M], [7, 0, M], [8, 2, M]]);

describe("fragmentationIndex", () => {
  it("-1000 when a suitable block exists", () => {
    expect(fragmentationIndex(example(), 2)).toBe(-1000);
  });

  it("the integer formula when none does", () => {
    expect(fragmentationIndex(example(), 3), "1000 - (1000 + 8000/8) / 5").toBe(600);
    expect(fragmentationIndex(example(), 4), "1000 - (1000 + 8000/16) / 5").toBe(700);
  });

  it("0 for a zone with no free block", () => {
    expect(fragmentationIndex(zone([]), 3)).toBe(0);
  });

  it("keeps the kernel's division order (5 pages in 4 blocks, order 2: 438)", () => {
    expect(fragmentationIndex(zone([[0, 0, M], [3, 0, M], [6, 0, M], [8, 1, M]]), 2)).toBe(438);
  });
});

describe("unusableFreeIndex", () => {
  it("counts suitable blocks in pages", () => {
    expect(unusableFreeIndex(example(), 2), "(8 - 1*4) * 1000 / 8").toBe(500);
    expect(unusableFreeIndex(example(), 0)).toBe(0);
    expect(unusableFreeIndex(zone([[0, 0, M], [512, 9, M]]), 3), "(513 - 64*8) * 1000 / 513").toBe(1);
  });

  it("1000 when nothing is free", () => {
    expect(unusableFreeIndex(zone([]), 0)).toBe(1000);
  });
});

describe("extfragIndexLine", () => {
  it("prints %2d.%03d per order after the right-aligned zone name", () => {
    expect(extfragIndexLine(example())).toBe("Node 0, zone   Normal -1.000 -1.000 -1.000  0.600  0.700  0.750  0.775  0.788  0.794  0.797  0.799 ");
  });

  it("prints a negative index as C does", () => {
    expect(extfragIndexLine(zone([[512, 9, M]], "DMA32"))).toBe("Node 0, zone    DMA32 " + "-1.000 ".repeat(10) + " 0.-500 ");
  });
});

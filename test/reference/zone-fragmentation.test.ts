/**
 * Fragmentation indices (mm/vmstat.c fill_contig_page_info,
 * __fragmentation_index, unusable_free_index, extfrag_show_print): the worked
 * example of the module header, the -1000 and 0 cases, C-style printing of
 * negative indices, and properties against a BigInt model of the formulas.
 */

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  MIGRATE_ISOLATE,
  MIGRATE_MOVABLE,
  buildZone,
  extfragIndexLine,
  fillContigPageInfo,
  fragmentationIndex,
  unusableFreeIndex,
  type FreeBlock,
  type Zone,
} from "../../reference/index.js";

const M = MIGRATE_MOVABLE;

function zone(free: FreeBlock[], pageblocks = [1, 1, 1, 1], name = "Normal"): Zone {
  return buildZone({ zone: { name, zoneStartPfn: 0, spannedPages: 2048 }, pageblocks, free });
}

/** 4 order-0 blocks and one order-2 block: 8 free pages in 5 blocks. */
const example = (): Zone => zone([[0, 0, M], [2, 0, M], [5, 0, M], [7, 0, M], [8, 2, M]]);

describe("fragmentation indices", () => {
  it("the worked example: order 3 fails for fragmentation (600), order 2 would succeed (-1000)", () => {
    const z = example();
    expect(fillContigPageInfo(z, 3)).toEqual({ freePages: 8, freeBlocksTotal: 5, freeBlocksSuitable: 0 });
    expect(fragmentationIndex(z, 3)).toBe(600);
    expect(fragmentationIndex(z, 2)).toBe(-1000);
    expect(unusableFreeIndex(z, 3)).toBe(1000);
    expect(unusableFreeIndex(z, 2)).toBe(500);
    expect(unusableFreeIndex(z, 0)).toBe(0);
  });

  it("an empty zone: fragmentation index 0, unusable index 1000", () => {
    const z = zone([]);
    expect(fragmentationIndex(z, 4)).toBe(0);
    expect(unusableFreeIndex(z, 4)).toBe(1000);
  });

  it("one order-9 block and an order-10 request gives a negative index other than -1000", () => {
    const z = zone([[512, 9, M]]);
    expect(fragmentationIndex(z, 10)).toBe(1000 - (1000 + 500)); // -500
    expect(fragmentationIndex(z, 11), "orders above MAX_PAGE_ORDER give 0 (the kernel warns)").toBe(0);
  });

  it("Isolate blocks count, as nr_free does", () => {
    const z = zone([[1024, 10, MIGRATE_ISOLATE]], [1, 1, 4, 4]);
    expect(fragmentationIndex(z, 10)).toBe(-1000);
    expect(unusableFreeIndex(z, 10)).toBe(0);
  });

  it("extfrag_index prints %2d.%03d with C's truncating division and remainder", () => {
    expect(extfragIndexLine(zone([[512, 9, M]]))).toBe("Node 0, zone   Normal " + "-1.000 ".repeat(10) + " 0.-500 ");
    expect(extfragIndexLine(example())).toBe(
      "Node 0, zone   Normal -1.000 -1.000 -1.000  0.600  0.700  0.750  0.775  0.788  0.794  0.797  0.799 ",
    );
    expect(extfragIndexLine(zone([], undefined, "DMA32"))).toBe("Node 0, zone    DMA32 " + " 0.000 ".repeat(11));
  });

  it("property: matches a BigInt model of the kernel's formulas", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 11, maxLength: 11 }), fc.integer({ min: 0, max: 10 }), (counts, order) => {
        const z = zone([]);
        counts.forEach((n, o) => (z.nrFree[o] = n));
        let free = 0n;
        let total = 0n;
        let suitable = 0n;
        counts.forEach((n, o) => {
          free += BigInt(n) << BigInt(o);
          total += BigInt(n);
          if (o >= order) suitable += BigInt(n) << BigInt(o - order);
        });
        const frag = total === 0n ? 0 : suitable > 0n ? -1000 : Number(1000n - (1000n + (free * 1000n) / (1n << BigInt(order))) / total);
        const unusable = free === 0n ? 1000 : Number(((free - (suitable << BigInt(order))) * 1000n) / free);
        expect(fragmentationIndex(z, order)).toBe(frag);
        expect(unusableFreeIndex(z, order)).toBe(unusable);
      }),
      { numRuns: 300 },
    );
  });
});

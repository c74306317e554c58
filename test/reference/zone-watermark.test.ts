/**
 * Watermarks, lowmem_reserve, totalreserve_pages and min_free_kbytes, checked
 * against values worked out by hand from the kernel's formulas
 * (mm/page_alloc.c __setup_per_zone_wmarks, setup_per_zone_lowmem_reserve,
 * calculate_totalreserve_pages, calculate_min_free_kbytes; mm/khugepaged.c
 * set_recommended_min_free_kbytes) and the worked examples of KERNEL.md §1.8.
 */

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as index from "../../reference/index.js";
import * as watermark from "../../reference/zone/watermark.js";
import * as allocFlags from "../../reference/zone/alloc-flags.js";
import {
  Zone,
  bootMachine,
  presets,
  calculateMinFreeKbytes,
  calculateTotalreservePages,
  initPerZoneWmarkMin,
  intSqrt,
  multFrac,
  nrFreeBufferPages,
  recommendedMinFreeKbytes,
  setupPerZoneLowmemReserve,
  setupPerZoneWmarks,
  zoneIdx,
  highWmarkPages,
  lowWmarkPages,
  minWmarkPages,
  promoWmarkPages,
  DEFAULT_LOWMEM_RESERVE_RATIO,
} from "../../reference/index.js";

/** Zones with only the counts that matter here (one page spanned each: the arrays stay tiny). */
function zones(...specs: [string, number, number?][]): Zone[] {
  return specs.map(([name, managed, nid]) => new Zone({ name, nid: nid ?? 0, zoneStartPfn: 0, spannedPages: 1, presentPages: managed, managedPages: managed }));
}

const laptop = (): Zone[] => bootMachine(presets["laptop-4g"]!).zones;

describe("setupPerZoneWmarks", () => {
  it("laptop-4g at the default 7904 kB: min is each lowmem zone's share of 1976 pages", () => {
    const z = laptop();
    setupPerZoneWmarks(z, 7904, 10);
    expect(z.map((x) => [...x.watermark])).toEqual([
      [7, 10, 13, 16], // DMA: 1976*3840/976286 = 7; delta max(1, mult_frac(3840,10,10000)=3) = 3
      [1476, 2205, 2934, 3663], // DMA32: delta = mult_frac(729342,10,10000) = 729 > 1476>>2 = 369
      [492, 735, 978, 1221], // Normal: delta 243 > 123
    ]);
  });

  it("the THP value 67584 kB makes the share/4 term win the delta", () => {
    const z = laptop();
    setupPerZoneWmarks(z, 67584, 10);
    expect(z.map((x) => [...x.watermark])).toEqual([
      [66, 82, 98, 114],
      [12622, 15777, 18932, 22087], // 16896*729342/976286 = 12622; delta 12622>>2 = 3155
      [4207, 5258, 6309, 7360],
    ]);
  });

  it("clamps a Movable zone's min to managed/1024 in [32, 128] but keeps its proportional delta", () => {
    const z = zones(["DMA32", 100000], ["Movable", 8192], ["Movable", 70000, 1], ["Movable", 500000, 1]);
    setupPerZoneWmarks(z, 40000, 10); // pages_min 10000, lowmem 100000 (Movable excluded)
    expect(z[0]!.watermark).toEqual([10000, 12500, 15000, 17500]);
    // share = 10000*8192/100000 = 819; min clamp(8, 32, 128) = 32; delta max(204, 8) = 204
    expect(z[1]!.watermark).toEqual([32, 236, 440, 644]);
    // share 7000: min 68; delta 1750
    expect(z[2]!.watermark).toEqual([68, 1818, 3568, 5318]);
    // share 50000: min 488 → 128; delta 12500
    expect(z[3]!.watermark).toEqual([128, 12628, 25128, 37628]);
  });

  it("uses mult_frac for the scale-factor delta and resets the boost", () => {
    const [z] = zones(["Normal", 123457]);
    z!.watermarkBoost = 77;
    setupPerZoneWmarks([z!], 128, 3000); // pages_min 32; delta = 12*3000 + 3457*3000/10000 = 37037
    expect(z!.watermark).toEqual([32, 37069, 74106, 111143]);
    expect(z!.watermarkBoost).toBe(0);
  });

  it("computes the share in exact integer arithmetic even when pages_min * managed passes 2^53", () => {
    const z = zones(["DMA32", 2 ** 31 - 1], ["Normal", 3]);
    setupPerZoneWmarks(z, 4 * 2 ** 30, 1);
    const exact = (2n ** 30n * (2n ** 31n - 1n)) / (2n ** 31n + 2n);
    expect(z[0]!.watermark[0]).toBe(Number(exact));
  });

  it("throws KernelBug when every zone is Movable", () => {
    expect(() => setupPerZoneWmarks(zones(["Movable", 1000]), 1024, 10)).toThrow(/no lowmem zone/);
  });
});

describe("lowmem_reserve and totalreserve_pages", () => {
  it("laptop-4g with the default ratios 256 256 32 0", () => {
    const z = laptop();
    setupPerZoneWmarks(z, 7904, 10);
    setupPerZoneLowmemReserve(z, DEFAULT_LOWMEM_RESERVE_RATIO);
    expect(z.map((x) => [...x.lowmemReserve])).toEqual([
      [0, 2848, 3798, 3798], // DMA: 729342/256, (729342+243104)/256; no Movable zone adds 0
      [0, 0, 949, 949],
      [0, 0, 0, 0], // Normal's ratio 32 over an empty Movable zone
    ]);
    // min(3798+13, 3840) + min(949+2934, 729342) + min(0+978, 243104)
    expect(calculateTotalreservePages(z)).toBe(3811 + 3883 + 978);
  });

  it("sums only the node's own higher zones; a zero ratio or an empty zone clears the entries", () => {
    const z = zones(["DMA32", 1000], ["Normal", 6400], ["Movable", 3200], ["Normal", 99999, 1], ["DMA32", 0, 1]);
    setupPerZoneLowmemReserve(z, [256, 64, 32, 0]);
    expect(z[0]!.lowmemReserve).toEqual([0, 0, 100, 150]);
    expect(z[1]!.lowmemReserve).toEqual([0, 0, 0, 100]);
    expect(z[2]!.lowmemReserve).toEqual([0, 0, 0, 0]);
    expect(z[4]!.lowmemReserve).toEqual([0, 0, 0, 0]);
    setupPerZoneLowmemReserve(z, [256, 0, 32, 0]);
    expect(z[0]!.lowmemReserve).toEqual([0, 0, 0, 0]);
  });

  it("caps each zone's reserve at its managed pages and counts the boost in high", () => {
    const z = zones(["DMA", 100], ["DMA32", 10000]);
    setupPerZoneWmarks(z, 1024, 10);
    setupPerZoneLowmemReserve(z, [1, 256, 32, 0]);
    expect(z[0]!.lowmemReserve[1]).toBe(10000);
    const before = calculateTotalreservePages(z);
    expect(before).toBe(100 + Math.min(z[1]!.watermark[2]!, 10000));
    z[1]!.watermarkBoost = 50;
    expect(calculateTotalreservePages(z)).toBe(before + 50);
  });
});

describe("min_free_kbytes", () => {
  it("laptop-4g: int_sqrt(976286*4*16) = 7904 kB at boot; THP raises it to 67584 kB (KERNEL.md §1.8)", () => {
    const z = laptop();
    expect(nrFreeBufferPages(z)).toBe(976286);
    expect(calculateMinFreeKbytes(z)).toBe(7904);
    expect(initPerZoneWmarkMin(z).minFreeKbytes).toBe(7904);
    expect(recommendedMinFreeKbytes(z)).toBe(67584);
    const thp = initPerZoneWmarkMin(laptop(), { thp: true });
    expect(thp.minFreeKbytes).toBe(67584);
  });

  it("clamps to [128, 262144] and caps the THP value at 5% of the pages above high", () => {
    expect(calculateMinFreeKbytes(zones(["Normal", 100]))).toBe(128);
    expect(calculateMinFreeKbytes(zones(["Normal", 2 ** 31 - 1]))).toBe(262144);
    expect(recommendedMinFreeKbytes(zones(["DMA32", 20000], ["Movable", 90000]))).toBe(Math.floor(20000 / 20) * 4);
  });
});

describe("helpers", () => {
  it("multFrac matches floor(x*n/d) without overflow, intSqrt is the floor square root", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 10000 }), (x, n, d) => {
        expect(BigInt(multFrac(x, n, d))).toBe((BigInt(x) * BigInt(n)) / BigInt(d));
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 52 }), (x) => {
        const r = intSqrt(x);
        expect(r * r <= x && (r + 1) * (r + 1) > x).toBe(true);
      }),
    );
  });

  it("accessors add the boost; zoneIdx maps names to zone types", () => {
    const [z] = zones(["Normal", 1000]);
    z!.watermark.splice(0, 4, 1, 2, 3, 4);
    z!.watermarkBoost = 10;
    expect([minWmarkPages(z!), lowWmarkPages(z!), highWmarkPages(z!), promoWmarkPages(z!)]).toEqual([11, 12, 13, 14]);
    expect(zoneIdx(z!)).toBe(2);
    expect(() => zoneIdx(new Zone({ name: "HighMem", zoneStartPfn: 0, spannedPages: 1 }))).toThrow(/not a zone type/);
  });

  it("reference/index.ts re-exports the watermark modules", () => {
    const all = index as Record<string, unknown>;
    for (const mod of [watermark, allocFlags] as Record<string, unknown>[]) {
      expect(Object.keys(mod).filter((k) => all[k] !== mod[k])).toEqual([]);
    }
  });
});

import { describe, it, expect } from "vitest";
import { Zone, WMARK_MIN, WMARK_PROMO } from "mmkata/kata";
import { setupPerZoneWmarks, setupPerZoneLowmemReserve, calculateTotalreservePages } from "./solution";

/** A zone with only its counts (one page spanned keeps it tiny). */
function zone(name: string, managed: number, nid = 0): Zone {
  return new Zone({ name, nid, zoneStartPfn: 0, spannedPages: 1, presentPages: managed, managedPages: managed });
}

const laptop = (): Zone[] => [zone("DMA", 3840), zone("DMA32", 729342), zone("Normal", 243104)];

describe("setupPerZoneWmarks", () => {
  it("laptop-4g at 7904 kB: DMA32 gets 1476 / 2205 / 2934 / 3663", () => {
    const z = laptop();
    setupPerZoneWmarks(z, 7904, 10);
    expect(z[1]!.watermark, "share 1976*729342/976286, delta mult_frac(729342, 10, 10000) = 729").toEqual([1476, 2205, 2934, 3663]);
    expect(z[0]!.watermark, "DMA: share 7, delta max(1, 3)").toEqual([7, 10, 13, 16]);
  });

  it("a large min_free_kbytes: the share/4 term wins the delta", () => {
    const z = laptop();
    setupPerZoneWmarks(z, 67584, 10);
    expect(z[1]!.watermark).toEqual([12622, 15777, 18932, 22087]);
  });

  it("clamps a Movable zone's min to [32, 128] and leaves it out of lowmem", () => {
    const z = [zone("DMA32", 100000), zone("Movable", 8192), zone("Movable", 500000, 1)];
    setupPerZoneWmarks(z, 40000, 10);
    expect(z[0]!.watermark[WMARK_MIN], "DMA32 is all of lowmem: min = pages_min").toBe(10000);
    expect(z[1]!.watermark, "min clamp(8) = 32; delta from the share 819: 204").toEqual([32, 236, 440, 644]);
    expect(z[2]!.watermark[WMARK_MIN], "500000/1024 = 488, clamped to 128").toBe(128);
  });

  it("uses watermark_scale_factor with mult_frac and resets the boost", () => {
    const z = [zone("Normal", 123457)];
    z[0]!.watermarkBoost = 77;
    setupPerZoneWmarks(z, 128, 3000);
    expect(z[0]!.watermark[WMARK_PROMO], "32 + 3 × 37037").toBe(111143);
    expect(z[0]!.watermarkBoost).toBe(0);
  });
});

describe("lowmem_reserve and totalreserve_pages", () => {
  it("laptop-4g with ratios 256 256 32 0", () => {
    const z = laptop();
    setupPerZoneWmarks(z, 7904, 10);
    setupPerZoneLowmemReserve(z, [256, 256, 32, 0]);
    expect(z[0]!.lowmemReserve, "DMA: 729342/256, (729342+243104)/256, no Movable").toEqual([0, 2848, 3798, 3798]);
    expect(z[1]!.lowmemReserve).toEqual([0, 0, 949, 949]);
    expect(calculateTotalreservePages(z), "3811 + 3883 + 978").toBe(8672);
  });

  it("sums only the zone's own node; ratio 0 clears", () => {
    const z = [zone("DMA32", 1000), zone("Normal", 6400), zone("Normal", 99999, 1), zone("Movable", 3200)];
    setupPerZoneLowmemReserve(z, [256, 64, 0, 0]);
    expect(z[0]!.lowmemReserve, "6400/64, (6400+3200)/64 — node 1's Normal does not count").toEqual([0, 0, 100, 150]);
    expect(z[1]!.lowmemReserve, "Normal's ratio is 0").toEqual([0, 0, 0, 0]);
  });

  it("caps each zone's reserve at its managed pages and counts the boost", () => {
    const z = [zone("DMA", 100), zone("DMA32", 10000)];
    setupPerZoneWmarks(z, 1024, 10);
    setupPerZoneLowmemReserve(z, [1, 256, 32, 0]);
    const high = z[1]!.watermark[2]!;
    expect(calculateTotalreservePages(z), "DMA: min(10000 + 1, 100)").toBe(100 + high);
    z[1]!.watermarkBoost = 50;
    expect(calculateTotalreservePages(z)).toBe(100 + high + 50);
  });
});

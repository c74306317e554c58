import { describe, expect, it } from "vitest";
import {
  KernelBug,
  MIGRATE_MOVABLE,
  MIGRATE_UNMOVABLE,
  PG_reserved,
  bootMachine,
  freeListPfns,
  machinePresetNames,
  machineZone,
  pageZone,
  pageblock_nr_pages,
  presets,
  subtractRanges,
  zoneDigest,
  type MachineConfig,
  type Zone,
} from "../../reference/index.js";
import { buddyinfoPages, zoneInvariantErrors } from "./zone-invariants.js";

/** Expected pageblock type after memmap_init: MOVABLE iff its aligned first pfn is RAM of this zone. */
function expectedBlockTypes(zone: Zone, ram: (pfn: number) => boolean): number[] {
  const first = zone.zoneStartPfn - (zone.zoneStartPfn % pageblock_nr_pages);
  return Array.from(zone.pageblockMt, (_, i) => {
    const pfn = first + i * pageblock_nr_pages;
    return pfn >= zone.zoneStartPfn && ram(pfn) ? MIGRATE_MOVABLE : MIGRATE_UNMOVABLE;
  });
}

describe("presets", () => {
  it("names every preset", () => {
    expect([...machinePresetNames].sort()).toEqual(["laptop-4g", "tiny"]);
    expect(Object.isFrozen(presets["laptop-4g"]!.nodes[0]!.zones[0])).toBe(true);
  });
});

describe("bootMachine(tiny)", () => {
  const m = bootMachine(presets.tiny!);
  const zone = m.zones[0]!;

  it("frees all 4096 pages as four order-10 blocks, ascending (tail inserts)", () => {
    expect(m.zones.map((z) => z.name)).toEqual(["Normal"]);
    expect(Array.from(zone.nrFree)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4]);
    expect(freeListPfns(zone, 10, MIGRATE_MOVABLE)).toEqual([0, 1024, 2048, 3072]);
    expect(zone.nrFreePages).toBe(4096);
    expect(buddyinfoPages(zone)).toBe(4096);
    expect(zone.managedPages).toBe(4096);
    expect(zoneInvariantErrors(zone)).toEqual([]);
  });

  it("makes every pageblock MOVABLE", () => {
    expect(Array.from(zone.pageblockMt)).toEqual(new Array(8).fill(MIGRATE_MOVABLE));
  });
});

describe("bootMachine(laptop-4g)", () => {
  const cfg = presets["laptop-4g"]!;
  const m = bootMachine(cfg);
  const ram = (pfn: number): boolean => m.memory.some((r) => pfn >= r.start && pfn < r.end);

  it("has DMA, DMA32 and Normal with the declared geometry", () => {
    expect(m.zones.map((z) => [z.name, z.zoneStartPfn, z.spannedPages, z.presentPages, z.managedPages])).toEqual([
      ["DMA", 1, 4095, 3998, 3840],
      ["DMA32", 4096, 1044480, 756990, 729342],
      ["Normal", 1048576, 260096, 260096, 243104],
    ]);
    const dma32 = machineZone(m, "DMA32")!;
    expect(dma32.presentPages / 2 ** 20).toBeGreaterThan(0.7);
    for (const z of m.zones) expect(z.managedPages / z.presentPages).toBeGreaterThan(0.9);
  });

  it("Σ nr_free[o] << o == NR_FREE_PAGES == pages freed == managed, per zone", () => {
    for (const z of m.zones) {
      expect(buddyinfoPages(z), z.name).toBe(z.nrFreePages);
      expect(z.nrFreePages, z.name).toBe(z.managedPages);
      expect(zoneInvariantErrors(z), z.name).toEqual([]);
    }
  });

  it("frees DMA [0x100, 0x1000) as 0x100/o8, 0x200/o9, then three order-10 blocks", () => {
    const dma = machineZone(m, "DMA")!;
    expect(Array.from(dma.nrFree)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 3]);
    expect(freeListPfns(dma, 8, MIGRATE_UNMOVABLE), "pageblock 0 starts at pfn 0, not RAM: UNMOVABLE").toEqual([0x100]);
  });

  it("types pageblocks as memmap_init does: MOVABLE iff the block's first pfn is RAM in the zone", () => {
    for (const z of m.zones) expect(Array.from(z.pageblockMt), z.name).toEqual(expectedBlockTypes(z, ram));
    expect(machineZone(m, "Normal")!.pageblockMt.every((t) => t === MIGRATE_MOVABLE)).toBe(true);
  });

  it("keeps holes and reserved RAM PG_reserved and off the free lists", () => {
    const dma32 = machineZone(m, "DMA32")!;
    for (const pfn of [0x1000, 0x3bff, 0xa6b6e, 0xb5cff, 0xb9cfe, 0xc0000, 0xfffff]) {
      expect(dma32.pageFlags[pfn - dma32.zoneStartPfn]! & PG_reserved, `pfn ${pfn.toString(16)}`).toBe(PG_reserved);
    }
    expect(dma32.pageFlags[0x3c00 - dma32.zoneStartPfn]! & PG_reserved).toBe(0);
    expect(freeListPfns(dma32, 0, MIGRATE_UNMOVABLE), "the stray RAM page 0xbcdff, in a hole-started pageblock").toEqual([0xbcdff]);
  });

  it("boots reproducibly", () => {
    const again = bootMachine(cfg);
    expect(again.zones.map(zoneDigest)).toEqual(m.zones.map(zoneDigest));
  });
});

describe("pageZone (pfn_to_online_page + page_zone)", () => {
  const m = bootMachine(presets["laptop-4g"]!);
  const name = (pfn: number): string | null => pageZone(m, pfn)?.name ?? null;

  it("maps RAM to its zone and offline subsections to null", () => {
    expect(name(0x1)).toBe("DMA");
    expect(name(0x0), "pfn 0's subsection holds RAM; its struct page is DMA's").toBe("DMA");
    expect(name(0x5000)).toBe("DMA32");
    expect(name(0x100000)).toBe("Normal");
    expect(name(0xc0000), "PCI hole").toBeNull();
    expect(name(0xbce00), "hole subsection after the stray page").toBeNull();
  });

  it("gives a hole page inside an online subsection the zone of the next RAM above it", () => {
    expect(name(0xbcc00)).toBe("DMA32");
    const cfg: MachineConfig = {
      name: "hole",
      nodes: [{ nid: 0, zones: [
        { type: "DMA", zoneStartPfn: 0x100, spannedPages: 0xf00, memory: [{ start: 0x100, end: 0x280 }] },
        { type: "DMA32", zoneStartPfn: 0x1000, spannedPages: 0x1000 },
      ] }],
    };
    const h = bootMachine(cfg);
    expect(pageZone(h, 0x300)?.name, "0x300 is a hole in an online subsection, next RAM is DMA32").toBe("DMA32");
    expect(pageZone(h, 0x500)).toBeNull();
  });
});

describe("bootMachine: config checks", () => {
  const base = presets["laptop-4g"]!;
  const withDma = (patch: object): MachineConfig => ({
    name: "bad",
    nodes: [{ nid: 0, zones: [{ ...base.nodes[0]!.zones[0]!, ...patch }] }],
  });

  it("rejects declared counts that the ranges do not give", () => {
    expect(() => bootMachine(withDma({ presentPages: 4000 }))).toThrow(/present/);
    expect(() => bootMachine(withDma({ managedPages: 3998 }))).toThrow(/managed/);
  });

  it("rejects ranges outside the span or overlapping", () => {
    expect(() => bootMachine(withDma({ memory: [{ start: 0, end: 0x10 }] }))).toThrow(KernelBug);
    expect(() => bootMachine(withDma({ memory: [{ start: 0, end: 0x10 }] }))).toThrow(/outside/);
    expect(() => bootMachine(withDma({ presentPages: undefined, managedPages: undefined, memory: [{ start: 1, end: 9 }, { start: 8, end: 16 }] }))).toThrow(/overlaps/);
  });

  it("rejects zones out of type order", () => {
    const cfg: MachineConfig = { name: "bad", nodes: [{ nid: 0, zones: [
      { type: "Normal", zoneStartPfn: 0, spannedPages: 1024 },
      { type: "DMA32", zoneStartPfn: 1024, spannedPages: 1024 },
    ] }] };
    expect(() => bootMachine(cfg)).toThrow(/order/);
  });
});

describe("subtractRanges", () => {
  it("cuts reserved ranges out of RAM", () => {
    expect(subtractRanges([{ start: 0, end: 100 }, { start: 200, end: 300 }], [{ start: 10, end: 20 }, { start: 90, end: 210 }, { start: 250, end: 400 }])).toEqual([
      { start: 0, end: 10 },
      { start: 20, end: 90 },
      { start: 210, end: 250 },
    ]);
  });
});

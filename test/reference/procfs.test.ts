/**
 * Golden text for /proc/buddyinfo and /proc/pagetypeinfo. The expected strings
 * are written out by hand from mm/vmstat.c's format strings:
 *   buddyinfo:     "Node %d, zone %8s " + "%6lu " x 11 + "\n"
 *   pagetypeinfo:  "Page block order: %d\n" "Pages per block:  %lu\n" "\n"
 *                  "%-43s " + "%6d " x 11 + "\n"
 *                  "Node %4d, zone %8s, type %12s " + "%s%6lu " x 11 + "\n"
 *                  "\n%-23s" + "%12s " x 5 + "\n"
 *                  "Node %d, zone %8s " + "%12lu " x 5 + "\n"
 */
import { describe, expect, it } from "vitest";
import {
  MIGRATE_ISOLATE as ISO,
  MIGRATE_MOVABLE as MOV,
  MIGRATE_RECLAIMABLE as RECL,
  MIGRATE_UNMOVABLE as UNMOV,
  Zone,
  bootMachine,
  buildZone,
  pageZone,
  presets,
  renderBuddyinfo,
  renderPagetypeinfo,
  type FreeBlock,
} from "../../reference/index.js";

const HEADER =
  "Page block order: 9\n" +
  "Pages per block:  512\n" +
  "\n" +
  "Free pages count per migrate type at order       0      1      2      3      4      5      6      7      8      9     10 \n";
const BLOCKS_HEADER = "\nNumber of blocks type     Unmovable      Movable  Reclaimable   HighAtomic      Isolate \n";

/** Normal, pfns 0..2047; pageblocks [Movable, Unmovable, Reclaimable, Isolate]. */
function goldenZone(): Zone {
  const free: FreeBlock[] = [
    [0, 0, MOV],
    [4, 0, MOV],
    [2, 1, MOV],
    [8, 3, MOV],
    [512, 9, UNMOV],
    [1024, 2, RECL],
    [1536, 9, ISO],
  ];
  return buildZone({ zone: { name: "Normal", zoneStartPfn: 0, spannedPages: 2048 }, pageblocks: [MOV, UNMOV, RECL, ISO], free });
}

describe("/proc/buddyinfo", () => {
  it("prints nr_free per order, right-aligned in 6 columns, with a trailing space", () => {
    expect(renderBuddyinfo([goldenZone()])).toBe(
      "Node 0, zone   Normal      2      1      1      1      0      0      0      0      0      2      0 \n",
    );
  });

  it("prints one line per populated zone, in the order given, node ids as %d", () => {
    const dma = buildZone({ zone: { name: "DMA", nid: 0, zoneStartPfn: 1, spannedPages: 1023 }, free: [[512, 9, MOV], [1, 0, MOV]] });
    const empty = new Zone({ name: "Movable", nid: 0, zoneStartPfn: 4096, spannedPages: 512, presentPages: 0 });
    const far = buildZone({ zone: { name: "Normal", nid: 12, zoneStartPfn: 8192, spannedPages: 1024 }, free: [[8192, 10, MOV]] });
    expect(renderBuddyinfo([dma, empty, far])).toBe(
      "Node 0, zone      DMA      1      0      0      0      0      0      0      0      0      1      0 \n" +
        "Node 12, zone   Normal      0      0      0      0      0      0      0      0      0      0      1 \n",
    );
    expect(renderBuddyinfo([empty])).toBe("");
  });

  it("matches the booted laptop's DMA zone", () => {
    const m = bootMachine(presets["laptop-4g"]!);
    expect(renderBuddyinfo(m.zones).split("\n")[0]).toBe(
      "Node 0, zone      DMA      0      0      0      0      0      0      0      0      1      1      3 ",
    );
  });
});

describe("/proc/pagetypeinfo", () => {
  it("prints the header, per-type free counts and pageblock counts", () => {
    expect(renderPagetypeinfo([goldenZone()])).toBe(
      HEADER +
        "Node    0, zone   Normal, type    Unmovable      0      0      0      0      0      0      0      0      0      1      0 \n" +
        "Node    0, zone   Normal, type      Movable      2      1      0      1      0      0      0      0      0      0      0 \n" +
        "Node    0, zone   Normal, type  Reclaimable      0      0      1      0      0      0      0      0      0      0      0 \n" +
        "Node    0, zone   Normal, type   HighAtomic      0      0      0      0      0      0      0      0      0      0      0 \n" +
        "Node    0, zone   Normal, type      Isolate      0      0      0      0      0      0      0      0      0      1      0 \n" +
        BLOCKS_HEADER +
        "Node 0, zone   Normal            1            1            1            0            1 \n",
    );
  });

  it("repeats the whole report per node, and counts blocks from zone_start_pfn in 512-pfn steps", () => {
    // DMA spans [256, 1056): pageblocks 0, 1, 2 are touched, but only pfns 256 and 768 are
    // visited, so block 2 (Reclaimable) is not counted.
    const dma = buildZone({
      zone: { name: "DMA", nid: 0, zoneStartPfn: 256, spannedPages: 800 },
      pageblocks: [UNMOV, MOV, RECL],
      free: [[256, 8, UNMOV], [1024, 5, RECL]],
    });
    const normal = buildZone({ zone: { name: "Normal", nid: 1, zoneStartPfn: 2048, spannedPages: 512 }, free: [[2048, 9, MOV]] });
    const zeros = "      0      0      0      0      0      0      0      0      0      0      0 \n";
    expect(renderPagetypeinfo([dma, normal])).toBe(
      HEADER +
        "Node    0, zone      DMA, type    Unmovable      0      0      0      0      0      0      0      0      1      0      0 \n" +
        "Node    0, zone      DMA, type      Movable" + zeros +
        "Node    0, zone      DMA, type  Reclaimable      0      0      0      0      0      1      0      0      0      0      0 \n" +
        "Node    0, zone      DMA, type   HighAtomic" + zeros +
        "Node    0, zone      DMA, type      Isolate" + zeros +
        BLOCKS_HEADER +
        "Node 0, zone      DMA            1            1            0            0            0 \n" +
        HEADER +
        "Node    1, zone   Normal, type    Unmovable" + zeros +
        "Node    1, zone   Normal, type      Movable      0      0      0      0      0      0      0      0      0      1      0 \n" +
        "Node    1, zone   Normal, type  Reclaimable" + zeros +
        "Node    1, zone   Normal, type   HighAtomic" + zeros +
        "Node    1, zone   Normal, type      Isolate" + zeros +
        BLOCKS_HEADER +
        "Node 1, zone   Normal            0            1            0            0            0 \n",
    );
  });

  it("stops counting a free list at 100000 and prints >100000", () => {
    const evenPages = (n: number): FreeBlock[] => Array.from({ length: n }, (_, i): FreeBlock => [2 * i, 0, MOV]);
    const line = (zone: Zone): string => renderPagetypeinfo([zone]).split("\n").find((l) => l.includes("type      Movable"))!;
    const big = buildZone({ zone: { name: "Normal", zoneStartPfn: 0, spannedPages: 200_000 }, free: evenPages(100_000) });
    expect(line(big)).toBe("Node    0, zone   Normal, type      Movable >100000      0      0      0      0      0      0      0      0      0      0 ");
    const justBelow = buildZone({ zone: { name: "Normal", zoneStartPfn: 0, spannedPages: 200_000 }, free: evenPages(99_999) });
    expect(line(justBelow)).toBe("Node    0, zone   Normal, type      Movable  99999      0      0      0      0      0      0      0      0      0      0 ");
    expect(renderBuddyinfo([big]), "buddyinfo has no cap").toContain(" 100000 ");
  });

  it("counts the booted laptop's pageblocks as the kernel does (holes, offline subsections)", () => {
    const m = bootMachine(presets["laptop-4g"]!);
    const text = renderPagetypeinfo(m.zones, { pageZone: (pfn) => pageZone(m, pfn) });
    // DMA: pfns 1, 513, ..., 3585 → 8 blocks, block 0 (pfn 0 is not RAM) Unmovable.
    // DMA32: blocks 0x1000..0xb9c00 hold RAM at their start (1479, Movable); 0xbcc00 holds
    // only the stray page 0xbcdff (Unmovable); the rest of the PCI hole is offline.
    // Normal: 260096 / 512 = 508, all Movable.
    expect(text.slice(text.indexOf("\nNumber of blocks"))).toBe(
      BLOCKS_HEADER +
        "Node 0, zone      DMA            1            7            0            0            0 \n" +
        "Node 0, zone    DMA32            1         1479            0            0            0 \n" +
        "Node 0, zone   Normal            0          508            0            0            0 \n",
    );
    expect(text).toContain("Node    0, zone      DMA, type    Unmovable      0      0      0      0      0      0      0      0      1      0      0 \n");
    const withoutMap = renderPagetypeinfo(m.zones);
    expect(withoutMap, "without the memory map every spanned block counts").toContain("Node 0, zone    DMA32          561         1479");
  });
});

/**
 * A machine rebuilt from a real box's /proc files renders that box's
 * /proc/buddyinfo and the watermark lines of /proc/zoneinfo byte for byte,
 * and its CommitLimit equals the box's. The watermarks and protection arrays
 * are computed by the reference from vm.min_free_kbytes,
 * vm.watermark_scale_factor and vm.lowmem_reserve_ratio, so this checks the
 * reference against a real kernel; only free blocks and boost are copied.
 *
 * Runs on a committed snapshot (test/fixtures/proc/fc-6.18: the 6.18 test
 * machine, 24 GiB, DMA/DMA32/Normal + empty Movable and Device zones, THP
 * madvise so min_free_kbytes 67584) and on the live files of the machine the
 * tests run on, skipped with the reason where that is not possible.
 */

import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { placeFreeBlocks } from "../../reference/fromproc/place.js";
import { fileURLToPath } from "node:url";
import { machineFromProc, type BoxMachine } from "../../reference/fromproc/machine.js";
import { parseMeminfo, ProcParseError, parseZoneinfo, parseBuddyinfo, parseIomemRam, zoneinfoWatermarkExtract } from "../../reference/fromproc/parse.js";
import { renderBuddyinfo } from "../../reference/procfs/buddyinfo.js";
import { renderZoneinfoWatermarks } from "../../reference/procfs/zoneinfo.js";
import { VmAcct } from "../../reference/policy/vm-acct.js";
import { vmCommitLimit } from "../../reference/policy/overcommit.js";
import { zoneInvariantErrors } from "./zone-invariants.js";
import { liveProcUnusable, readFixture, readLive, type BoxFiles } from "./fromproc-helpers.js";

const FIXTURE = fileURLToPath(new URL("../fixtures/proc/fc-6.18", import.meta.url));

/** CommitLimit in kB, from the machine's managed pages and the box's swap and hugetlb. */
function commitLimitKb(m: BoxMachine, files: BoxFiles): number {
  const info = parseMeminfo(files.meminfo);
  const totalram = m.zones.reduce((n, z) => n + z.managedPages, 0);
  const vm = new VmAcct(totalram, info.get("SwapTotal")! / 4);
  vm.overcommitRatio = files.overcommitRatio;
  vm.overcommitKbytes = files.overcommitKbytes;
  vm.hugetlbPages = info.get("Hugetlb")! / 4;
  return vmCommitLimit(vm) * 4;
}

function checkBox(files: BoxFiles, freeConsistent: boolean): void {
  const m = machineFromProc(files);
  expect(renderBuddyinfo(m.populated)).toBe(files.buddyinfo);
  let real = zoneinfoWatermarkExtract(files.zoneinfo);
  let ours = renderZoneinfoWatermarks(m.zones, m.zoneDevice);
  if (!freeConsistent) {
    const noFree = (s: string) => s.replace(/^ {2}pages free +\d+$/gm, "  pages free     (changed between reads)");
    real = noFree(real);
    ours = noFree(ours);
  }
  expect(ours).toBe(real);
  for (const z of m.populated) expect(zoneInvariantErrors(z), z.name).toEqual([]);
  expect(commitLimitKb(m, files)).toBe(parseMeminfo(files.meminfo).get("CommitLimit"));
}

describe("a machine from a snapshot of the 6.18 test machine's /proc", () => {
  const files = readFixture(FIXTURE);

  it("renders its /proc/buddyinfo and zoneinfo watermark lines identically, and its CommitLimit", () => {
    checkBox(files, true);
  });

  it("computes the watermarks from the sysctls (worked example from the formulas)", () => {
    const m = machineFromProc(files);
    const normal = m.zones.find((z) => z.name === "Normal")!;
    // pages_min = 67584 kB / 4 = 16896; lowmem = 3840 + 772808 + 5394266 = 6170914 managed pages;
    // Normal's share = 16896 * 5394266 / 6170914 = 14769 (rounded down);
    // delta = max(14769 / 4 = 3692, 5394266 * 10 / 10000 = 5394) = 5394.
    expect(normal.watermark).toEqual([14769, 14769 + 5394, 14769 + 2 * 5394, 14769 + 3 * 5394]);
    // The empty Movable zone: min = clamp(0 / 1024, 32, 128) = 32, delta = max(0, 0) = 0.
    expect(m.zones.find((z) => z.name === "Movable")!.watermark).toEqual([32, 32, 32, 32]);
    // DMA's protection against Normal: (772808 + 5394266) / 256 = 24090.
    expect(m.zones[0]!.lowmemReserve).toEqual([0, 3018, 24090, 24090]);
  });

  it("places free blocks the allocator could have left: no two free buddies of one order", () => {
    const m = machineFromProc(files);
    const dma = m.populated[0]!;
    // DMA's 3840 free pages (1 order-8, 1 order-9, 3 order-10 blocks) fill the RAM at 0x100-0x1000 exactly.
    expect(dma.nrFreePages).toBe(3840);
    for (const z of m.populated) expect(zoneInvariantErrors(z)).toEqual([]);
  });
});

/** Aligned regions of 2^(j+1) pages (j+1 <= 10) wholly covered by free blocks of order <= j: each one a missed merge. */
function wholeFreeRegions(blocks: [number, number][]): string[] {
  const out: string[] = [];
  for (let j = 0; j < 10; j++) {
    const cover = new Map<number, number>();
    for (const [pfn, o] of blocks) if (o <= j) cover.set(pfn >> (j + 1), (cover.get(pfn >> (j + 1)) ?? 0) + (1 << o));
    for (const [r, pages] of cover) if (pages === 1 << (j + 1)) out.push(`region ${r << (j + 1)}/o${j + 1}`);
  }
  return out;
}

describe("placeFreeBlocks", () => {
  it("meets any counts that fit, never leaving a mergeable region, and says which order does not fit", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(6), { minLength: 11, maxLength: 11 }), fc.integer({ min: 1, max: 300 }), (counts, start) => {
        let blocks: [number, number][];
        try {
          blocks = placeFreeBlocks(start, 8192, [{ start, end: start + 3000 }, { start: start + 3500, end: start + 8192 }], counts);
        } catch (e) {
          expect(String(e)).toMatch(/no room for \d+ more free blocks of order \d+/);
          return;
        }
        expect(counts.map((_, o) => blocks.filter((b) => b[1] === o).length)).toEqual(counts);
        for (const [pfn, o] of blocks) expect(pfn % (1 << o)).toBe(0);
        expect(wholeFreeRegions(blocks)).toEqual([]);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe("a machine from the live /proc of the machine running the tests", () => {
  const why = liveProcUnusable();
  it.skipIf(why !== undefined)(`renders this box's buddyinfo and zoneinfo watermarks${why ? ` (skipped: ${why})` : ""}`, () => {
    const { files, consistent } = readLive();
    checkBox(files, consistent);
  });
});

describe("bad /proc text", () => {
  it("names the file and line", () => {
    expect(() => parseZoneinfo("hello\n")).toThrow(ProcParseError);
    expect(() => parseZoneinfo("Node 0, zone      DMA\n  pages free     1\n        boost    0\n")).toThrow(/zoneinfo:1: zone DMA of node 0 has no "min" line/);
    expect(() => parseBuddyinfo("Node 0, zone DMA 1 2 3\n")).toThrow(/buddyinfo:1: 3 orders, expected 11/);
    expect(() => parseMeminfo("MemTotal: lots\n")).toThrow(/meminfo:1: expected/);
  });

  it("treats iomem with hidden addresses as unknown, and whole partial pages as not RAM", () => {
    expect(parseIomemRam("00000000-00000000 : System RAM\n")).toBeUndefined();
    expect(parseIomemRam("00001000-0009fbff : System RAM\n00100000-bfffffff : System RAM\n  01000000-01ffffff : Kernel code\n")).toEqual([
      { start: 1, end: 0x9f },
      { start: 0x100, end: 0xc0000 },
    ]);
  });

  it("refuses files that disagree", () => {
    const files = readFixture(FIXTURE);
    expect(() => machineFromProc({ ...files, buddyinfo: files.buddyinfo.replace("DMA32", "DMA64") })).toThrow(/no line for node 0, zone DMA32/);
    expect(() => machineFromProc({ ...files, iomem: "00100000-bfffffff : System RAM\n" })).toThrow(/iomem has \d+ pages of System RAM .* present 3998/);
  });
});

/**
 * The x86-64 page-table reference: PTE layout against the kernel's headers, the VA split
 * for 4- and 5-level paging, simulated memory, and the walker's error codes for the
 * accesses KERNEL.md §3 lists (0x4, 0x6, 0x7, 0x15, 0x25, 0x27, #GP).
 */
import { describe, expect, it } from "vitest";
import * as index from "../../reference/index.js";
import * as kata from "../../reference/kata.js";
import {
  _PAGE_ACCESSED, _PAGE_DIRTY, _PAGE_NX, _PAGE_PRESENT, _PAGE_PROTNONE, _PAGE_PSE, _PAGE_RW, _PAGE_USER,
  PTE_PFN_MASK, PTE_FLAGS_MASK, pfnPte, pteToPfn, pteFlags, ptePkey, pkeyFlags, describePteFlags,
} from "../../reference/pgtable/pte.js";
import { pxIndex, pageOffset, isCanonical, canonicalize } from "../../reference/pgtable/va.js";
import { PhysMem, readEntry, writeEntry, allocTablePage, freeTablePage } from "../../reference/pgtable/physmem.js";
import { Access, MmuRegs, WalkResult } from "../../reference/pgtable/mmu.js";
import { mapPage, newPageTable, protectEntry, clearAccessed, entrySlot } from "../../reference/pgtable/map.js";
import { walk } from "../../reference/pgtable/walk.js";
import { pgtableDigest, snapshotPageTables } from "../../reference/pgtable/snapshot.js";

const U = _PAGE_PRESENT | _PAGE_USER;
const read = new Access(false, true);
const write = new Access(true, true);
const fetch = new Access(false, true, true);

function machine(levels = 4, pkru = 0): { mem: PhysMem; regs: MmuRegs } {
  const mem = new PhysMem({ zoneStartPfn: 0x100, spannedPages: 256 });
  return { mem, regs: new MmuRegs(newPageTable(mem, levels), levels === 5, pkru) };
}

const show = (r: WalkResult): string => r.toString();

describe("PTE layout (pgtable_types.h)", () => {
  it("has the kernel's bit positions", () => {
    expect([_PAGE_PRESENT, _PAGE_RW, _PAGE_USER, _PAGE_ACCESSED, _PAGE_DIRTY, _PAGE_PSE]).toEqual([1n, 2n, 4n, 0x20n, 0x40n, 0x80n]);
    expect(_PAGE_PROTNONE).toBe(0x100n);
    expect(_PAGE_NX).toBe(0x8000000000000000n);
    expect(PTE_PFN_MASK).toBe(0x000ffffffffff000n);
    expect(PTE_FLAGS_MASK | PTE_PFN_MASK).toBe((1n << 64n) - 1n);
  });

  it("packs and unpacks pfn, flags and protection key", () => {
    const e = pfnPte(0x12345, U | _PAGE_NX | pkeyFlags(5));
    expect(e).toBe(0xa800000012345005n);
    expect(pteToPfn(e)).toBe(0x12345);
    expect(pteFlags(e)).toBe(0xa800000000000005n);
    expect(ptePkey(e)).toBe(5);
    expect(describePteFlags(e)).toBe("P US NX pkey=5");
    expect(() => pfnPte(1, 1n << 12n)).toThrow(/overlap/);
  });
});

describe("VA split (pgtable_64_types.h)", () => {
  it("splits 0x7f12_3456_7abc at 4 levels", () => {
    const va = 0x7f1234567abcn;
    expect([4, 3, 2, 1].map((l) => pxIndex(l, va))).toEqual([254, 72, 418, 359]);
    expect(pageOffset(1, va)).toBe(0xabcn);
    expect(pageOffset(2, va)).toBe(va & 0x1fffffn);
    expect(pageOffset(3, va)).toBe(va & 0x3fffffffn);
  });

  it("uses VA bits 56:48 for the 5-level PGD", () => {
    expect(pxIndex(5, 0x00ff_0000_0000_0000n)).toBe(255);
    expect(pxIndex(5, 0xff00_0000_0000_0000n)).toBe(256);
    expect(pxIndex(4, 0xffff_8880_0000_0000n)).toBe(273); // the direct map's PGD slot
  });

  it("applies the canonical rule at bit 47 or 56", () => {
    expect(isCanonical(0x7fffffffffffn, 4)).toBe(true);
    expect(isCanonical(0x800000000000n, 4)).toBe(false);
    expect(isCanonical(0x800000000000n, 5)).toBe(true);
    expect(isCanonical(0xffff800000000000n, 4)).toBe(true);
    expect(isCanonical(0xff00800000000000n, 4)).toBe(false);
    expect(isCanonical(0xff00800000000000n, 5)).toBe(true);
    expect(canonicalize(0x800000000000n, 4)).toBe(0xffff800000000000n);
    expect(canonicalize(0x0100000000000000n, 5)).toBe(0xff00000000000000n);
  });

  it("rejects bad levels and addresses with a clear error", () => {
    expect(() => pxIndex(6, 0n)).toThrow(/level 6 is not 1..5/);
    expect(() => pageOffset(4, 0n)).toThrow(/leaves exist at levels 1..3/);
    expect(() => canonicalize(-1n, 4)).toThrow(/unsigned 64-bit/);
    expect(() => isCanonical(0n, 3)).toThrow(/4 or 5 levels/);
  });
});

describe("simulated physical memory", () => {
  it("reads zeros until written and keeps an order-independent digest", () => {
    const a = new PhysMem({ zoneStartPfn: 0x100, spannedPages: 64 });
    const b = new PhysMem({ zoneStartPfn: 0x100, spannedPages: 64 });
    expect(readEntry(a, 0x5000, 7)).toBe(0n);
    expect(a.pages.size).toBe(0);
    writeEntry(a, 1, 2, 3n);
    writeEntry(a, 4, 5, 6n);
    writeEntry(b, 4, 5, 6n);
    writeEntry(b, 1, 2, 3n);
    expect(a.digest).toBe(b.digest);
    expect(a.digest).not.toBe(0);
    writeEntry(a, 1, 2, 0n);
    writeEntry(a, 4, 5, 0n);
    expect(a.digest).toBe(0);
  });

  it("takes table pages from the buddy zone and gives them back", () => {
    const mem = new PhysMem({ zoneStartPfn: 0x100, spannedPages: 64 });
    const free = mem.zone.nrFreePages;
    const pfn = allocTablePage(mem, 1);
    expect(pfn).toBeGreaterThanOrEqual(0x100);
    expect(mem.zone.nrFreePages).toBe(free - 1);
    expect(mem.pgtablesBytes).toBe(4096);
    writeEntry(mem, pfn, 0, 0x1234n);
    freeTablePage(mem, pfn);
    expect(mem.zone.nrFreePages).toBe(free);
    expect(mem.digest).toBe(0);
    expect(() => freeTablePage(mem, pfn)).toThrow(/not a table page/);
  });
});

describe("walk: KERNEL.md §3 error codes", () => {
  const VA = 0x7f0000001000n;

  it("translates a 4 KiB page and sets A everywhere, D on the leaf for a write", () => {
    const { mem, regs } = machine();
    mapPage(mem, regs.cr3, 4, VA, 0x5000n, 1, U | _PAGE_RW);
    expect(show(walk(mem, regs, VA + 0x123n, read))).toBe("pa 0x5123");
    const snap = snapshotPageTables(mem);
    expect(snap.tables.every((t) => t.entries.every(([, e]) => (BigInt(e) & _PAGE_ACCESSED) !== 0n))).toBe(true);
    expect(readEntry(mem, ...entrySlot(mem, regs.cr3, 4, VA, 1)!) & _PAGE_DIRTY).toBe(0n);
    walk(mem, regs, VA, write);
    expect(readEntry(mem, ...entrySlot(mem, regs.cr3, 4, VA, 1)!) & _PAGE_DIRTY).toBe(_PAGE_DIRTY);
    expect(readEntry(mem, ...entrySlot(mem, regs.cr3, 4, VA, 2)!) & _PAGE_DIRTY).toBe(0n);
    expect(snap.pgtablesBytes).toBe(4 * 4096);
  });

  it("gives 0x4 / 0x6 for unmapped reads / writes and 0x7 for a write to a read-only page", () => {
    const { mem, regs } = machine();
    expect(show(walk(mem, regs, VA, read))).toBe("#PF 0x4");
    expect(show(walk(mem, regs, VA, write))).toBe("#PF 0x6");
    mapPage(mem, regs.cr3, 4, VA, 0x5000n, 1, U);
    const before = pgtableDigest(mem);
    expect(show(walk(mem, regs, VA, write))).toBe("#PF 0x7");
    expect(pgtableDigest(mem)).toBe(before); // a fault writes no A/D bits
  });

  it("gives 0x4 for PROT_NONE, 0x15 for a fetch from NX, 0x25 / 0x27 for pkey AD / WD", () => {
    const { mem, regs } = machine(4);
    mapPage(mem, regs.cr3, 4, VA, 0x5000n, 1, _PAGE_PROTNONE | _PAGE_USER);
    expect(show(walk(mem, regs, VA, read))).toBe("#PF 0x4");
    mapPage(mem, regs.cr3, 4, VA + 0x1000n, 0x6000n, 1, U | _PAGE_NX);
    expect(show(walk(mem, regs, VA + 0x1000n, fetch))).toBe("#PF 0x15");
    mapPage(mem, regs.cr3, 4, VA + 0x2000n, 0x7000n, 1, U | _PAGE_RW | pkeyFlags(1));
    regs.pkru = 0b01 << 2; // key 1: access disable
    expect(show(walk(mem, regs, VA + 0x2000n, read))).toBe("#PF 0x25");
    regs.pkru = 0b10 << 2; // key 1: write disable
    expect(show(walk(mem, regs, VA + 0x2000n, read))).toBe("pa 0x7000");
    expect(show(walk(mem, regs, VA + 0x2000n, write))).toBe("#PF 0x27");
  });

  it("raises #GP for a non-canonical address (4-level) that 5-level paging accepts", () => {
    const four = machine(4);
    expect(show(walk(four.mem, four.regs, 0x0000800000000000n, read))).toBe("#GP");
    const five = machine(5);
    expect(show(walk(five.mem, five.regs, 0x0000800000000000n, read))).toBe("#PF 0x4");
    mapPage(five.mem, five.regs.cr3, 5, 0x00fe000000000000n, 0x9000n, 1, U);
    expect(show(walk(five.mem, five.regs, 0x00fe000000000abcn, read))).toBe("pa 0x9abc");
    expect(snapshotPageTables(five.mem).tables.map((t) => t.level)).toEqual([5, 4, 3, 2, 1]);
  });

  it("maps 2 MiB and 1 GiB leaves with their offset masks", () => {
    const { mem, regs } = machine();
    mapPage(mem, regs.cr3, 4, 0x40000000n, 0x80000000n, 3, U | _PAGE_RW);
    mapPage(mem, regs.cr3, 4, 0x200000n, 0x600000n, 2, U);
    expect(show(walk(mem, regs, 0x40000000n + 0x2345678n, read))).toBe("pa 0x82345678");
    expect(show(walk(mem, regs, 0x2abcdfn, read))).toBe("pa 0x6abcdf");
    expect(() => mapPage(mem, regs.cr3, 4, 0x40001000n, 0n, 1, U)).toThrow(/1 GiB leaf/);
  });

  it("combines US/RW/NX over all levels and flags reserved bits", () => {
    const { mem, regs } = machine();
    mapPage(mem, regs.cr3, 4, VA, 0x5000n, 1, U | _PAGE_RW);
    protectEntry(mem, regs.cr3, 4, VA, 3, 0n, _PAGE_USER);
    expect(show(walk(mem, regs, VA, read))).toBe("#PF 0x5");
    expect(show(walk(mem, regs, VA, new Access(false, false)))).toBe("pa 0x5000");
    protectEntry(mem, regs.cr3, 4, VA, 3, _PAGE_USER | _PAGE_NX, _PAGE_RW);
    expect(show(walk(mem, regs, VA, write))).toBe("#PF 0x7");
    expect(show(walk(mem, regs, VA, fetch))).toBe("#PF 0x15");
    protectEntry(mem, regs.cr3, 4, VA, 4, _PAGE_PSE, 0n);
    expect(show(walk(mem, regs, VA, read))).toBe("#PF 0xd");
    expect(clearAccessed(mem)).toBe(4); // the kernel-mode read set A at all four levels
  });
});

describe("reference/index.ts and mmkata/kata", () => {
  it("re-export every runtime export of the pgtable modules (walk only from the index)", async () => {
    const all = index as Record<string, unknown>;
    const k = kata as Record<string, unknown>;
    const modules: Record<string, () => Promise<Record<string, unknown>>> = {
      pte: () => import("../../reference/pgtable/pte.js"),
      levels: () => import("../../reference/pgtable/levels.js"),
      va: () => import("../../reference/pgtable/va.js"),
      physmem: () => import("../../reference/pgtable/physmem.js"),
      mmu: () => import("../../reference/pgtable/mmu.js"),
      map: () => import("../../reference/pgtable/map.js"),
      walk: () => import("../../reference/pgtable/walk.js"),
      snapshot: () => import("../../reference/pgtable/snapshot.js"),
    };
    for (const [name, load] of Object.entries(modules)) {
      const mod = await load();
      expect(Object.keys(mod).filter((x) => all[x] !== mod[x]), `index misses exports of pgtable/${name}`).toEqual([]);
      if (name !== "walk" && name !== "snapshot") expect(Object.keys(mod).filter((x) => k[x] !== mod[x]), `kata misses exports of pgtable/${name}`).toEqual([]);
    }
  });

  it("export the pgtable API, and the kata surface omits only graders' internals", () => {
    const all = index as Record<string, unknown>;
    for (const name of ["pxIndex", "walk", "PhysMem", "mapPage", "snapshotPageTables", "pgtableDigest", "X86_PF_PK"]) expect(all[name], name).toBeDefined();
    const k = kata as Record<string, unknown>;
    expect(k.walk).toBeUndefined();
    expect(k.pxIndex).toBe(all.pxIndex);
    expect(k.WalkResult).toBe(all.WalkResult);
  });
});

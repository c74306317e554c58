import { describe, it, expect } from "vitest";
import {
  PhysMem, MmuRegs, Access, newPageTable, mapPage, protectEntry, readEntry, entrySlot, pkeyFlags,
  _PAGE_PRESENT, _PAGE_RW, _PAGE_USER, _PAGE_NX, _PAGE_ACCESSED, _PAGE_DIRTY,
} from "mmkata/kata";
import { walk } from "./solution";

const VA = 0x7f0000001000n;
const UR = _PAGE_PRESENT | _PAGE_USER;
const URW = UR | _PAGE_RW;
const read = new Access(false, true);
const write = new Access(true, true);
const fetch = new Access(false, true, true);

function machine(levels = 4): { mem: PhysMem; regs: MmuRegs } {
  const mem = new PhysMem({ zoneStartPfn: 0x100, spannedPages: 64 });
  return { mem, regs: new MmuRegs(newPageTable(mem, levels), levels === 5) };
}

const pte = (m: { mem: PhysMem; regs: MmuRegs }, va: bigint, level = 1): bigint =>
  readEntry(m.mem, ...entrySlot(m.mem, m.regs.cr3, m.regs.levels, va, level)!);

describe("walk", () => {
  it("translates the worked example and sets A, then D", () => {
    const m = machine();
    mapPage(m.mem, m.regs.cr3, 4, VA, 0x5000n, 1, URW);
    expect(walk(m.mem, m.regs, VA + 0x123n, read).toString()).toBe("pa 0x5123");
    expect(pte(m, VA), "the PTE gains A").toBe(0x5027n);
    expect(pte(m, VA, 4) & _PAGE_ACCESSED, "so does the PGD entry").toBe(_PAGE_ACCESSED);
    walk(m.mem, m.regs, VA, write);
    expect(pte(m, VA), "a write sets D in the leaf").toBe(0x5067n);
    expect(pte(m, VA, 2) & _PAGE_DIRTY, "but not in the PMD entry").toBe(0n);
  });

  it("faults 0x4 / 0x6 on an unmapped page", () => {
    const m = machine();
    expect(walk(m.mem, m.regs, VA, read).toString()).toBe("#PF 0x4");
    expect(walk(m.mem, m.regs, VA, write).toString()).toBe("#PF 0x6");
  });

  it("faults 0x7 on a write to a read-only page and leaves A clear", () => {
    const m = machine();
    mapPage(m.mem, m.regs.cr3, 4, VA, 0x5000n, 1, UR);
    expect(walk(m.mem, m.regs, VA, write).toString()).toBe("#PF 0x7");
    expect(pte(m, VA) & _PAGE_ACCESSED, "a fault writes no A bit").toBe(0n);
  });

  it("faults 0x15 on a fetch from an NX page", () => {
    const m = machine();
    mapPage(m.mem, m.regs.cr3, 4, VA, 0x5000n, 1, UR | _PAGE_NX);
    expect(walk(m.mem, m.regs, VA, fetch).toString()).toBe("#PF 0x15");
  });

  it("applies US from an upper level", () => {
    const m = machine();
    mapPage(m.mem, m.regs.cr3, 4, VA, 0x5000n, 1, URW);
    protectEntry(m.mem, m.regs.cr3, 4, VA, 3, 0n, _PAGE_USER);
    expect(walk(m.mem, m.regs, VA, read).toString(), "user read of a now-supervisor range").toBe("#PF 0x5");
    expect(walk(m.mem, m.regs, VA, new Access(false, false)).toString(), "the kernel may read it").toBe("pa 0x5000");
  });

  it("stops at 2 MiB and 1 GiB leaves", () => {
    const m = machine();
    mapPage(m.mem, m.regs.cr3, 4, 0x200000n, 0x40000000n, 2, URW);
    mapPage(m.mem, m.regs.cr3, 4, 0x40000000n, 0x80000000n, 3, URW);
    expect(walk(m.mem, m.regs, 0x2abcden, read).toString(), "2 MiB: 21-bit offset").toBe("pa 0x400abcde");
    expect(walk(m.mem, m.regs, 0x7abcdef0n, read).toString(), "1 GiB: 30-bit offset").toBe("pa 0xbabcdef0");
  });

  it("checks PKRU for user pages: 0x25 and 0x27", () => {
    const m = machine();
    mapPage(m.mem, m.regs.cr3, 4, VA, 0x5000n, 1, URW | pkeyFlags(1));
    m.regs.pkru = 0b01 << 2;
    expect(walk(m.mem, m.regs, VA, read).toString()).toBe("#PF 0x25");
    m.regs.pkru = 0b10 << 2;
    expect(walk(m.mem, m.regs, VA, write).toString()).toBe("#PF 0x27");
  });

  it("raises #GP for a non-canonical address and walks 5 levels with LA57", () => {
    const four = machine(4);
    expect(walk(four.mem, four.regs, 0x800000000000n, read).toString()).toBe("#GP");
    const five = machine(5);
    mapPage(five.mem, five.regs.cr3, 5, 0xfe000000000000n, 0x9000n, 1, URW);
    expect(walk(five.mem, five.regs, 0xfe000000000abcn, read).toString()).toBe("pa 0x9abc");
  });
});

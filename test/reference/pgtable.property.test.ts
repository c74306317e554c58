/**
 * Properties of the VA split and the walker over random addresses and mappings (fast-check,
 * fixed seeds): the indices and offset rebuild a canonical address; canonicalize is
 * idempotent and agrees with isCanonical; a mapped page translates to its frame plus the
 * offset at every leaf size, and a walk's A/D updates never change the translation.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { pxIndex, pageOffset, isCanonical, canonicalize } from "../../reference/pgtable/va.js";
import { PhysMem } from "../../reference/pgtable/physmem.js";
import { Access, MmuRegs } from "../../reference/pgtable/mmu.js";
import { mapPage, newPageTable } from "../../reference/pgtable/map.js";
import { walk } from "../../reference/pgtable/walk.js";
import { _PAGE_PRESENT, _PAGE_RW, _PAGE_USER } from "../../reference/pgtable/pte.js";

const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const levels = fc.constantFrom(4, 5);
const opts = { seed: 42, numRuns: 300 };

describe("VA split properties", () => {
  it("indices and offset rebuild the canonical address", () => {
    fc.assert(
      fc.property(u64, levels, (raw, n) => {
        const va = canonicalize(raw, n);
        let rebuilt = pageOffset(1, va);
        for (let l = 1; l <= n; l++) rebuilt |= BigInt(pxIndex(l, va)) << BigInt(12 + 9 * (l - 1));
        expect(canonicalize(rebuilt, n)).toBe(va);
      }),
      opts,
    );
  });

  it("canonicalize is idempotent and isCanonical is its fixed-point test", () => {
    fc.assert(
      fc.property(u64, levels, (va, n) => {
        const c = canonicalize(va, n);
        expect(canonicalize(c, n)).toBe(c);
        expect(isCanonical(c, n)).toBe(true);
        expect(isCanonical(va, n)).toBe(c === va);
        if (n === 4 && isCanonical(va, 4)) expect(isCanonical(va, 5)).toBe(true);
      }),
      opts,
    );
  });
});

describe("walk properties", () => {
  it("translates a mapped page of any size to frame + offset, before and after A/D updates", () => {
    fc.assert(
      fc.property(u64, fc.bigInt({ min: 0n, max: (1n << 46n) - 1n }), fc.constantFrom(1, 2, 3), levels, fc.boolean(), (raw, rawPa, level, n, write) => {
        const shift = BigInt(12 + 9 * (level - 1));
        const va = canonicalize(raw, n);
        const base = (va >> shift) << shift;
        const pa = (rawPa >> shift) << shift;
        const mem = new PhysMem({ zoneStartPfn: 0x100, spannedPages: 16 });
        const regs = new MmuRegs(newPageTable(mem, n), n === 5);
        mapPage(mem, regs.cr3, n, base, pa, level, _PAGE_PRESENT | _PAGE_RW | _PAGE_USER);
        const want = `pa 0x${(pa | pageOffset(level, va)).toString(16)}`;
        expect(walk(mem, regs, va, new Access(write, true)).toString()).toBe(want);
        const digest = mem.digest;
        expect(walk(mem, regs, va, new Access(write, true)).toString()).toBe(want);
        expect(mem.digest, "a second identical walk writes nothing new").toBe(digest);
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});

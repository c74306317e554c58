import { describe, it, expect } from "vitest";
import { PTRS_PER_TABLE } from "mmkata/kata";
import { pxIndex, pageOffset, isCanonical, canonicalize } from "./solution";

describe("pxIndex", () => {
  it("splits the worked example 0x7f1234567abc (4-level)", () => {
    const va = 0x7f1234567abcn;
    expect([4, 3, 2, 1].map((l) => pxIndex(l, va)), "PGD, PUD, PMD, PTE indices").toEqual([254, 72, 418, 359]);
  });

  it("gives indices 0..511 only", () => {
    for (const level of [1, 2, 3, 4, 5]) {
      const i = pxIndex(level, 0xffffffffffffffffn);
      expect(i, `all-ones address at level ${level}`).toBe(PTRS_PER_TABLE - 1);
    }
  });

  it("puts the kernel direct map in PGD slot 273", () => {
    expect(pxIndex(4, 0xffff888000000000n), "bits 47:39 of 0xffff888000000000").toBe(273);
  });

  it("reads the 5-level PGD index from bits 56:48", () => {
    expect(pxIndex(5, 0x00ff000000000000n)).toBe(255);
    expect(pxIndex(5, 0xff00000000000000n), "bit 56 set → index 256").toBe(256);
  });
});

describe("pageOffset", () => {
  it("keeps 12, 21 or 30 low bits", () => {
    const va = 0x7f1234567abcn;
    expect(pageOffset(1, va)).toBe(0xabcn);
    expect(pageOffset(2, va), "2 MiB page").toBe(0x167abcn);
    expect(pageOffset(3, va), "1 GiB page").toBe(0x34567abcn);
  });
});

describe("canonical addresses", () => {
  it("accepts both halves and rejects the hole (4-level)", () => {
    expect(isCanonical(0x7fffffffffffn, 4), "top of the user half").toBe(true);
    expect(isCanonical(0xffff800000000000n, 4), "bottom of the kernel half").toBe(true);
    expect(isCanonical(0x800000000000n, 4), "bit 47 set, bits 63..48 clear").toBe(false);
    expect(isCanonical(0xffff7fffffffffffn, 4), "bits 63..48 set, bit 47 clear").toBe(false);
  });

  it("moves the hole to bit 56 with 5-level paging", () => {
    expect(isCanonical(0x800000000000n, 5)).toBe(true);
    expect(isCanonical(0x0100000000000000n, 5)).toBe(false);
  });

  it("sign-extends from bit 47 or 56", () => {
    expect(canonicalize(0x800000000000n, 4)).toBe(0xffff800000000000n);
    expect(canonicalize(0x1234_7fff_ffff_f000n, 4), "bit 47 clear → upper bits cleared").toBe(0x7ffffffff000n);
    expect(canonicalize(0x0100000000000000n, 5)).toBe(0xff00000000000000n);
  });
});

import { describe, it, expect } from "vitest";
import { SLAB_POISON, SLAB_TYPESAFE_BY_RCU, orderObjects } from "mmkata/kata";
import { calculateOrder, freePointerOffset, minPartial, cpuPartial } from "./solution";

describe("calculateOrder", () => {
  it("gives the kmalloc caches' slabs on 2 CPUs", () => {
    const sizes = [8, 96, 192, 256, 512, 1024, 2048, 4096, 8192];
    const got = sizes.map((s) => {
      const order = calculateOrder(s, 2);
      return `${orderObjects(order, s)}/${2 ** order}`;
    });
    expect(got, "objects per slab / pages per slab").toEqual(["512/1", "42/1", "21/1", "16/1", "16/2", "16/4", "16/8", "8/8", "4/8"]);
  });

  it("wants more objects per slab on bigger machines", () => {
    expect(calculateOrder(256, 4), "16 objects fit one page").toBe(0);
    expect(calculateOrder(256, 8), "fls(8) = 4 → 20 objects → order 1").toBe(1);
    expect(calculateOrder(256, 128), "36 objects → order 2").toBe(2);
  });

  it("accepts more waste before going past order 3", () => {
    expect(calculateOrder(20000, 2), "one object in 32 KiB wastes 12768 bytes, under 1/2").toBe(3);
  });

  it("falls back to get_order(size) for slots bigger than an order-3 slab", () => {
    expect(calculateOrder(40000, 2)).toBe(4);
    expect(calculateOrder(4 * 1024 * 1024 + 1, 2), "bigger than MAX_PAGE_ORDER").toBe(-1);
  });
});

describe("freePointerOffset", () => {
  it("puts the pointer in the middle of the object", () => {
    expect(freePointerOffset(96, 0, false)).toBe(48);
    expect(freePointerOffset(100, 0, false), "alignDown(50, 8)").toBe(48);
    expect(freePointerOffset(8, 0, false)).toBe(0);
  });

  it("moves it past the object when the object must stay intact", () => {
    expect(freePointerOffset(96, 0, true), "constructor").toBe(96);
    expect(freePointerOffset(100, SLAB_TYPESAFE_BY_RCU, false), "RCU, ALIGN(100, 8)").toBe(104);
    expect(freePointerOffset(96, SLAB_POISON, false), "poison").toBe(96);
  });
});

describe("minPartial and cpuPartial", () => {
  it("clamps min_partial to 5..10", () => {
    expect([64, 4096, 65536, 1 << 22].map(minPartial)).toEqual([5, 6, 8, 10]);
  });

  it("steps cpu_partial down as slots grow", () => {
    expect([64, 256, 1024, 4096].map(cpuPartial)).toEqual([120, 52, 24, 6]);
  });
});

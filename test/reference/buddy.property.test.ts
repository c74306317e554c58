/**
 * Property tests of the buddy allocator (rmqueueSmallest + free_one_page) on
 * random zone geometries: the free-list invariants hold after every operation,
 * and freeing everything returns the zone to its boot state.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  FPI_NONE,
  MAX_PAGE_ORDER,
  MIGRATE_HIGHATOMIC,
  MIGRATE_ISOLATE,
  MIGRATE_MOVABLE,
  MIGRATE_RECLAIMABLE,
  MIGRATE_UNMOVABLE,
  PG_buddy,
  Zone,
  combinedPfn,
  findBuddyPfn,
  getPageFromFreeArea,
  getPageblockMigratetype,
  rmqueueSmallest,
  snapshotZone,
  splitLargeBuddy,
  subtractRanges,
  zoneInitFree,
  type ZoneSnapshot,
} from "../../reference/index.js";
import { buddyinfoPages, zoneInvariantErrors } from "./zone-invariants.js";

interface Geometry {
  start: number;
  size: number;
  /** One type per pageblock the zone touches (extra entries ignored). */
  types: number[];
  /** [offset, length] ranges kept reserved at boot, relative to the zone start. */
  holes: [number, number][];
}

type Op = { kind: "alloc"; order: number; mt: number } | { kind: "free"; pick: number };

const mtArb = fc.constantFrom(
  MIGRATE_MOVABLE, MIGRATE_MOVABLE, MIGRATE_MOVABLE, MIGRATE_UNMOVABLE, MIGRATE_RECLAIMABLE, MIGRATE_HIGHATOMIC, MIGRATE_ISOLATE,
);

const geometryArb: fc.Arbitrary<Geometry> = fc.record({
  start: fc.oneof(fc.integer({ min: 0, max: 8 }).map((k) => k * 1024), fc.integer({ min: 0, max: 5000 })),
  size: fc.integer({ min: 64, max: 8192 }),
  types: fc.array(mtArb, { minLength: 18, maxLength: 18 }),
  holes: fc.array(fc.tuple(fc.integer({ min: 0, max: 8191 }), fc.integer({ min: 1, max: 700 })), { maxLength: 2 }),
});

const orderArb = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 3 }) },
  { weight: 2, arbitrary: fc.integer({ min: 4, max: MAX_PAGE_ORDER }) },
);

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("alloc" as const), order: orderArb, mt: mtArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("free" as const), pick: fc.nat() }) },
);

/** A zone booted as memblock would: pageblock types first, then free all but the holes. */
function bootZone(g: Geometry): Zone {
  const zone = new Zone({ name: "Normal", zoneStartPfn: g.start, spannedPages: g.size });
  zone.pageblockMt.forEach((_, i) => (zone.pageblockMt[i] = g.types[i % g.types.length]!));
  const holes = g.holes
    .map(([off, len]) => ({ start: g.start + Math.min(off, g.size), end: g.start + Math.min(off + len, g.size) }))
    .filter((r) => r.start < r.end)
    .sort((a, b) => a.start - b.start);
  zoneInitFree(zone, subtractRanges([{ start: zone.zoneStartPfn, end: zone.zoneEndPfn }], holes));
  return zone;
}

/** The snapshot with each free list's order forgotten (a list is compared as a set). */
function unordered(s: ZoneSnapshot): ZoneSnapshot {
  return { ...s, lists: s.lists.map((l) => ({ ...l, pfns: [...l.pfns].sort((a, b) => a - b) })) };
}

function canAllocate(zone: Zone, order: number, mt: number): boolean {
  for (let o = order; o <= MAX_PAGE_ORDER; o++) if (getPageFromFreeArea(zone, o, mt) >= 0) return true;
  return false;
}

/** Allocate; check the block handed out is aligned, in the zone, not free, of type mt, and new. */
function doAlloc(zone: Zone, op: { order: number; mt: number }, owned: Uint8Array, held: [number, number][]): void {
  const expectOk = canAllocate(zone, op.order, op.mt);
  const before = zone.nrFreePages;
  const pfn = rmqueueSmallest(zone, op.order, op.mt);
  expect(pfn >= 0, `alloc o${op.order} mt${op.mt} succeeds iff a list can serve it`).toBe(expectOk);
  if (pfn < 0) return;
  const size = 1 << op.order;
  expect(pfn % size).toBe(0);
  expect(pfn >= zone.zoneStartPfn && pfn + size <= zone.zoneEndPfn).toBe(true);
  expect(getPageblockMigratetype(zone, pfn)).toBe(op.mt);
  expect(zone.nrFreePages).toBe(op.mt === MIGRATE_ISOLATE ? before : before - size);
  for (let p = pfn; p < pfn + size; p++) {
    const i = p - zone.zoneStartPfn;
    expect(owned[i], `page ${p} handed out twice`).toBe(0);
    expect(zone.pageFlags[i]! & PG_buddy).toBe(0);
    owned[i] = 1;
  }
  held.push([pfn, op.order]);
}

function doFree(zone: Zone, pick: number, owned: Uint8Array, held: [number, number][]): void {
  if (held.length === 0) return;
  const k = pick % held.length;
  const [pfn, order] = held[k]!;
  held[k] = held[held.length - 1]!;
  held.pop();
  owned.fill(0, pfn - zone.zoneStartPfn, pfn - zone.zoneStartPfn + (1 << order));
  splitLargeBuddy(zone, pfn, order, FPI_NONE);
}

/** Boot, run the ops checking invariants, free everything; returns the final zone. */
function runOps(g: Geometry, ops: Op[], picks: number[]): Zone {
  const zone = bootZone(g);
  expect(zoneInvariantErrors(zone), "after boot").toEqual([]);
  const boot = snapshotZone(zone);
  const owned = new Uint8Array(zone.spannedPages);
  const held: [number, number][] = [];
  ops.forEach((op, step) => {
    if (op.kind === "alloc") doAlloc(zone, op, owned, held);
    else doFree(zone, op.pick, owned, held);
    if (zone.spannedPages <= 2048 || step % 8 === 0) expect(zoneInvariantErrors(zone), `after op ${step}`).toEqual([]);
    expect(buddyinfoPages(zone) - zone.nrFreePages).toBe(isolatedFreePages(zone));
  });
  for (const pick of picks) doFree(zone, pick, owned, held);
  while (held.length) doFree(zone, 0, owned, held);
  expect(zoneInvariantErrors(zone), "after freeing everything").toEqual([]);
  expect(unordered(snapshotZone(zone))).toEqual(unordered(boot));
  return zone;
}

function isolatedFreePages(zone: Zone): number {
  let pages = 0;
  for (let o = 0; o <= MAX_PAGE_ORDER; o++) {
    for (let p = getPageFromFreeArea(zone, o, MIGRATE_ISOLATE), h = zone.listHead(o, MIGRATE_ISOLATE); p >= 0; ) {
      pages += 1 << o;
      const next = zone.next[p - zone.zoneStartPfn]!;
      p = next === h ? -1 : zone.zoneStartPfn + next;
    }
  }
  return pages;
}

describe("buddy allocator properties", () => {
  it("findBuddyPfn is an involution and combinedPfn is the aligned parent", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 24 }), fc.integer({ min: 0, max: MAX_PAGE_ORDER }), (raw, order) => {
        const pfn = raw - (raw % (1 << order));
        const buddy = findBuddyPfn(pfn, order);
        expect(findBuddyPfn(buddy, order)).toBe(pfn);
        expect(Math.abs(buddy - pfn)).toBe(1 << order);
        const parent = combinedPfn(pfn, order);
        expect(parent % (1 << (order + 1))).toBe(0);
        expect(parent).toBe(Math.min(pfn, buddy));
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it("random alloc/free keeps every invariant, and freeing all restores the boot state", () => {
    fc.assert(
      fc.property(geometryArb, fc.array(opArb, { minLength: 1, maxLength: 120 }), fc.array(fc.nat(), { maxLength: 40 }), (g, ops, picks) => {
        runOps(g, ops, picks);
      }),
      { seed: 42, numRuns: 120 },
    );
  });

  it("with all-MOVABLE aligned zones, high-order churn still merges back to MAX_PAGE_ORDER blocks", () => {
    const g: Geometry = { start: 0, size: 8192, types: [MIGRATE_MOVABLE], holes: [] };
    fc.assert(
      fc.property(fc.array(fc.record({ kind: fc.constant("alloc" as const), order: orderArb, mt: fc.constant(MIGRATE_MOVABLE) }), { maxLength: 80 }), (ops) => {
        const zone = runOps(g, ops, []);
        expect(Array.from(zone.nrFree)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8192 / 1024]);
      }),
      { seed: 42, numRuns: 30 },
    );
  });
});

describe("list order is not part of the restored state", () => {
  it("allocating A then B and freeing A then B leaves B before A (LIFO head inserts)", () => {
    const zone = bootZone({ start: 0, size: 3 * 1024, types: [MIGRATE_MOVABLE], holes: [] });
    expect(snapshotZone(zone).lists).toEqual([{ order: 10, mt: MIGRATE_MOVABLE, pfns: [0, 1024, 2048] }]);
    const a = rmqueueSmallest(zone, 10, MIGRATE_MOVABLE);
    const b = rmqueueSmallest(zone, 10, MIGRATE_MOVABLE);
    splitLargeBuddy(zone, a, 10, FPI_NONE);
    splitLargeBuddy(zone, b, 10, FPI_NONE);
    expect(snapshotZone(zone).lists).toEqual([{ order: 10, mt: MIGRATE_MOVABLE, pfns: [1024, 0, 2048] }]);
  });
});

/**
 * Placing free blocks in a zone so that it shows given /proc/buddyinfo
 * counts and is a state the buddy allocator could really be in.
 *
 * buddyinfo says how many free blocks of each order a zone has, not where
 * they are. Any placement works for rendering, but a state the allocator
 * could not reach would mislead every later operation, so the placement keeps
 * the allocator's invariant: a free block of order k < MAX_PAGE_ORDER never
 * has a free buddy of its order (__free_one_page would have merged them),
 * i.e. no naturally aligned region of 2^(k+1) pages is entirely free unless
 * it is one block.
 *
 * Method: orders from MAX_PAGE_ORDER down, lowest pfn first; a block goes at
 * the first aligned position that is RAM and unused. Unless its buddy region
 * already holds a hole, a used page or lies outside the zone, one page of the
 * buddy region is pinned as allocated. Every aligned region of 2^(j+1) pages
 * then holds, for each of its free blocks of order ≤ j, a page that is not
 * free, so no such region is entirely free.
 *
 * Cost: one pass over the zone per order, O(spanned × orders) byte checks.
 *
 * Differences from Linux: where free blocks lie on a real machine is not
 * known from /proc; this gives one valid placement, lowest addresses first.
 * Every block takes its pageblock's migratetype (buddyinfo does not split by
 * type; /proc/pagetypeinfo would).
 *
 * @see mm/page_alloc.c __free_one_page (the invariant)
 */

import { BUG } from "../core/assert.js";
import { MAX_PAGE_ORDER } from "../core/constants.js";
import type { PfnRange } from "../zone/init.js";

const UNUSED = 0;
const HOLE = 1;
const FREE = 2;
const PINNED = 3;

/** [pfn, order] of each placed block, in placement order. */
export type PlacedBlock = [number, number];

/** Page states of [start, start + spanned): RAM unused, the rest holes. */
function pageStates(start: number, spanned: number, ram: readonly PfnRange[]): Uint8Array {
  const s = new Uint8Array(spanned).fill(HOLE);
  for (const r of ram) {
    const lo = Math.max(r.start, start);
    const hi = Math.min(r.end, start + spanned);
    if (hi > lo) s.fill(UNUSED, lo - start, hi - start);
  }
  return s;
}

function allUnused(s: Uint8Array, i: number, n: number): boolean {
  for (let k = i; k < i + n; k++) if (s[k] !== UNUSED) return false;
  return true;
}

/**
 * Keep the buddy region of a block at index i, order k from becoming
 * entirely free: nothing to do if it leaves the zone or already holds a page
 * that is not unused; else pin its last page. Returns false if the buddy is
 * itself a free block of order k (the position is not usable).
 */
function guardBuddy(s: Uint8Array, base: number, i: number, order: number): boolean {
  if (order >= MAX_PAGE_ORDER) return true;
  const size = 1 << order;
  const b = ((base + i) ^ size) - base;
  if (b < 0 || b + size > s.length) return true;
  if (allUnused(s, b, size)) {
    s[b + size - 1] = PINNED;
    return true;
  }
  for (let k = b; k < b + size; k++) if (s[k] !== FREE) return true;
  return false;
}

/**
 * Free blocks for a zone spanning [start, start + spanned) with RAM `ram`
 * such that free_area[o].nr_free = counts[o]. Throws KernelBug naming the
 * order that does not fit.
 */
export function placeFreeBlocks(start: number, spanned: number, ram: readonly PfnRange[], counts: readonly number[]): PlacedBlock[] {
  const s = pageStates(start, spanned, ram);
  const out: PlacedBlock[] = [];
  for (let order = MAX_PAGE_ORDER; order >= 0; order--) {
    const size = 1 << order;
    let left = counts[order] ?? 0;
    const first = Math.ceil(start / size) * size;
    for (let pfn = first; left > 0 && pfn + size <= start + spanned; pfn += size) {
      const i = pfn - start;
      if (!allUnused(s, i, size) || !guardBuddy(s, start, i, order)) continue;
      s.fill(FREE, i, i + size);
      out.push([pfn, order]);
      left--;
    }
    if (left > 0) BUG(`placeFreeBlocks: no room for ${left} more free blocks of order ${order} in [${start}, ${start + spanned})`);
  }
  return out;
}

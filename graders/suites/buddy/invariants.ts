/**
 * Invariant checks on a zone snapshot, phrased for a person: when a learner's
 * state diverges from the reference, the first broken invariant names what
 * went wrong ("order-3 block at pfn 0x40 has a free buddy at the same order
 * (0x48): missed merge") before any list-by-list diff.
 *
 * @see mm/page_alloc.c __free_one_page (the merge invariant), __add_to_free_list
 */

import { MAX_PAGE_ORDER, MIGRATE_ISOLATE, MIGRATE_PCPTYPES, migratetype_names, pageblock_order } from "../../../reference/core/constants.js";
import { hexPfn } from "../../../reference/core/assert.js";
import type { ZoneSnapshot } from "../../../reference/zone/snapshot.js";

const PG_buddy = 1;
const mtName = (mt: number): string => migratetype_names[mt] ?? `type ${mt}`;
const mergeable = (mt: number): boolean => mt < MIGRATE_PCPTYPES;

interface Listed {
  pfn: number;
  order: number;
  mt: number;
}

function listedBlocks(s: ZoneSnapshot): Listed[] {
  return s.lists.flatMap((l) => l.pfns.map((pfn) => ({ pfn, order: l.order, mt: l.mt })));
}

function checkHeads(s: ZoneSnapshot, blocks: Listed[], out: string[]): void {
  const pages = new Map(s.pages.map(([pfn, flags, priv]) => [pfn, { flags, priv }]));
  const end = s.zoneStartPfn + s.spannedPages;
  for (const b of blocks) {
    const p = pages.get(b.pfn);
    if (!p || (p.flags & PG_buddy) === 0) out.push(`pfn ${hexPfn(b.pfn)} is on the order-${b.order} ${mtName(b.mt)} free list but is not marked PageBuddy`);
    else if (p.priv !== b.order) out.push(`pfn ${hexPfn(b.pfn)} is on the order-${b.order} free list but its page_private (buddy order) is ${p.priv}`);
    if ((b.pfn & ((1 << b.order) - 1)) !== 0) out.push(`order-${b.order} block at pfn ${hexPfn(b.pfn)} is not aligned to 2^${b.order} pages`);
    if (b.pfn < s.zoneStartPfn || b.pfn + (1 << b.order) > end) out.push(`order-${b.order} block at pfn ${hexPfn(b.pfn)} lies outside the zone`);
    const blockMt = s.pageblocks[(b.pfn >> pageblock_order) - (s.zoneStartPfn >> pageblock_order)];
    if (blockMt !== undefined && blockMt !== b.mt) out.push(`pfn ${hexPfn(b.pfn)} is on a ${mtName(b.mt)} list but its pageblock is ${mtName(blockMt)}`);
  }
  const listed = new Set(blocks.map((b) => b.pfn));
  for (const [pfn, flags] of s.pages) {
    if ((flags & PG_buddy) !== 0 && !listed.has(pfn)) out.push(`pfn ${hexPfn(pfn)} is marked PageBuddy but is on no free list (a merged buddy left marked free?)`);
  }
}

function checkCounters(s: ZoneSnapshot, blocks: Listed[], out: string[]): void {
  for (let o = 0; o <= MAX_PAGE_ORDER; o++) {
    const n = blocks.filter((b) => b.order === o).length;
    if (s.nrFree[o] !== n) out.push(`free_area[${o}].nr_free is ${s.nrFree[o]} but the order-${o} free lists hold ${n} blocks`);
  }
  const sum = blocks.filter((b) => b.mt !== MIGRATE_ISOLATE).reduce((t, b) => t + (1 << b.order), 0);
  if (s.nrFreePages !== sum) out.push(`NR_FREE_PAGES is ${s.nrFreePages} but the free lists (Isolate excluded) hold ${sum} pages`);
}

function checkOverlapAndMerges(s: ZoneSnapshot, blocks: Listed[], out: string[]): void {
  const sorted = [...blocks].sort((a, b) => a.pfn - b.pfn);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (a.pfn + (1 << a.order) > b.pfn) out.push(`free blocks overlap: order-${a.order} at ${hexPfn(a.pfn)} and order-${b.order} at ${hexPfn(b.pfn)} (a page is free twice)`);
  }
  const byPfn = new Map(blocks.map((b) => [b.pfn, b]));
  for (const b of blocks) {
    if (b.order >= MAX_PAGE_ORDER) continue;
    const buddy = byPfn.get(b.pfn ^ (1 << b.order));
    if (!buddy || buddy.order !== b.order || buddy.pfn < b.pfn) continue;
    const blockedByType = b.order >= pageblock_order && b.mt !== buddy.mt && (!mergeable(b.mt) || !mergeable(buddy.mt));
    if (!blockedByType) out.push(`order-${b.order} block at pfn ${hexPfn(b.pfn)} has a free buddy at the same order (${hexPfn(buddy.pfn)}): missed merge`);
  }
}

/** Every invariant the snapshot breaks, most specific first; empty when consistent. */
export function brokenInvariants(s: ZoneSnapshot | null): string[] {
  if (!s) return [];
  const out: string[] = [];
  const blocks = listedBlocks(s);
  checkHeads(s, blocks, out);
  checkOverlapAndMerges(s, blocks, out);
  checkCounters(s, blocks, out);
  return out;
}

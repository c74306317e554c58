/**
 * /proc/slabinfo in the kernel's text format (version 2.1). SLUB has no SLAB-style
 * tunables, so limit, batchcount, sharedfactor and sharedavail are always 0.
 *
 * Differences from Linux: the caller supplies the object and slab counts (the kernel sums
 * them over nodes with count_partial and the node counters).
 */

import { type CacheGeometry } from "./geometry.js";

export const SLABINFO_HEADER =
  "slabinfo - version: 2.1\n" +
  "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>" +
  " : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\n";

/** The counters of one cache's line. */
export interface SlabinfoCounts {
  activeObjs: number;
  numObjs: number;
  activeSlabs: number;
  numSlabs: number;
}

const l = (v: number, w: number): string => String(v).padStart(w);

/**
 * One /proc/slabinfo line (with its newline) for cache `name` of geometry `g`:
 * `%-17s %6lu %6lu %6u %4u %4d : tunables %4u %4u %4u : slabdata %6lu %6lu %6lu`.
 * objsize is the slot size s->size; objperslab and pagesperslab come from s->oo.
 * @see mm/slab_common.c cache_show
 */
export function slabinfoLine(name: string, g: Pick<CacheGeometry, "size" | "objects" | "order">, c: SlabinfoCounts): string {
  return (
    `${name.padEnd(17)} ${l(c.activeObjs, 6)} ${l(c.numObjs, 6)} ${l(g.size, 6)} ${l(g.objects, 4)} ${l(2 ** g.order, 4)}` +
    ` : tunables ${l(0, 4)} ${l(0, 4)} ${l(0, 4)} : slabdata ${l(c.activeSlabs, 6)} ${l(c.numSlabs, 6)} ${l(0, 6)}\n`
  );
}

/** An idle cache: `slabs` full slabs, every object in use. */
export function fullSlabsCounts(g: Pick<CacheGeometry, "objects">, slabs: number): SlabinfoCounts {
  return { activeObjs: slabs * g.objects, numObjs: slabs * g.objects, activeSlabs: slabs, numSlabs: slabs };
}

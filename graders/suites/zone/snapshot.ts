/**
 * Observing the zone suite's state: per zone the watermarks, boost,
 * lowmem_reserve (the /proc/zoneinfo "protection" array) and free counters,
 * and totalreserve_pages. The digest covers exactly what the snapshot shows
 * and is O(zones): the free lists themselves only change through the
 * reference allocator here, and their counters are observed.
 */

import type { Zone } from "../../../reference/zone/zone.js";

export interface ZoneWmarkSnapshot {
  name: string;
  nid: number;
  managed: number;
  nrFreePages: number;
  nrFreeHighatomic: number;
  /** free_area[o].nr_free */
  nrFree: number[];
  /** min, low, high, promo (without boost) */
  watermark: unknown[];
  boost: unknown;
  lowmemReserve: unknown[];
}

export interface NodeSnapshot {
  totalreservePages: unknown;
  zones: ZoneWmarkSnapshot[];
}

/** A JSON-ready snapshot; values a submission wrote are copied as they are. */
export function snapshotNode(zones: readonly Zone[], totalreservePages: unknown): NodeSnapshot {
  return {
    totalreservePages,
    zones: zones.map((z) => ({
      name: z.name,
      nid: z.nid,
      managed: z.managedPages,
      nrFreePages: z.nrFreePages,
      nrFreeHighatomic: z.nrFreeHighatomic,
      nrFree: Array.from(z.nrFree),
      watermark: Array.from(z.watermark as unknown[]),
      boost: z.watermarkBoost,
      lowmemReserve: Array.from(z.lowmemReserve as unknown[]),
    })),
  };
}

function fnv(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** A value as text that tells 1, 1.5, "1", NaN and undefined apart (no JSON: the child's globals may be patched). */
function text(v: unknown): string {
  return typeof v === "number" ? `n${String(v)}` : typeof v === "string" ? `s${v}` : `${typeof v}`;
}

/** 32-bit FNV-1a digest of the snapshot's contents. */
export function nodeDigest(zones: readonly Zone[], totalreservePages: unknown): number {
  let h = fnv(0x811c9dc5, text(totalreservePages));
  for (const z of zones) {
    const parts: unknown[] = [z.managedPages, z.nrFreePages, z.nrFreeHighatomic, z.watermarkBoost, ...z.nrFree];
    const wm = z.watermark as unknown[];
    const lr = z.lowmemReserve as unknown[];
    parts.push(wm.length, ...wm, lr.length, ...lr);
    for (const p of parts) h = fnv(h, text(p) + ";");
  }
  return h;
}

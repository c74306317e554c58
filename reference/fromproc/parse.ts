/**
 * Parsers for the /proc and /sys text a real machine exposes about its
 * memory: /proc/zoneinfo, /proc/buddyinfo, /proc/iomem and /proc/meminfo.
 * They read what reference/procfs renders (and what Linux 6.x prints), so a
 * machine can be rebuilt from a real box's files (see machine.ts here).
 *
 * Parsers are strict: a line they do not understand where a value must be
 * raises ProcParseError naming the file and the line, never a silent zero.
 * Lines they do not need (per-node stats, pagesets, vmstat counters) are
 * skipped.
 *
 * @see mm/vmstat.c zoneinfo_show_print, frag_show_print
 * @see kernel/resource.c r_show
 * @see fs/proc/meminfo.c meminfo_proc_show
 */

import { NR_PAGE_ORDERS, PAGE_SHIFT } from "../core/constants.js";
import type { PfnRange } from "../zone/init.js";

/** A line of a /proc file that is not what the kernel prints there. */
export class ProcParseError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
    this.name = "ProcParseError";
  }
}

/** One zone's header and watermark block of /proc/zoneinfo. */
export interface ZoneinfoZone {
  nid: number;
  name: string;
  pagesFree: number;
  boost: number;
  min: number;
  low: number;
  high: number;
  /** absent before Linux 6.1 (memory tiering added the promo watermark) */
  promo?: number;
  spanned: number;
  present: number;
  managed: number;
  cma: number;
  protection: number[];
  /** `start_pfn:` near the end of the zone's block */
  startPfn?: number;
}

const ZONE_HEADER = /^Node (\d+), zone +(\S+)$/;
const WMARK_FIELD = /^ {2}(?:pages free|      (boost|min|low|high|promo|spanned|present|managed|cma)) +(\d+)$/;
const PROTECTION = /^ {8}protection: \(([-\d, ]+)\)$/;
const START_PFN = /^ {2}start_pfn: +(\d+)$/;

type NumKey = "boost" | "min" | "low" | "high" | "promo" | "spanned" | "present" | "managed" | "cma";

function zoneinfoLine(z: ZoneinfoZone, line: string, file: string, n: number): void {
  const w = WMARK_FIELD.exec(line);
  if (w) {
    const key = (w[1] ?? "pagesFree") as NumKey | "pagesFree";
    z[key] = Number(w[2]);
    return;
  }
  const p = PROTECTION.exec(line);
  if (p) {
    z.protection = p[1]!.split(",").map((s) => Number(s.trim()));
    if (z.protection.some((v) => !Number.isInteger(v))) throw new ProcParseError(file, n, `bad protection list "${p[1]}"`);
    return;
  }
  const s = START_PFN.exec(line);
  if (s) z.startPfn = Number(s[1]);
}

/**
 * Every zone of /proc/zoneinfo, in file order (node by node, zone-type order).
 * Throws ProcParseError when a zone lacks one of the watermark lines.
 * @see mm/vmstat.c zoneinfo_show_print
 */
export function parseZoneinfo(text: string, file = "/proc/zoneinfo"): ZoneinfoZone[] {
  const zones: ZoneinfoZone[] = [];
  const starts: number[] = [];
  text.split("\n").forEach((line, i) => {
    const h = ZONE_HEADER.exec(line);
    if (h) {
      zones.push({ nid: Number(h[1]), name: h[2]!, pagesFree: -1, boost: -1, min: -1, low: -1, high: -1, spanned: -1, present: -1, managed: -1, cma: -1, protection: [] });
      starts.push(i + 1);
      return;
    }
    const z = zones.at(-1);
    if (z) zoneinfoLine(z, line, file, i + 1);
  });
  if (zones.length === 0) throw new ProcParseError(file, 1, 'no "Node N, zone NAME" line: not a zoneinfo file');
  zones.forEach((z, k) => {
    for (const key of ["pagesFree", "boost", "min", "low", "high", "spanned", "present", "managed", "cma"] as const) {
      if (z[key] < 0) throw new ProcParseError(file, starts[k]!, `zone ${z.name} of node ${z.nid} has no "${key === "pagesFree" ? "pages free" : key}" line`);
    }
    if (z.protection.length === 0) throw new ProcParseError(file, starts[k]!, `zone ${z.name} of node ${z.nid} has no "protection:" line`);
  });
  return zones;
}

/** One line of /proc/buddyinfo: free blocks per order. */
export interface BuddyinfoZone {
  nid: number;
  name: string;
  /** free_area[order].nr_free for orders 0..MAX_PAGE_ORDER */
  counts: number[];
}

/**
 * Every line of /proc/buddyinfo (populated zones only, as the kernel prints).
 * @see mm/vmstat.c frag_show_print
 */
export function parseBuddyinfo(text: string, file = "/proc/buddyinfo"): BuddyinfoZone[] {
  const out: BuddyinfoZone[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    const m = /^Node (\d+), zone +(\S+)((?: +\d+)+) ?$/.exec(line);
    if (!m) throw new ProcParseError(file, i + 1, `expected "Node N, zone NAME" and ${NR_PAGE_ORDERS} counts, got "${line.slice(0, 80)}"`);
    const counts = m[3]!.trim().split(/ +/).map(Number);
    if (counts.length !== NR_PAGE_ORDERS) throw new ProcParseError(file, i + 1, `${counts.length} orders, expected ${NR_PAGE_ORDERS} (MAX_PAGE_ORDER 10)`);
    out.push({ nid: Number(m[1]), name: m[2]!, counts });
  });
  if (out.length === 0) throw new ProcParseError(file, 1, "no zone lines");
  return out;
}

/**
 * The top-level "System RAM" ranges of /proc/iomem as whole page frames
 * (a partial page at either end is not usable RAM), ascending; undefined
 * when the addresses are hidden (read without CAP_SYS_ADMIN they print as 0).
 * @see kernel/resource.c r_show
 */
export function parseIomemRam(text: string, file = "/proc/iomem"): PfnRange[] | undefined {
  const out: PfnRange[] = [];
  let hidden = false;
  text.split("\n").forEach((line, i) => {
    const m = /^([0-9a-f]+)-([0-9a-f]+) : System RAM$/.exec(line);
    if (!m) return;
    const lo = BigInt("0x" + m[1]);
    const hi = BigInt("0x" + m[2]) + 1n;
    if (lo === 0n && hi === 1n) hidden = true;
    if (hi <= lo) throw new ProcParseError(file, i + 1, `range end below start: "${line}"`);
    const page = BigInt(1 << PAGE_SHIFT);
    const start = Number((lo + page - 1n) / page);
    const end = Number(hi / page);
    if (end > start) out.push({ start, end });
  });
  if (hidden) return undefined;
  return out.sort((a, b) => a.start - b.start);
}

/**
 * /proc/meminfo as name → value (kB for the "kB" lines, a count for
 * HugePages_*).
 * @see fs/proc/meminfo.c meminfo_proc_show
 */
export function parseMeminfo(text: string, file = "/proc/meminfo"): Map<string, number> {
  const out = new Map<string, number>();
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    const m = /^([A-Za-z0-9_()]+): +(\d+)(?: kB)?$/.exec(line);
    if (!m) throw new ProcParseError(file, i + 1, `expected "Name:   value [kB]", got "${line.slice(0, 80)}"`);
    out.set(m[1]!, Number(m[2]));
  });
  return out;
}

/**
 * The same lines picked out of a real /proc/zoneinfo, for comparison with
 * reference/procfs/zoneinfo.ts renderZoneinfoWatermarks: each zone header and the lines from "pages free" to "protection:".
 * @see mm/vmstat.c zoneinfo_show_print
 */
export function zoneinfoWatermarkExtract(text: string): string {
  const keep = /^(Node \d+, zone +\S+|  pages free +\d+|        (boost|min|low|high|promo|spanned|present|managed|cma) +\d+|        protection: \(.*\))$/;
  return text.split("\n").filter((l) => keep.test(l)).join("\n") + "\n";
}

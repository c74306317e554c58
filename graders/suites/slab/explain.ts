/**
 * Explaining a slab divergence to a person: the call in words (flags by name), and for
 * composite results (a cache's geometry, a /proc/slabinfo line) which fields differ.
 */

import { SLAB_CONSISTENCY_CHECKS, SLAB_HWCACHE_ALIGN, SLAB_KMALLOC, SLAB_POISON, SLAB_RED_ZONE, SLAB_STORE_USER, SLAB_TYPESAFE_BY_RCU } from "../../../reference/slab/geometry.js";
import type { Observation, Op } from "../../runtime/protocol.js";

export interface Explanation {
  differences: string[];
  invariant?: string;
}

const FLAG_NAMES: [number, string][] = [
  [SLAB_CONSISTENCY_CHECKS, "SLAB_CONSISTENCY_CHECKS"], [SLAB_RED_ZONE, "SLAB_RED_ZONE"], [SLAB_POISON, "SLAB_POISON"],
  [SLAB_KMALLOC, "SLAB_KMALLOC"], [SLAB_HWCACHE_ALIGN, "SLAB_HWCACHE_ALIGN"], [SLAB_STORE_USER, "SLAB_STORE_USER"],
  [SLAB_TYPESAFE_BY_RCU, "SLAB_TYPESAFE_BY_RCU"],
];

/** "SLAB_POISON|SLAB_RED_ZONE" for a flags word; "0" for none. */
export function flagNames(flags: number): string {
  const names = FLAG_NAMES.filter(([b]) => (flags & b) !== 0).map(([, n]) => n);
  return names.length ? names.join("|") : "0";
}

const SLABINFO_COLUMNS = ["name", "active_objs", "num_objs", "objsize", "objperslab", "pagesperslab"];
const SLABDATA_COLUMNS = ["active_slabs", "num_slabs", "sharedavail"];

function text(r: string | undefined): string | undefined {
  if (r === undefined || !r.startsWith('"')) return r;
  return JSON.parse(r) as string;
}

/** Field-by-field differences of "key value key value …" geometry lines. */
function geometryDiffs(e: string, a: string): string[] {
  const fields = (s: string): Map<string, string> => {
    const m = /^size (\d+) offset (-?\d+) inuse (\d+) oo (-?\d+)\/(\d+) min_partial (-?\d+) cpu_partial (-?\d+) \((-?\d+) slabs\)$/.exec(s);
    const keys = ["size (s->size)", "free pointer offset", "inuse", "order", "objects per slab", "min_partial", "cpu_partial", "cpu_partial_slabs"];
    return new Map(m ? keys.map((k, i) => [k, m[i + 1]!]) : []);
  };
  const em = fields(e);
  const am = fields(a);
  return [...em].filter(([k, v]) => am.get(k) !== v).map(([k, v]) => `${k}: expected ${v}, got ${am.get(k) ?? "?"}`);
}

function slabinfoDiffs(e: string, a: string): string[] {
  const cols = (s: string): string[] => s.replace(/ : tunables +\d+ +\d+ +\d+ : slabdata/, "").trim().split(/\s+/);
  const names = [...SLABINFO_COLUMNS, ...SLABDATA_COLUMNS];
  const ec = cols(e);
  const ac = cols(a);
  return names.flatMap((n, i) => (ec[i] !== ac[i] ? [`column ${n}: expected ${ec[i] ?? "?"}, got ${ac[i] ?? "?"}`] : []));
}

/** Compare the expected and actual observation of the diverging op. */
export function explainSlab(expected: Observation, actual: Observation): Explanation {
  if (actual.e !== undefined) return { differences: [`threw ${actual.e}`] };
  const e = text(expected.r) ?? "nothing";
  const a = text(actual.r) ?? "nothing";
  if (e === a) return { differences: [] };
  const fields = e.startsWith("size ") ? geometryDiffs(e, a) : e.includes(" : tunables ") ? slabinfoDiffs(e, a) : [];
  return { differences: fields.length ? fields : [`returned ${a}, expected ${e}`] };
}

/** "4194305 = 4 MiB + 1" for sizes near a KiB/MiB multiple; the plain number otherwise. */
export function sizeText(v: unknown): string {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1024) return String(v);
  for (const [unit, b] of [["MiB", 1 << 20], ["KiB", 1024]] as const) {
    const q = Math.round(n / b);
    const d = n - q * b;
    if (q >= 1 && Math.abs(d) <= 8) return `${n} = ${q} ${unit}${d === 0 ? "" : d > 0 ? ` + ${d}` : ` - ${-d}`}`;
  }
  return String(n);
}

/** One op as a person reads it. */
export function describeSlabOp(op: Op): string {
  const f = (k: string, d = ""): string => (k === "size" || k === "objectSize" ? sizeText(op[k] ?? d) : String(op[k] ?? d));
  const cache = (): string =>
    `object ${f("objectSize")} bytes, flags ${flagNames(Number(op.flags ?? 0))}, align ${f("align", "8")}${op.ctor === true ? ", with ctor" : ""}, ${f("cpus")} CPU${op.cpus === 1 ? "" : "s"}`;
  switch (op.op) {
    case "kmallocIndex":
    case "kmallocCacheName":
    case "kmallocLargeOrder":
    case "minPartial":
    case "cpuPartial":
      return `${op.op}(${f("size")})`;
    case "kmalloc":
      return `kmalloc(${f("size")}): cache name, then index or large-path order`;
    case "calculateOrder":
      return `calculateOrder(${f("size")}, ${f("cpus")})`;
    case "oo":
      return `slab order and objects for ${f("size")}-byte slots, ${f("cpus")} CPUs (calculateOrder)`;
    case "freePointerOffset":
      return `freePointerOffset(${f("objectSize")}, ${flagNames(Number(op.flags ?? 0))}, ${op.ctor === true ? "ctor" : "no ctor"})`;
    case "cache":
      return `cache geometry: ${cache()}`;
    case "slabinfo":
      return `/proc/slabinfo line of ${f("name", "cache")} with ${f("slabs", "1")} full slabs: ${cache()}`;
    default:
      return JSON.stringify(op);
  }
}

/** No state: nothing to describe. */
export function describeSlabSetup(): string[] {
  return [];
}

/** An op's result as a person reads it (strings unquoted). */
export function describeSlabResult(_op: Op, r: string): string {
  if (r.startsWith("threw ")) return r;
  return text(r) ?? r;
}

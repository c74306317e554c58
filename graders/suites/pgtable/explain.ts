/**
 * Explaining a pgtable divergence to a person: the op in words, the walk outcome with its
 * error code decoded, and which page-table entries differ (with their flags named, so a
 * missing A or D bit stands out).
 */

import { describePteFlags } from "../../../reference/pgtable/pte.js";
import { levelName } from "../../../reference/pgtable/levels.js";
import type { PgtableSnapshot, TableSnapshot } from "../../../reference/pgtable/snapshot.js";
import type { Observation, Op } from "../../runtime/protocol.js";
import type { PgtableSetup } from "./binding.js";

const MAX_LINES = 10;

type Snap = PgtableSnapshot & { levels: number; cr3: string; pkru: number };

const PF_BITS: [number, string][] = [[1, "present"], [2, "write"], [4, "user"], [8, "reserved bit"], [16, "fetch"], [32, "pkey"]];

/** "0x7 (present, write, user)" for a #PF error code. */
export function decodeErrorCode(code: number): string {
  const names = PF_BITS.filter(([b]) => (code & b) !== 0).map(([, n]) => n);
  if ((code & 1) === 0) names.unshift("not present");
  return `0x${code.toString(16)} (${names.join(", ")})`;
}

function entryText(hexValue: string | undefined): string {
  if (hexValue === undefined) return "0 (empty)";
  return `${hexValue} (${describePteFlags(BigInt(hexValue))})`;
}

function bitsNote(e: string, a: string): string {
  const x = BigInt(e) ^ BigInt(a);
  const names = describePteFlags(x);
  return x !== 0n && (x & 0xf_ffff_ffff_f000n) === 0n ? `: ${names} ${names.includes(" ") ? "differ" : "differs"}` : "";
}

/** A canonical result as a person reads it: bigints in hex, strings unquoted. */
function readable(r: string | undefined): string {
  if (r === undefined) return "nothing";
  if (/^\d+n$/.test(r)) return `0x${BigInt(r.slice(0, -1)).toString(16)}`;
  if (r.startsWith('"')) return JSON.parse(r) as string;
  return r;
}

function diffTable(levels: number, e: TableSnapshot | undefined, a: TableSnapshot | undefined, out: string[]): void {
  const t = (e ?? a)!;
  const name = `${levelName(t.level, levels)} table (pfn 0x${t.pfn.toString(16)})`;
  if (!e || !a) {
    out.push(`${name}: ${e ? "expected, but missing" : "unexpected table page"}`);
    return;
  }
  const em = new Map(e.entries);
  const am = new Map(a.entries);
  const idx = [...new Set([...em.keys(), ...am.keys()])].sort((x, y) => x - y);
  for (const i of idx) {
    const x = em.get(i);
    const y = am.get(i);
    if (x === y) continue;
    out.push(`${name} [${i}]: expected ${entryText(x)}, got ${entryText(y)}${x && y ? bitsNote(x, y) : ""}`);
  }
}

export interface Explanation {
  differences: string[];
  invariant?: string;
}

/** A non-leaf entry with D set, or D without A, breaks what the walker may write. */
function brokenInvariant(s: Snap): string | undefined {
  for (const t of s.tables) {
    for (const [i, v] of t.entries) {
      const e = BigInt(v);
      const leaf = t.level === 1 || (t.level <= 3 && (e & 0x80n) !== 0n);
      if ((e & 0x40n) !== 0n && (e & 0x20n) === 0n && leaf) return `${levelName(t.level, s.levels)} entry [${i}] is dirty but not accessed: a write sets A too`;
      if ((e & 0x40n) !== 0n && !leaf) return `${levelName(t.level, s.levels)} entry [${i}] points at a table but has D set: D belongs to the leaf only`;
    }
  }
  return undefined;
}

/** Compare the expected and actual observation of the diverging op. */
export function explainPgtable(expected: Observation, actual: Observation): Explanation {
  const out: string[] = [];
  if (actual.e !== undefined) out.push(`threw ${actual.e}`);
  else if (expected.r !== actual.r) out.push(`returned ${readable(actual.r)}, expected ${readable(expected.r)}`);
  const es = expected.s as Snap | null | undefined;
  const as = actual.s as Snap | null | undefined;
  let invariant: string | undefined;
  if (es && as) {
    const em = new Map(es.tables.map((t) => [t.pfn, t]));
    const am = new Map(as.tables.map((t) => [t.pfn, t]));
    for (const pfn of [...new Set([...em.keys(), ...am.keys()])].sort((x, y) => x - y)) diffTable(es.levels, em.get(pfn), am.get(pfn), out);
    if (!brokenInvariant(es)) invariant = brokenInvariant(as);
  }
  const differences = out.length > MAX_LINES ? [...out.slice(0, MAX_LINES), `… and ${out.length - MAX_LINES} more differences`] : out;
  return { differences, invariant };
}

function accessText(a: Record<string, unknown>): string {
  const kind = a.fetch === true ? "fetch" : a.write === true ? "write" : "read";
  return `${a.user === true ? "user" : "kernel"} ${kind}`;
}

/** One op as a person reads it. */
export function describePgtableOp(op: Op): string {
  const f = (k: string): string => String(op[k]);
  switch (op.op) {
    case "pxIndex":
    case "pageOffset":
      return `${op.op}(${f("level")}, ${f("va")})`;
    case "isCanonical":
    case "canonicalize":
      return `${op.op}(${f("va")}, ${f("levels")})`;
    case "split":
      return `split ${f("va")} (${f("levels")}-level)`;
    case "map":
      return `map ${f("size")} page ${f("va")} → ${f("pa")} flags ${f("flags")} (${describePteFlags(BigInt(f("flags")))})`;
    case "protect":
      return `protect level-${f("level")} entry of ${f("va")}: set ${String(op.set ?? "0x0")} clear ${String(op.clear ?? "0x0")}`;
    case "walk":
      return `walk ${f("va")}, ${accessText((op.access ?? {}) as Record<string, unknown>)} (walk)`;
    case "clearAccessed":
      return "clear A and D in every entry";
    case "pkru":
      return `PKRU = 0x${(Number(op.value) >>> 0).toString(16)}`;
    default:
      return JSON.stringify(op);
  }
}

/** The starting state in a line or two. */
export function describePgtableSetup(setup: unknown): string[] {
  const s = (setup ?? {}) as PgtableSetup;
  if (s.levels === undefined) return [];
  const m = s.mem ?? { zoneStartPfn: 0x100, spannedPages: 1024 };
  return [
    `${s.levels}-level paging, PKRU 0x${(s.pkru ?? 0).toString(16)}; CR3 → an empty top-level table; table pages come from pfn 0x${m.zoneStartPfn.toString(16)}..0x${(m.zoneStartPfn + m.spannedPages - 1).toString(16)}`,
  ];
}

/** An op's result as a person reads it (#PF error codes decoded, bigints in hex). */
export function describePgtableResult(op: Op, r: string): string {
  if (r.startsWith("threw ")) return r;
  const pf = /^"#PF 0x([0-9a-f]+)"$/.exec(r);
  if (pf) return `#PF ${decodeErrorCode(parseInt(pf[1]!, 16))}`;
  if (/^"(pa 0x[0-9a-f]+|#GP)"$/.test(r)) return JSON.parse(r) as string;
  if (op.op === "protect" && /^\d+n$/.test(r)) return entryText(`0x${BigInt(r.slice(0, -1)).toString(16)}`);
  if (/^\d+n$/.test(r)) return `0x${BigInt(r.slice(0, -1)).toString(16)}`;
  if ((op.op === "map" || op.op === "pkru") && r === "null") return "done";
  return r;
}

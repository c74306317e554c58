/**
 * Explaining a divergence to a person: which op, what it returned, which
 * free lists, counters and page states differ, and which invariant the
 * learner's state breaks that the reference's does not.
 */

import { hexPfn } from "../../../reference/core/assert.js";
import { migratetype_names } from "../../../reference/core/constants.js";
import type { ZoneSnapshot } from "../../../reference/zone/snapshot.js";
import type { Observation, Op } from "../../runtime/protocol.js";
import type { ZoneSetup } from "../../../reference/zone/setup.js";
import { brokenInvariants } from "./invariants.js";

const MAX_LINES = 10;
const mtName = (mt: number): string => migratetype_names[mt] ?? `type ${mt}`;
const hexList = (pfns: number[]): string => (pfns.length > 12 ? `[${pfns.slice(0, 12).map(hexPfn).join(", ")}, … ${pfns.length - 12} more]` : `[${pfns.map(hexPfn).join(", ")}]`);

function listKey(order: number, mt: number): string {
  return `free_area[${order}].free_list[${mtName(mt)}]`;
}

function diffLists(e: ZoneSnapshot, a: ZoneSnapshot, out: string[]): void {
  const keys = new Map<string, { e: number[]; a: number[] }>();
  for (const l of e.lists) keys.set(listKey(l.order, l.mt), { e: l.pfns, a: [] });
  for (const l of a.lists) {
    const k = listKey(l.order, l.mt);
    keys.set(k, { e: keys.get(k)?.e ?? [], a: l.pfns });
  }
  for (const [k, { e: ex, a: ac }] of [...keys].sort()) {
    if (ex.join() === ac.join()) continue;
    const missing = ex.filter((p) => !ac.includes(p));
    const extra = ac.filter((p) => !ex.includes(p));
    if (!missing.length && !extra.length) out.push(`${k}: same blocks in a different order — expected ${hexList(ex)} (head first), got ${hexList(ac)}: head/tail placement`);
    else if (!ex.length || !ac.length) out.push(`${k}: expected ${hexList(ex)}, got ${hexList(ac)}`);
    else out.push(`${k}: expected ${hexList(ex)}, got ${hexList(ac)}` + (missing.length ? `; missing ${hexList(missing)}` : "") + (extra.length ? `; unexpected ${hexList(extra)}` : ""));
  }
}

function diffCounters(e: ZoneSnapshot, a: ZoneSnapshot, out: string[]): void {
  if (e.nrFreePages !== a.nrFreePages) out.push(`NR_FREE_PAGES: expected ${e.nrFreePages}, got ${a.nrFreePages}`);
  if (e.nrFreeHighatomic !== a.nrFreeHighatomic) out.push(`nr_free_highatomic: expected ${e.nrFreeHighatomic}, got ${a.nrFreeHighatomic}`);
  e.nrFree.forEach((n, o) => {
    if (a.nrFree[o] !== n) out.push(`free_area[${o}].nr_free: expected ${n}, got ${a.nrFree[o]}`);
  });
  e.pageblocks.forEach((mt, i) => {
    if (a.pageblocks[i] !== mt) out.push(`pageblock ${i} (pfn ${hexPfn(((e.zoneStartPfn >> 9) + i) << 9)}): expected type ${mtName(mt)}, got ${mtName(a.pageblocks[i]!)}`);
  });
}

function diffPages(e: ZoneSnapshot, a: ZoneSnapshot, out: string[]): void {
  const fmt = (x?: [number, number, number]): string => (x ? `flags ${(x[1] & 1) !== 0 ? "PageBuddy" : "-"}, private ${x[2]}` : "in use (no flags, private 0)");
  const em = new Map(e.pages.map((p) => [p[0], p]));
  const am = new Map(a.pages.map((p) => [p[0], p]));
  const pfns = [...new Set([...em.keys(), ...am.keys()])].sort((x, y) => x - y);
  for (const pfn of pfns) {
    const x = em.get(pfn);
    const y = am.get(pfn);
    if (x?.join() !== y?.join()) out.push(`page ${hexPfn(pfn)}: expected ${fmt(x)}, got ${fmt(y)}`);
  }
}

export interface Explanation {
  differences: string[];
  invariant?: string;
}

/** Compare the expected and actual observation of the diverging op. */
export function explainBuddy(expected: Observation, actual: Observation): Explanation {
  const out: string[] = [];
  if (actual.e !== undefined) out.push(`threw ${actual.e}`);
  else if (expected.r !== actual.r) out.push(`returned ${actual.r}, expected ${expected.r}`);
  const es = expected.s as ZoneSnapshot | null | undefined;
  const as = actual.s as ZoneSnapshot | null | undefined;
  let invariant: string | undefined;
  if (es && as) {
    diffLists(es, as, out);
    diffCounters(es, as, out);
    diffPages(es, as, out);
    const before = new Set(brokenInvariants(es));
    invariant = brokenInvariants(as).find((m) => !before.has(m));
  }
  const differences = out.length > MAX_LINES ? [...out.slice(0, MAX_LINES), `… and ${out.length - MAX_LINES} more differences`] : out;
  return { differences, invariant };
}

/** One op as a person reads it, with refs resolved against earlier results. */
export function describeBuddyOp(op: Op, ops: readonly Op[], results: readonly (string | undefined)[]): string {
  const h = (v: unknown): string => (typeof v === "number" ? hexPfn(v) : String(v));
  switch (op.op) {
    case "findBuddyPfn":
    case "combinedPfn":
      return `${op.op}(${h(op.pfn)}, ${op.order})`;
    case "alloc":
      return `alloc order ${op.order} ${mtName(op.mt as number)} (rmqueueSmallest)`;
    case "free":
      if (op.ref !== undefined) {
        const ref = op.ref as number;
        const src = ops[ref];
        const r = results[ref];
        const pfn = r !== undefined && /^-?\d+$/.test(r) ? hexPfn(Number(r)) : String(r);
        return `free the order-${String(src?.order)} block from op #${ref} (pfn ${pfn}) (freeOnePage)`;
      }
      return `free order-${op.order} block at pfn ${h(op.pfn)} (freeOnePage)`;
    case "expand":
      return `expand order-${op.high} block at pfn ${h(op.pfn)} down to order ${op.low}, ${mtName(op.mt as number)}`;
    default:
      return JSON.stringify(op);
  }
}

/** The starting state in a few lines: geometry, then each non-empty free list head first. */
export function describeBuddySetup(setup: unknown): string[] {
  const s = setup as Partial<ZoneSetup>;
  if (!s?.zone) return [];
  const z = s.zone;
  const lines = [`zone ${z.name}: pfn ${hexPfn(z.zoneStartPfn)}..${hexPfn(z.zoneStartPfn + z.spannedPages - 1)} (${z.spannedPages} pages); pages not listed below are in use`];
  const lists = new Map<string, number[]>();
  for (const [pfn, order, mt] of s.free ?? []) {
    const k = `order ${order} ${mtName(mt)}`;
    lists.set(k, [...(lists.get(k) ?? []), pfn]);
  }
  for (const [k, pfns] of lists) lines.push(`free_list ${k}: ${hexList(pfns)}`);
  if (!lists.size) lines.push("no free blocks");
  const types = new Set(s.pageblocks ?? []);
  if (types.size > 1 || (types.size === 1 && !types.has(1))) lines.push(`pageblock types: ${(s.pageblocks ?? []).map(mtName).join(", ")}`);
  return lines;
}

/** An op's result as a person reads it (pfns in hex, void as "done"). */
export function describeBuddyResult(op: Op, r: string): string {
  if (r.startsWith("threw ")) return r;
  if ((op.op === "alloc" || op.op === "findBuddyPfn" || op.op === "combinedPfn") && /^\d+$/.test(r)) return hexPfn(Number(r));
  if (op.op === "alloc" && r === "-1") return "-1 (no block)";
  if (op.op === "free" && r === "null") return "done";
  if (op.op === "free" && r === '"skip"') return "skipped (nothing to free)";
  return r;
}

/**
 * The pgtable suite's op vocabulary (kata va-split and page-table-walk). Runs in the
 * grader with the reference and in the sandboxed child with the learner's targets.
 *
 * Addresses, entries and flags travel as hex strings ("0xffff888000000000").
 * Ops (results referable by index, though none refer back today):
 *   {op:"pxIndex", level, va} / {op:"pageOffset", level, va}      → number / bigint
 *   {op:"isCanonical", va, levels} / {op:"canonicalize", va, levels} → bool / bigint
 *   {op:"split", va, levels}       → "PGD 255 PUD 0 PMD 0 PTE 1 +0x23" (pxIndex per level, pageOffset)
 *   {op:"map", va, pa, size:"4k"|"2m"|"1g", flags}  → null, or "refused: …" (remap)
 *   {op:"protect", va, level, set?, clear?}          → the new entry, or "absent"
 *   {op:"walk", va, access:{write?, user?, fetch?}}  → "pa 0x…", "#PF 0x…" or "#GP"
 *   {op:"clearAccessed"}                             → entries changed
 *   {op:"pkru", value}                               → null
 * State: simulated physical memory whose table pages the digest and snapshot cover (none
 * for va-split traces, whose setup has no `levels`).
 */

import { PhysMem } from "../../../reference/pgtable/physmem.js";
import { Access, MmuRegs, describeWalkResult } from "../../../reference/pgtable/mmu.js";
import { clearAccessed, mapPage, newPageTable, protectEntry, entrySlot } from "../../../reference/pgtable/map.js";
import { pgtableDigest, snapshotPageTables } from "../../../reference/pgtable/snapshot.js";
import { pxIndex, pageOffset, isCanonical, canonicalize } from "../../../reference/pgtable/va.js";
import { walk } from "../../../reference/pgtable/walk.js";
import { levelName } from "../../../reference/pgtable/levels.js";
import type { Impl, SuiteBinding } from "../../runtime/executor.js";
import type { Op } from "../../runtime/protocol.js";

export interface PgtableSetup {
  /** 4 or 5; absent: no memory (va-split traces) */
  levels?: number;
  pkru?: number;
  /** the zone table pages come from (default pfn 0x100, 1024 pages) */
  mem?: { zoneStartPfn: number; spannedPages: number };
}

export interface PgtableState {
  mem: PhysMem | null;
  regs: MmuRegs | null;
  levels: number;
}

export const referenceImpl = { pxIndex, pageOffset, isCanonical, canonicalize, walk } as unknown as Impl;

export const SIZE_LEVEL: Record<string, number> = { "4k": 1, "2m": 2, "1g": 3 };

type Fn = (...args: unknown[]) => unknown;
const call = (impl: Impl, name: string, ...args: unknown[]): unknown => (impl[name] as unknown as Fn)(...args);

function int(op: Op, field: string): number {
  const v = op[field];
  if (typeof v !== "number" || !Number.isInteger(v)) throw new Error(`op ${op.op}: field "${field}" must be an integer`);
  return v;
}

/** A hex-string field as an unsigned bigint (`dflt` when absent and allowed). */
export function hex(op: Op, field: string, dflt?: bigint): bigint {
  const v = op[field];
  if (v === undefined && dflt !== undefined) return dflt;
  if (typeof v !== "string" || !/^0x[0-9a-f]{1,16}$/i.test(v)) throw new Error(`op ${op.op}: field "${field}" must be a hex string such as "0x7f0000001000"`);
  return BigInt(v);
}

function needMem(s: PgtableState, op: Op): { mem: PhysMem; regs: MmuRegs } {
  if (!s.mem || !s.regs) throw new Error(`op ${op.op} needs page tables: give the case setup "levels"`);
  return { mem: s.mem, regs: s.regs };
}

function applySplit(op: Op, impl: Impl): string {
  const levels = int(op, "levels");
  const va = hex(op, "va");
  const parts: string[] = [];
  for (let l = levels; l >= 1; l--) parts.push(`${levelName(l, levels)} ${String(call(impl, "pxIndex", l, va))}`);
  const off = call(impl, "pageOffset", 1, va);
  parts.push(typeof off === "bigint" ? `+0x${off.toString(16)}` : `+${String(off)}`);
  return parts.join(" ");
}

function applyMap(s: PgtableState, op: Op): unknown {
  const { mem, regs } = needMem(s, op);
  const level = SIZE_LEVEL[String(op.size)];
  if (level === undefined) throw new Error(`op map: size must be "4k", "2m" or "1g"`);
  try {
    mapPage(mem, regs.cr3, s.levels, hex(op, "va"), hex(op, "pa"), level, hex(op, "flags"));
  } catch (e) {
    return `refused: ${(e as Error).message}`;
  }
  return null;
}

function applyProtect(s: PgtableState, op: Op): unknown {
  const { mem, regs } = needMem(s, op);
  const va = hex(op, "va");
  const level = int(op, "level");
  if (!entrySlot(mem, regs.cr3, s.levels, va, level)) return "absent";
  return protectEntry(mem, regs.cr3, s.levels, va, level, hex(op, "set", 0n), hex(op, "clear", 0n));
}

function applyWalk(s: PgtableState, op: Op, impl: Impl): string {
  const { mem, regs } = needMem(s, op);
  const a = (op.access ?? {}) as Record<string, unknown>;
  const access = new Access(a.write === true, a.user === true, a.fetch === true);
  const copy = new MmuRegs(regs.cr3, regs.la57, regs.pkru);
  return describeWalkResult(call(impl, "walk", mem, copy, hex(op, "va"), access));
}

export const pgtableBinding: SuiteBinding<PgtableState> = {
  name: "pgtable",
  setup(setup: unknown): PgtableState {
    const s = (setup ?? {}) as PgtableSetup;
    if (s.levels === undefined) return { mem: null, regs: null, levels: 4 };
    if (s.levels !== 4 && s.levels !== 5) throw new Error(`setup: levels must be 4 or 5`);
    const mem = new PhysMem(s.mem ?? { zoneStartPfn: 0x100, spannedPages: 1024 });
    const regs = new MmuRegs(newPageTable(mem, s.levels), s.levels === 5, s.pkru ?? 0);
    return { mem, regs, levels: s.levels };
  },
  apply(s, op, impl): unknown {
    switch (op.op) {
      case "pxIndex":
      case "pageOffset":
        return call(impl, op.op, int(op, "level"), hex(op, "va"));
      case "isCanonical":
      case "canonicalize":
        return call(impl, op.op, hex(op, "va"), int(op, "levels"));
      case "split":
        return applySplit(op, impl);
      case "map":
        return applyMap(s, op);
      case "protect":
        return applyProtect(s, op);
      case "walk":
        return applyWalk(s, op, impl);
      case "clearAccessed":
        return clearAccessed(needMem(s, op).mem);
      case "pkru":
        needMem(s, op).regs.pkru = int(op, "value") >>> 0;
        return null;
      default:
        throw new Error(`unknown op "${op.op}"`);
    }
  },
  digest: (s) => (s.mem ? pgtableDigest(s.mem) : 0),
  snapshot: (s) => (s.mem && s.regs ? { levels: s.levels, cr3: `0x${s.regs.cr3.toString(16)}`, pkru: s.regs.pkru, ...snapshotPageTables(s.mem) } : null),
};

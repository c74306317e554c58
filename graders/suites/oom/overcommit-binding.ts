/**
 * The oom suite's overcommit ops (kata overcommit), dispatched to by binding.ts when a
 * case's setup has `vm`. Same executor in the grader (reference) and the child (learner).
 *
 * Setup: `{vm: {totalram, swap, free?, hugetlb?, mode?, ratio?, kbytes?}, mms: [{id,
 * totalVm?}]}` — pages; `free` (default totalram) sets the boot-time reserves.
 * Ops (an mmap's index is what munmap's `ref` names):
 *   {op:"mmap", mm, pages, prot:"r"|"rw"|"rwx", shared?, noreserve?, hugetlb?, admin?}
 *        → "charged N" / "not charged" / "-ENOMEM" (mmapVmFlags → accountableMapping →
 *          vmEnoughMemory; total_vm grows on success)
 *   {op:"munmap", ref}            → "unmapped" (the charge is given back) / "not mapped"
 *   {op:"brk", mm, pages, admin?} → "0" / "-ENOMEM" (brk always charges)
 *   {op:"sysctl", name, value}    → "0" / "-EINVAL" (vm.overcommit_* and the reserves)
 *   {op:"hugetlb", pages}         → null (pages set aside for huge pages)
 *   {op:"commitLimit"}            → vmCommitLimit()
 *   {op:"meminfo"}                → the CommitLimit and Committed_AS lines
 *   {op:"flags", prot, shared?, noreserve?, hugetlb?} → mmapVmFlags() in hex
 *   {op:"accountable", hugetlb?, vmFlags}             → accountableMapping()
 * State: the VmAcct and each mm's total_vm; digest and snapshot cover all of it.
 */

import { accountableMapping, mmapVmFlags, vmCommitLimit, vmEnoughMemory } from "../../../reference/policy/overcommit.js";
import { AcctMm, MAP_NORESERVE, MAP_PRIVATE, MAP_SHARED, VmAcct, meminfoCommitLines, vmUnacctMemory, writeVmSysctl } from "../../../reference/policy/vm-acct.js";
import { mix } from "../../../reference/oom/task.js";
import type { Impl } from "../../runtime/executor.js";
import type { Op } from "../../runtime/protocol.js";

export interface OvercommitSetup {
  vm: { totalram: number; swap: number; free?: number; hugetlb?: number; mode?: number; ratio?: number; kbytes?: number };
  mms?: { id: number; totalVm?: number }[];
}

interface Mapping {
  mm: AcctMm;
  pages: number;
  charged: number;
}

export interface OvercommitState {
  kind: "overcommit";
  vm: VmAcct;
  mms: AcctMm[];
  maps: Map<number, Mapping>;
}

export const overcommitImpl = { vmCommitLimit, vmEnoughMemory, accountableMapping, mmapVmFlags };

type Fn = (...args: unknown[]) => unknown;
const call = (impl: Impl, name: string, ...args: unknown[]): unknown => (impl[name] as unknown as Fn)(...args);

const PROTS: Record<string, number> = { r: 1, rw: 3, rwx: 7 };

function num(op: Op, field: string, min = 0): number {
  const v = op[field];
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min) throw new Error(`op ${op.op}: field "${field}" must be an integer ≥ ${min}`);
  return v;
}

function count(v: number | undefined, what: string, dflt: number): number {
  const x = v ?? dflt;
  if (!Number.isSafeInteger(x) || x < 0 || x > 2 ** 40) throw new Error(`setup: ${what} must be an integer in 0..2^40`);
  return x;
}

export function overcommitSetup(s: OvercommitSetup): OvercommitState {
  const v = s.vm;
  const vm = new VmAcct(count(v.totalram, "vm.totalram", -1), count(v.swap, "vm.swap", 0), count(v.free, "vm.free", v.totalram));
  vm.hugetlbPages = count(v.hugetlb, "vm.hugetlb", 0);
  if (v.mode !== undefined && writeVmSysctl(vm, "overcommit_memory", v.mode) !== 0) throw new Error("setup: vm.mode must be 0, 1 or 2");
  if (v.ratio !== undefined) writeVmSysctl(vm, "overcommit_ratio", count(v.ratio, "vm.ratio", 50));
  if (v.kbytes !== undefined) writeVmSysctl(vm, "overcommit_kbytes", count(v.kbytes, "vm.kbytes", 0));
  const mms = (s.mms ?? [{ id: 1 }]).map((m) => new AcctMm(m.id, count(m.totalVm, `mm ${m.id} totalVm`, 0)));
  return { kind: "overcommit", vm, mms, maps: new Map() };
}

function findMm(s: OvercommitState, op: Op): AcctMm {
  const id = num(op, "mm");
  const mm = s.mms.find((m) => m.id === id);
  if (!mm) throw new Error(`op ${op.op}: no mm ${id} in the setup`);
  return mm;
}

function mapFlags(op: Op): { prot: number; flags: number; hugetlb: boolean } {
  const prot = PROTS[String(op.prot ?? "rw")];
  if (prot === undefined) throw new Error(`op ${op.op}: prot must be "r", "rw" or "rwx"`);
  const flags = (op.shared === true ? MAP_SHARED : MAP_PRIVATE) | (op.noreserve === true ? MAP_NORESERVE : 0);
  return { prot, flags, hugetlb: op.hugetlb === true };
}

function applyMmap(s: OvercommitState, op: Op, impl: Impl, index: number): string {
  const mm = findMm(s, op);
  const pages = num(op, "pages", 1);
  const { prot, flags, hugetlb } = mapFlags(op);
  const vmFlags = call(impl, "mmapVmFlags", prot, flags, s.vm.overcommitMemory, hugetlb) as number;
  let charged = 0;
  if (call(impl, "accountableMapping", hugetlb, vmFlags) === true) {
    if (call(impl, "vmEnoughMemory", s.vm, mm, pages, op.admin === true) !== 0) return "-ENOMEM";
    charged = pages;
  }
  mm.totalVm += pages;
  s.maps.set(index, { mm, pages, charged });
  return charged ? `charged ${charged}` : "not charged";
}

function applyMunmap(s: OvercommitState, op: Op): string {
  const ref = num(op, "ref");
  const m = s.maps.get(ref);
  if (!m) return "not mapped";
  s.maps.delete(ref);
  if (m.charged) vmUnacctMemory(s.vm, m.charged);
  m.mm.totalVm -= m.pages;
  return "unmapped";
}

function applyBrk(s: OvercommitState, op: Op, impl: Impl): string {
  const mm = findMm(s, op);
  const pages = num(op, "pages", 1);
  if (call(impl, "vmEnoughMemory", s.vm, mm, pages, op.admin === true) !== 0) return "-ENOMEM";
  mm.totalVm += pages;
  return "0";
}

/** Apply one overcommit op; `index` is the op's position (what a munmap's ref names). */
export function applyOvercommit(s: OvercommitState, op: Op, impl: Impl, index: number): unknown {
  switch (op.op) {
    case "mmap":
      return applyMmap(s, op, impl, index);
    case "munmap":
      return applyMunmap(s, op);
    case "brk":
      return applyBrk(s, op, impl);
    case "sysctl":
      return writeVmSysctl(s.vm, String(op.name), num(op, "value", -(2 ** 40))) === 0 ? "0" : "-EINVAL";
    case "hugetlb":
      s.vm.hugetlbPages = Math.min(num(op, "pages"), s.vm.totalramPages);
      return null;
    case "commitLimit":
      return call(impl, "vmCommitLimit", s.vm);
    case "meminfo":
      return meminfoCommitLines(call(impl, "vmCommitLimit", s.vm) as number, s.vm);
    case "flags": {
      const { prot, flags, hugetlb } = mapFlags(op);
      const f = call(impl, "mmapVmFlags", prot, flags, s.vm.overcommitMemory, hugetlb);
      return typeof f === "number" ? `0x${f.toString(16)}` : f;
    }
    case "accountable":
      return call(impl, "accountableMapping", op.hugetlb === true, num(op, "vmFlags"));
    default:
      throw new Error(`unknown op "${op.op}"`);
  }
}

export function overcommitSnapshot(s: OvercommitState): Record<string, unknown> {
  const v = s.vm;
  return {
    vm: { committed: v.committed, mode: v.overcommitMemory, ratio: v.overcommitRatio, kbytes: v.overcommitKbytes, admin: v.adminReserveKbytes, user: v.userReserveKbytes, hugetlb: v.hugetlbPages },
    mms: s.mms.map((m) => ({ id: m.id, totalVm: m.totalVm })),
  };
}

export function overcommitDigest(s: OvercommitState): number {
  const v = s.vm;
  let h = 0x9e3779b9;
  for (const x of [v.committed, v.overcommitMemory, v.overcommitRatio, v.overcommitKbytes, v.adminReserveKbytes, v.userReserveKbytes, v.hugetlbPages]) h = mix(h, x);
  for (const m of s.mms) h = mix(mix(h, m.id), m.totalVm);
  return h;
}

/**
 * Seeded overcommit traces: a machine (a preset's RAM or a server size, 0–8 GiB of swap,
 * sometimes hugetlb pages), a few address spaces, then mmaps of every kind (private
 * writable — the charged kind — read-only, shared, MAP_NORESERVE, hugetlbfs, with and
 * without CAP_SYS_ADMIN), munmaps of earlier mappings, brk growth, sysctl writes (mode
 * switches, ratio/kbytes, reserves), CommitLimit and meminfo reads, and direct flag
 * queries. Requests are sized against the current headroom, and some hit it exactly
 * (headroom and headroom − 1), which the generator computes by running the reference.
 * params.mode fixes overcommit_memory at the start (default: random, mostly 2).
 */

import type { Rng } from "../../../reference/core/rng.js";
import { vmCommitLimit } from "../../../reference/policy/overcommit.js";
import { kbToPages } from "../../../reference/policy/vm-acct.js";
import type { Op, TraceCase } from "../../runtime/protocol.js";
import { oomBinding, referenceImpl } from "./binding.js";
import type { OvercommitSetup, OvercommitState } from "./overcommit-binding.js";

const GIB = 262144;

function randomSetup(rng: Rng, params: Record<string, unknown>): OvercommitSetup {
  const totalram = rng.pick([4096, 976_286, 4 * GIB, 16 * GIB, 64 * GIB]) - rng.int(2000);
  const mode = typeof params.mode === "number" ? params.mode : rng.pick([0, 1, 2, 2, 2]);
  const vm: OvercommitSetup["vm"] = { totalram, swap: rng.pick([0, 0, GIB / 2, 2 * GIB, 8 * GIB]), free: totalram - rng.int(Math.floor(totalram / 4)), mode };
  if (rng.chance(0.2)) vm.hugetlb = rng.int(Math.floor(totalram / 4));
  if (rng.chance(0.2)) vm.ratio = rng.pick([0, 50, 80, 100, 150]);
  const mms = Array.from({ length: rng.range(1, 4) }, (_, i) => ({ id: i + 1, totalVm: rng.int(Math.floor(totalram / 8)) }));
  return { vm, mms };
}

/** Pages still committable by `mm` in mode 2 right now (may be ≤ 0). */
function headroom(s: OvercommitState, mmId: number, admin: boolean): number {
  const v = s.vm;
  const mm = s.mms.find((m) => m.id === mmId)!;
  const allowed = vmCommitLimit(v) - (admin ? 0 : kbToPages(v.adminReserveKbytes)) - Math.min(Math.floor(mm.totalVm / 32), kbToPages(v.userReserveKbytes));
  return allowed - Math.max(0, v.committed);
}

function mmapOp(rng: Rng, s: OvercommitState): Op {
  const mm = rng.pick(s.mms).id;
  const admin = rng.chance(0.25);
  const room = headroom(s, mm, admin);
  let pages: number;
  const k = rng.weighted([25, 15, 50, 10]);
  if (k === 0 && room > 1) pages = room - rng.int(2);
  else if (k === 1) pages = Math.max(1, room + rng.range(0, 2));
  else if (k === 2) pages = rng.range(1, Math.max(2, Math.floor(vmCommitLimit(s.vm) / 10)));
  else pages = s.vm.totalramPages + s.vm.totalSwapPages + rng.range(-1, 1);
  const op: Op = { op: "mmap", mm, pages: Math.max(1, pages), prot: rng.pick(["rw", "rw", "rw", "r", "rwx"]) };
  if (rng.chance(0.2)) op.shared = true;
  if (rng.chance(0.25)) op.noreserve = true;
  if (rng.chance(0.08)) op.hugetlb = true;
  if (admin) op.admin = true;
  return op;
}

function sysctlOp(rng: Rng, s: OvercommitState): Op {
  switch (rng.weighted([40, 20, 15, 10, 10, 5])) {
    case 0: return { op: "sysctl", name: "overcommit_memory", value: rng.pick([0, 1, 2, 2, 3]) };
    case 1: return { op: "sysctl", name: "overcommit_ratio", value: rng.pick([0, 30, 50, 100, 200]) };
    case 2: return { op: "sysctl", name: "overcommit_kbytes", value: rng.pick([0, rng.int(s.vm.totalramPages * 4) + 1, 1023]) };
    case 3: return { op: "sysctl", name: "admin_reserve_kbytes", value: rng.pick([0, 8192, rng.int(1 << 20)]) };
    case 4: return { op: "sysctl", name: "user_reserve_kbytes", value: rng.pick([0, 131072, rng.int(1 << 20)]) };
    default: return { op: "hugetlb", pages: rng.int(Math.floor(s.vm.totalramPages / 2)) };
  }
}

function queryOp(rng: Rng): Op {
  if (rng.chance(0.5)) return { op: "flags", prot: rng.pick(["r", "rw", "rwx"]), shared: rng.chance(0.3), noreserve: rng.chance(0.5), hugetlb: rng.chance(0.2) };
  const vmFlags = rng.int(16) | (rng.chance(0.3) ? 0x80 : 0) | (rng.chance(0.3) ? 0x200000 : 0) | (rng.chance(0.1) ? 0x100000 : 0);
  return { op: "accountable", hugetlb: rng.chance(0.15), vmFlags };
}

export function overcommitTrace(rng: Rng, nOps: number, params: Record<string, unknown>): TraceCase {
  const setup = randomSetup(rng, params);
  const state = oomBinding.setup(setup) as OvercommitState;
  const ops: Op[] = [];
  const results: unknown[] = [];
  const mapped: number[] = [];
  while (ops.length < nOps) {
    const k = rng.weighted([38, 14, 10, 10, 8, 6, 14]);
    let op: Op;
    if (k === 0) op = mmapOp(rng, state);
    else if (k === 1 && mapped.length) op = { op: "munmap", ref: mapped.splice(rng.int(mapped.length), 1)[0]! };
    else if (k === 2) op = { op: "brk", mm: rng.pick(state.mms).id, pages: rng.range(1, 2048), ...(rng.chance(0.2) ? { admin: true } : {}) };
    else if (k === 3) op = sysctlOp(rng, state);
    else if (k === 4) op = { op: "commitLimit" };
    else if (k === 5) op = { op: "meminfo" };
    else op = queryOp(rng);
    const r = oomBinding.apply(state, op, referenceImpl, results);
    if (op.op === "mmap" && typeof r === "string" && r !== "-ENOMEM") mapped.push(ops.length);
    results.push(r);
    ops.push(op);
  }
  return { setup, ops };
}

/**
 * The oom suite's op vocabulary (kata oom-score). Runs in the grader with the reference
 * and in the sandboxed child with the learner's targets.
 *
 * Setup: `{totalpages, tasks: [{pid, comm?, uid?, file?, anon?, swap?, shmem?,
 * pgtablesBytes?, oomScoreAdj?, oomScoreAdjMin?, kthread?, exiting?, inVfork?, oomVictim?,
 * oomOrigin?, oomSkip?, noMm?, shareMmWith?}]}` — counters in pages, processes in
 * for_each_process order; `shareMmWith` names an earlier pid whose mm the task shares.
 * An op naming a pid that does not exist answers "-ESRCH" (so shrinking a trace never breaks it).
 * Ops (results by index; none refer back):
 *   {op:"badness", pid, totalpages?}      → oomBadness(task, totalpages ?? setup's)
 *   {op:"score", pid}                     → oomScoreProc(task, setup's totalpages)
 *   {op:"toScoreAdj", value} / {op:"toOomAdj", value} → the legacy mapping, directly
 *   {op:"writeAdj", pid, value, cap?}     → "0" / "-EINVAL" / "-EACCES" (oom_score_adj)
 *   {op:"writeOomAdj", pid, value, cap?}  → same, for oom_adj (maps with toScoreAdj)
 *   {op:"readOomAdj", pid}                → oomScoreAdjToOomAdj(task's oom_score_adj)
 *   {op:"spawn", …task fields}            → null
 *   {op:"counters", pid, file?, anon?, swap?, shmem?, pgtablesBytes?} → null (sets them;
 *                                           "no mm" after exit)
 *   {op:"flag", pid, flag, value}         → null (kthread, exiting, inVfork, oomVictim,
 *                                           oomOrigin, oomSkip) ; {op:"exit", pid}: mm gone
 * State: the processes; digest and snapshot cover adj, adj_min, counters and flags.
 * A setup with `vm` is an overcommit case instead (kata overcommit): see overcommit-binding.ts.
 */

import { oomBadness, oomScoreProc, oomAdjToScoreAdj, oomScoreAdjToOomAdj } from "../../../reference/oom/badness.js";
import { errnoName, setOomAdj, EINVAL } from "../../../reference/oom/adj.js";
import { OOM_ADJUST_MAX, OOM_DISABLE, mix, newOomTask, type OomTask, type OomTaskSpec } from "../../../reference/oom/task.js";
import { applyOvercommit, overcommitDigest, overcommitImpl, overcommitSetup, overcommitSnapshot, type OvercommitSetup, type OvercommitState } from "./overcommit-binding.js";
import type { Impl, SuiteBinding } from "../../runtime/executor.js";
import type { Op } from "../../runtime/protocol.js";

export type OomTaskSetup = OomTaskSpec & { shareMmWith?: number };

export interface OomSetup {
  totalpages: number;
  tasks: OomTaskSetup[];
}

export interface OomState {
  totalpages: number;
  tasks: OomTask[];
}

export const referenceImpl = { oomBadness, oomScoreProc, oomAdjToScoreAdj, oomScoreAdjToOomAdj, ...overcommitImpl } as unknown as Impl;

type Fn = (...args: unknown[]) => unknown;
/** Call a target; -0 becomes 0 (a C long has no negative zero, so the two are one answer). */
function call(impl: Impl, name: string, ...args: unknown[]): unknown {
  const r = (impl[name] as unknown as Fn)(...args);
  return Object.is(r, -0) ? 0 : r;
}

export const FLAGS = ["kthread", "exiting", "inVfork", "oomVictim", "oomOrigin", "oomSkip"] as const;

function int(op: Op, field: string): number {
  const v = op[field];
  if (typeof v !== "number" || !Number.isInteger(v)) throw new Error(`op ${op.op}: field "${field}" must be an integer`);
  return v;
}

/** The process an op names, or null (the op then answers -ESRCH, as /proc does). */
function findTask(s: OomState, op: Op): OomTask | null {
  const pid = int(op, "pid");
  return s.tasks.find((x) => x.pid === pid) ?? null;
}

const ESRCH = "-ESRCH";

function checkTotal(v: unknown, who: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 2 ** 40) throw new Error(`${who}: totalpages must be an integer in 1..2^40`);
  return v;
}

/**
 * Add a process from its spec, sharing an earlier process's mm when asked. Returns null
 * when that process (or its mm) is gone, as after shrinking a trace; throws on a
 * duplicate pid (a malformed case).
 */
export function spawnTask(s: OomState, spec: OomTaskSetup): OomTask | null {
  if (s.tasks.some((t) => t.pid === spec.pid)) throw new Error(`spawn: pid ${spec.pid} already exists`);
  let mm;
  if (spec.shareMmWith !== undefined) {
    mm = s.tasks.find((t) => t.pid === spec.shareMmWith)?.mm;
    if (!mm) return null;
  }
  const t = newOomTask(spec, mm ?? undefined);
  s.tasks.push(t);
  return t;
}

function setCounters(t: OomTask, op: Op): string | null {
  if (!t.mm) return "no mm";
  const names = ["file", "anon", "swap", "shmem"];
  names.forEach((n, i) => {
    if (op[n] !== undefined) t.mm!.counters[i] = Math.max(0, int(op, n));
  });
  if (op.pgtablesBytes !== undefined) t.mm.pgtablesBytes = Math.max(0, int(op, "pgtablesBytes"));
  return null;
}

function setFlag(t: OomTask, op: Op): null {
  const flag = String(op.flag);
  const value = op.value === true;
  if (flag === "oomSkip") {
    if (t.mm) t.mm.oomSkip = value;
  } else if ((FLAGS as readonly string[]).includes(flag)) {
    (t as unknown as Record<string, boolean>)[flag] = value;
  } else {
    throw new Error(`op flag: unknown flag "${flag}"`);
  }
  return null;
}

function writeOomAdj(s: OomState, t: OomTask, op: Op, impl: Impl): string {
  const v = int(op, "value");
  if (v < OOM_DISABLE || v > OOM_ADJUST_MAX) return errnoName(EINVAL);
  const mapped = call(impl, "oomAdjToScoreAdj", v);
  return errnoName(setOomAdj(s.tasks, t, mapped as number, true, op.cap === true));
}

function applyOp(s: OomState, op: Op, impl: Impl): unknown {
  switch (op.op) {
    case "toScoreAdj":
      return call(impl, "oomAdjToScoreAdj", int(op, "value"));
    case "toOomAdj":
      return call(impl, "oomScoreAdjToOomAdj", int(op, "value"));
    case "spawn":
      return spawnTask(s, op as unknown as OomTaskSetup) ? null : ESRCH;
  }
  const t = findTask(s, op);
  return t ? applyTaskOp(s, t, op, impl) : ESRCH;
}

function applyTaskOp(s: OomState, t: OomTask, op: Op, impl: Impl): unknown {
  switch (op.op) {
    case "badness":
      return call(impl, "oomBadness", t, op.totalpages === undefined ? s.totalpages : checkTotal(op.totalpages, "op badness"));
    case "score":
      return call(impl, "oomScoreProc", t, s.totalpages);
    case "readOomAdj":
      return call(impl, "oomScoreAdjToOomAdj", t.oomScoreAdj);
    case "writeAdj":
      return errnoName(setOomAdj(s.tasks, t, int(op, "value"), false, op.cap === true));
    case "writeOomAdj":
      return writeOomAdj(s, t, op, impl);
    case "counters":
      return setCounters(t, op);
    case "flag":
      return setFlag(t, op);
    case "exit":
      t.mm = null;
      return null;
    default:
      throw new Error(`unknown op "${op.op}"`);
  }
}

/** A process's state in one line of numbers (for digests and snapshots). */
export function taskSummary(t: OomTask): Record<string, unknown> {
  const flags = FLAGS.filter((f) => (f === "oomSkip" ? t.mm?.oomSkip === true : t[f]));
  return { pid: t.pid, adj: t.oomScoreAdj, adjMin: t.oomScoreAdjMin, mm: t.mm ? [...t.mm.counters, t.mm.pgtablesBytes] : null, flags };
}

function oomDigest(s: OomState): number {
  let h = 0x811c9dc5;
  for (const t of s.tasks) {
    h = mix(mix(mix(h, t.pid), t.oomScoreAdj + 1000), t.oomScoreAdjMin + 1000);
    for (const v of t.mm ? [...t.mm.counters, t.mm.pgtablesBytes, t.mm.oomSkip ? 1 : 0] : [-1]) h = mix(h, v);
    for (const f of FLAGS) if (f !== "oomSkip") h = mix(h, t[f] ? 1 : 0);
  }
  return h;
}

function oomSetup(s: OomSetup): OomState {
  const state: OomState = { totalpages: checkTotal(s.totalpages, "setup"), tasks: [] };
  if (!Array.isArray(s.tasks)) throw new Error("setup: tasks must be an array");
  for (const spec of s.tasks) if (!spawnTask(state, spec)) throw new Error(`setup: pid ${spec.pid} shares the mm of pid ${String(spec.shareMmWith)}, which has none`);
  return state;
}

type SuiteState = OomState | OvercommitState;
const isOc = (s: SuiteState): s is OvercommitState => "kind" in s && s.kind === "overcommit";

export const oomBinding: SuiteBinding<SuiteState> = {
  name: "oom",
  setup(setup: unknown): SuiteState {
    const s = (setup ?? {}) as OomSetup & Partial<OvercommitSetup>;
    return s.vm !== undefined ? overcommitSetup(s as OvercommitSetup) : oomSetup(s);
  },
  apply: (s, op, impl, results) => (isOc(s) ? applyOvercommit(s, op, impl, results.length) : applyOp(s, op, impl)),
  digest: (s) => (isOc(s) ? overcommitDigest(s) : oomDigest(s)),
  snapshot: (s) => (isOc(s) ? overcommitSnapshot(s) : { totalpages: s.totalpages, tasks: s.tasks.map(taskSummary) }),
};

/**
 * The parts of struct task_struct, struct signal_struct and struct mm_struct the OOM
 * killer reads: a process's pid, comm and uid, its address space's RSS counters
 * (MM_FILEPAGES, MM_ANONPAGES, MM_SWAPENTS, MM_SHMEMPAGES), page-table bytes and
 * total_vm, the signal's oom_score_adj / oom_score_adj_min, and the flags that make a
 * task unkillable or not worth considering (kernel thread, global init, no mm left,
 * MMF_OOM_SKIP, in vfork, an OOM victim already pending).
 *
 * Invariants: counters and pgtables are non-negative integers; -1000 ≤ oom_score_adj ≤
 * 1000; tasks sharing an address space hold the same OomMm object, so its counters are
 * shared exactly as CLONE_VM shares them.
 *
 * Differences from Linux: a task is one whole process (thread group); its threads are not
 * modelled, so find_lock_task_mm() finds the mm or nothing. The mm's counters are exact
 * (no per-CPU RSS batching). in_vfork() is a flag instead of the vfork_done and
 * real_parent->mm check. The cgroup, cpuset and mempolicy a task belongs to are not here.
 */

import { BUG_ON } from "../core/assert.js";

export const MM_FILEPAGES = 0;
export const MM_ANONPAGES = 1;
export const MM_SWAPENTS = 2;
export const MM_SHMEMPAGES = 3;
export const NR_MM_COUNTERS = 4;

/** include/uapi/linux/oom.h */
export const OOM_SCORE_ADJ_MIN = -1000;
export const OOM_SCORE_ADJ_MAX = 1000;
export const OOM_DISABLE = -17;
export const OOM_ADJUST_MIN = -16;
export const OOM_ADJUST_MAX = 15;

/** C's LONG_MIN / LONG_MAX on x86-64, as the nearest doubles (-2^63 is exact). */
export const LONG_MIN = -(2 ** 63);
export const LONG_MAX = 2 ** 63;

/** struct mm_struct, as far as the OOM killer reads it. */
export class OomMm {
  constructor(
    /** an id for messages and digests; tasks sharing the mm share this object */
    public id: number,
    /** get_mm_counter(mm, MM_*), in pages, indexed by MM_FILEPAGES..MM_SHMEMPAGES */
    public counters: number[],
    /** mm_pgtables_bytes(mm) */
    public pgtablesBytes: number,
    /** mm->total_vm, in pages */
    public totalVm: number,
    /** MMF_OOM_SKIP: the OOM reaper is done with it (or gave up) */
    public oomSkip = false,
  ) {}
}

/** The fields of a process, as the OOM killer sees it. */
export interface OomTaskFields {
  pid: number;
  comm: string;
  uid: number;
  /** null once every thread has dropped its mm (exit_mm): find_lock_task_mm() fails */
  mm: OomMm | null;
  /** signal->oom_score_adj, -1000..1000 */
  oomScoreAdj: number;
  /** signal->oom_score_adj_min: the lowest value writable without CAP_SYS_RESOURCE */
  oomScoreAdjMin: number;
  /** PF_KTHREAD */
  kthread: boolean;
  /** PF_EXITING: the task is already on its way out */
  exiting: boolean;
  /** in_vfork(): a vfork child still borrowing its parent's mm */
  inVfork: boolean;
  /** tsk_is_oom_victim(): signal->oom_mm is set */
  oomVictim: boolean;
  /** oom_task_origin(): swapoff or KSM unmerge asked to be killed first */
  oomOrigin: boolean;
}

/** A process (one thread group). */
export class OomTask implements OomTaskFields {
  pid!: number;
  comm!: string;
  uid!: number;
  mm!: OomMm | null;
  oomScoreAdj!: number;
  oomScoreAdjMin!: number;
  kthread!: boolean;
  exiting!: boolean;
  inVfork!: boolean;
  oomVictim!: boolean;
  oomOrigin!: boolean;

  constructor(f: OomTaskFields) {
    Object.assign(this, f);
  }
}

/** Fields for newOomTask; counters default to 0 and flags to false. */
export interface OomTaskSpec {
  pid: number;
  comm?: string;
  uid?: number;
  file?: number;
  anon?: number;
  swap?: number;
  shmem?: number;
  pgtablesBytes?: number;
  totalVm?: number;
  oomScoreAdj?: number;
  oomScoreAdjMin?: number;
  kthread?: boolean;
  exiting?: boolean;
  inVfork?: boolean;
  oomVictim?: boolean;
  oomOrigin?: boolean;
  oomSkip?: boolean;
  /** no mm at all (kernel thread, or an exited process) */
  noMm?: boolean;
}

function checkCount(v: number, what: string): number {
  if (!Number.isSafeInteger(v) || v < 0 || v > 2 ** 40) throw new RangeError(`${what} must be an integer in 0..2^40, got ${String(v)}`);
  return v;
}

/** Check an oom_score_adj value: an integer in -1000..1000. */
export function checkScoreAdj(v: number, who: string): number {
  if (!Number.isInteger(v) || v < OOM_SCORE_ADJ_MIN || v > OOM_SCORE_ADJ_MAX) {
    throw new RangeError(`${who}: oom_score_adj must be an integer in -1000..1000, got ${String(v)}`);
  }
  return v;
}

/**
 * A new mm with the given counters (pages) and page-table bytes.
 * @see kernel/fork.c mm_init
 */
export function newOomMm(id: number, s: Omit<OomTaskSpec, "pid"> = {}): OomMm {
  const counters = [s.file ?? 0, s.anon ?? 0, s.swap ?? 0, s.shmem ?? 0].map((v, i) => checkCount(v, `counter ${i}`));
  const pgtablesBytes = checkCount(s.pgtablesBytes ?? 0, "pgtablesBytes");
  const rss = counters[MM_FILEPAGES]! + counters[MM_ANONPAGES]! + counters[MM_SHMEMPAGES]!;
  const totalVm = checkCount(s.totalVm ?? rss + counters[MM_SWAPENTS]!, "totalVm");
  return new OomMm(id, counters, pgtablesBytes, totalVm, s.oomSkip ?? false);
}

/**
 * A process from a spec; `mm` overrides the spec's counters with a shared address space.
 * Global init is pid 1.
 * @see kernel/fork.c copy_process
 */
export function newOomTask(s: OomTaskSpec, mm?: OomMm): OomTask {
  if (!Number.isInteger(s.pid) || s.pid < 0 || s.pid > 4194304) throw new RangeError(`task pid must be an integer in 0..4194304 (pid_max), got ${String(s.pid)}`);
  const adj = checkScoreAdj(s.oomScoreAdj ?? 0, `task ${s.pid}`);
  return new OomTask({
    pid: s.pid,
    comm: (s.comm ?? `task${s.pid}`).slice(0, 15),
    uid: s.uid ?? 0,
    mm: s.noMm ? null : (mm ?? newOomMm(s.pid, s)),
    oomScoreAdj: adj,
    oomScoreAdjMin: checkScoreAdj(s.oomScoreAdjMin ?? Math.min(adj, 0), `task ${s.pid}`),
    kthread: s.kthread ?? false,
    exiting: s.exiting ?? false,
    inVfork: s.inVfork ?? false,
    oomVictim: s.oomVictim ?? false,
    oomOrigin: s.oomOrigin ?? false,
  });
}

/** get_mm_counter(mm, member): one RSS counter in pages. @see include/linux/mm.h get_mm_counter */
export function getMmCounter(mm: OomMm, member: number): number {
  BUG_ON(member < 0 || member >= NR_MM_COUNTERS, "getMmCounter: no such counter");
  return mm.counters[member]!;
}

/** Resident pages: file + anon + shmem (swap entries are not resident). @see include/linux/mm.h get_mm_rss */
export function getMmRss(mm: OomMm): number {
  return mm.counters[MM_FILEPAGES]! + mm.counters[MM_ANONPAGES]! + mm.counters[MM_SHMEMPAGES]!;
}

/** Bytes of page tables the mm holds. @see include/linux/mm.h mm_pgtables_bytes */
export function mmPgtablesBytes(mm: OomMm): number {
  return mm.pgtablesBytes;
}

/** Global init (pid 1). @see include/linux/sched.h is_global_init */
export function isGlobalInit(p: OomTask): boolean {
  return p.pid === 1;
}

/** Global init and kernel threads are never OOM victims. @see mm/oom_kill.c oom_unkillable_task */
export function oomUnkillableTask(p: OomTask): boolean {
  return isGlobalInit(p) || p.kthread;
}

/**
 * The task if it still has an mm, else null (its memory is already gone).
 * @see mm/oom_kill.c find_lock_task_mm
 */
export function findLockTaskMm(p: OomTask): OomTask | null {
  return p.mm ? p : null;
}

/** Do two tasks share an address space? @see include/linux/oom.h process_shares_mm */
export function processSharesMm(p: OomTask, mm: OomMm): boolean {
  return p.mm === mm;
}

/** A 32-bit FNV-1a step over an integer (for state digests). */
export function mix(h: number, v: number): number {
  let x = h;
  for (const part of [v >>> 0, Math.floor(v / 2 ** 32) >>> 0]) {
    x = Math.imul(x ^ part, 0x01000193) >>> 0;
  }
  return x;
}

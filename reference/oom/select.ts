/**
 * Choosing and killing the OOM victim for a global (system-wide) OOM: the scan over every
 * process, the kill of the chosen one and of every process sharing its mm, the kernel log
 * lines, and the panic_on_oom rule.
 *
 *   select_bad_process: chosen_points = LONG_MIN; for each process (init first, newest
 *   last): skip unkillable; an OOM victim not yet reaped → abort (wait for it; a sysrq OOM
 *   does not wait); oom_task_origin → LONG_MAX; skip LONG_MIN and points < chosen_points.
 *   So ties go to the later process (">=" replaces).
 *
 * Worked example: three processes scoring 500, 800, 800 → the third is chosen.
 *
 * Differences from Linux: global OOM only (no memcg scan, no memory.oom.group, no cpuset
 * or mempolicy eligibility: every process is eligible); no OOM notifiers, no GFP_NOFS
 * bail-out, no rate limiting and no dump_header/dump_tasks lines; the OOM reaper is not
 * run (a victim stays "not yet reaped" until its mm gets MMF_OOM_SKIP).
 */

import { PAGE_SHIFT } from "../core/constants.js";
import { oomBadness } from "./badness.js";
import {
  LONG_MAX,
  LONG_MIN,
  MM_ANONPAGES,
  MM_FILEPAGES,
  MM_SHMEMPAGES,
  OOM_SCORE_ADJ_MIN,
  findLockTaskMm,
  getMmCounter,
  isGlobalInit,
  mmPgtablesBytes,
  oomUnkillableTask,
  processSharesMm,
  type OomTask,
} from "./task.js";

/** What the scan found: a victim, nothing, or "abort: a victim is still dying". */
export interface OomChoice {
  chosen: OomTask | null;
  points: number;
  aborted: boolean;
}

/**
 * Scan `tasks` (in for_each_process order) for the process to kill.
 * `sysrq` is the manual SysRq-f OOM, which does not wait for a pending victim.
 * @see mm/oom_kill.c select_bad_process
 */
export function selectBadProcess(tasks: readonly OomTask[], totalpages: number, sysrq = false): OomChoice {
  let chosen: OomTask | null = null;
  let chosenPoints = LONG_MIN;
  for (const task of tasks) {
    if (oomUnkillableTask(task)) continue;
    if (!sysrq && task.oomVictim) {
      if (task.mm?.oomSkip ?? true) continue;
      return { chosen: null, points: LONG_MIN, aborted: true };
    }
    const points = task.oomOrigin ? LONG_MAX : oomBadness(task, totalpages);
    if (points === LONG_MIN || points < chosenPoints) continue;
    chosen = task;
    chosenPoints = points;
  }
  return { chosen, points: chosenPoints, aborted: false };
}

/** Pages to kB, as the kernel's K() macro. */
const K = (pages: number): number => pages * (1 << (PAGE_SHIFT - 10));

/**
 * The line dmesg shows for a kill, e.g. "Out of memory: Killed process 4242 (stress)
 * total-vm:1050104kB, anon-rss:1048576kB, file-rss:1416kB, shmem-rss:0kB, UID:1000
 * pgtables:2092kB oom_score_adj:0". `victim` must have an mm.
 * @see mm/oom_kill.c __oom_kill_process
 */
export function killedProcessLine(message: string, victim: OomTask): string {
  const mm = victim.mm;
  if (!mm) throw new Error(`killedProcessLine: task ${victim.pid} has no mm`);
  return (
    `${message}: Killed process ${victim.pid} (${victim.comm}) total-vm:${K(mm.totalVm)}kB, ` +
    `anon-rss:${K(getMmCounter(mm, MM_ANONPAGES))}kB, file-rss:${K(getMmCounter(mm, MM_FILEPAGES))}kB, ` +
    `shmem-rss:${K(getMmCounter(mm, MM_SHMEMPAGES))}kB, UID:${victim.uid} ` +
    `pgtables:${Math.floor(mmPgtablesBytes(mm) / 1024)}kB oom_score_adj:${victim.oomScoreAdj}`
  );
}

/** What a kill did: the processes sent SIGKILL (victim first) and the log lines. */
export interface OomKill {
  killed: number[];
  log: string[];
}

/**
 * Will `task` free its memory soon without help: it is exiting, its mm is not already
 * reaped, and every other process sharing the mm is exiting too.
 * @see mm/oom_kill.c task_will_free_mem
 */
export function taskWillFreeMem(tasks: readonly OomTask[], task: OomTask): boolean {
  const mm = task.mm;
  if (!mm || !task.exiting || mm.oomSkip) return false;
  return tasks.every((p) => p === task || !processSharesMm(p, mm) || p.exiting);
}

/**
 * Kill `victim` (marked as OOM victim, SIGKILL) and every other user process sharing its
 * mm; a victim already exiting is only marked. Init sharing the mm pins it: the mm gets
 * MMF_OOM_SKIP and a line says so.
 * @see mm/oom_kill.c oom_kill_process
 */
export function oomKillProcess(tasks: readonly OomTask[], victim: OomTask, message: string): OomKill {
  if (taskWillFreeMem(tasks, victim)) {
    victim.oomVictim = true;
    return { killed: [], log: [] };
  }
  const t = findLockTaskMm(victim);
  if (!t || !t.mm) return { killed: [], log: [`${message}: OOM victim ${victim.pid} (${victim.comm}) is already exiting. Skip killing the task`] };
  const mm = t.mm;
  t.oomVictim = true;
  const out: OomKill = { killed: [t.pid], log: [killedProcessLine(message, t)] };
  for (const p of tasks) {
    if (p === t || !processSharesMm(p, mm)) continue;
    if (isGlobalInit(p)) {
      mm.oomSkip = true;
      out.log.push(`oom killer ${t.pid} (${t.comm}) has mm pinned by ${p.pid} (${p.comm})`);
      continue;
    }
    if (!p.kthread) out.killed.push(p.pid);
  }
  return out;
}

/** vm.panic_on_oom: 1 panics for an unconstrained OOM only, 2 always; never for sysrq. @see mm/oom_kill.c check_panic_on_oom */
export function checkPanicOnOom(panicOnOom: number, constrained: boolean, sysrq: boolean): string | null {
  if (panicOnOom === 0 || sysrq) return null;
  if (panicOnOom !== 2 && constrained) return null;
  return `Kernel panic - not syncing: Out of memory: ${panicOnOom === 2 ? "compulsory" : "system-wide"} panic_on_oom is enabled`;
}

/** Options of one global OOM. */
export interface OomOptions {
  /** the allocating task (current) */
  current?: OomTask;
  panicOnOom?: number;
  oomKillAllocatingTask?: boolean;
  sysrq?: boolean;
}

/**
 * One global out_of_memory(): current exiting → marked victim; panic_on_oom; the
 * allocating task if vm.oom_kill_allocating_task; else the scan and the kill.
 * @see mm/oom_kill.c out_of_memory
 */
export function outOfMemory(tasks: readonly OomTask[], totalpages: number, o: OomOptions = {}): OomKill & { panic?: string } {
  const cur = o.current;
  if (cur && taskWillFreeMem(tasks, cur)) {
    cur.oomVictim = true;
    return { killed: [], log: [] };
  }
  const panic = checkPanicOnOom(o.panicOnOom ?? 0, false, o.sysrq ?? false);
  if (panic) return { killed: [], log: [], panic };
  if (o.oomKillAllocatingTask && cur?.mm && !oomUnkillableTask(cur) && cur.oomScoreAdj !== OOM_SCORE_ADJ_MIN) {
    return oomKillProcess(tasks, cur, "Out of memory (oom_kill_allocating_task)");
  }
  const choice = selectBadProcess(tasks, totalpages, o.sysrq ?? false);
  if (choice.aborted) return { killed: [], log: [] };
  if (!choice.chosen) {
    const log = ["Out of memory and no killable processes..."];
    return o.sysrq ? { killed: [], log } : { killed: [], log, panic: "Kernel panic - not syncing: System is deadlocked on memory" };
  }
  return oomKillProcess(tasks, choice.chosen, "Out of memory");
}

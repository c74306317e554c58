/**
 * The OOM score: oom_badness, /proc/PID/oom_score and oom_adj  (mmkata kata "oom-score")
 *
 * Implement every function below: replace each `throw` with your code.
 *   npm test         runs the public tests (npm run test:watch re-runs them on save)
 *   npm run grade    grades your solution against the hidden suite
 */

import {
  OomTask,
  PAGE_SIZE,
  LONG_MIN,
  MM_SWAPENTS,
  OOM_SCORE_ADJ_MIN,
  OOM_SCORE_ADJ_MAX,
  OOM_DISABLE,
  OOM_ADJUST_MAX,
  getMmCounter,
  getMmRss,
  mmPgtablesBytes,
  oomUnkillableTask,
  findLockTaskMm,
} from "mmkata/kata";

/**
 * The OOM killer's badness of process `p` when `totalpages` pages may be allocated: LONG_MIN
 * for a task it must never pick (global init, kernel thread, no mm left, oom_score_adj
 * -1000, mm already reaped (mm.oomSkip), in vfork); else resident pages + swap entries +
 * page-table bytes / PAGE_SIZE, plus oom_score_adj × (totalpages / 1000) with the division
 * done first, in integers.
 *
 * @param p the process
 * @param totalpages pages the allocation may use (RAM + swap for a global OOM), ≥ 1
 * @returns points, or LONG_MIN
 * @see mm/oom_kill.c oom_badness
 */
export function oomBadness(p: OomTask, totalpages: number): number {
  throw new Error("oomBadness: not implemented yet");
}

/**
 * The number /proc/PID/oom_score shows: 0 when oomBadness() is LONG_MIN, else (1000 +
 * badness × 1000 / totalpages) × 2 / 3, every division truncating toward zero as C's signed
 * division does.
 *
 * @param p the process
 * @param totalpages totalram_pages + total_swap_pages, ≥ 1
 * @returns usually 0..1333
 * @see fs/proc/base.c proc_oom_score
 */
export function oomScoreProc(p: OomTask, totalpages: number): number {
  throw new Error("oomScoreProc: not implemented yet");
}

/**
 * The oom_score_adj a write of `oomAdj` (-17..15) to the legacy /proc/PID/oom_adj sets: 15
 * becomes 1000, anything else oomAdj × 1000 / 17 truncated toward zero (so -17 becomes
 * -1000).
 *
 * @param oomAdj -17..15 (the caller rejects anything else with -EINVAL)
 * @returns -1000..1000
 * @see fs/proc/base.c oom_adj_write
 */
export function oomAdjToScoreAdj(oomAdj: number): number {
  throw new Error("oomAdjToScoreAdj: not implemented yet");
}

/**
 * What reading the legacy /proc/PID/oom_adj shows for a process whose oom_score_adj is
 * `scoreAdj`: 1000 shows 15, anything else scoreAdj × 17 / 1000 truncated toward zero, and
 * never more than 15.
 *
 * @param scoreAdj -1000..1000
 * @returns -17..15
 * @see fs/proc/base.c oom_adj_read
 */
export function oomScoreAdjToOomAdj(scoreAdj: number): number {
  throw new Error("oomScoreAdjToOomAdj: not implemented yet");
}

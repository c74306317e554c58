/**
 * The OOM killer's score of a process: oom_badness(), the /proc/PID/oom_score value
 * derived from it, and the legacy /proc/PID/oom_adj scale mapped both ways. The kata
 * `oom-score` asks for exactly these functions, so this module holds nothing else.
 *
 *   badness = rss + swapents + pgtables_bytes / PAGE_SIZE  +  adj · ⌊totalpages / 1000⌋
 *   oom_score = (1000 + badness · 1000 / totalpages) · 2 / 3      (C signed division)
 *
 * Worked example: totalpages 1,000,000, a task with 200,000 resident pages,
 * no swap, 409,600 bytes of page tables (100 pages) and oom_score_adj 0 scores 200,100;
 * its oom_score is (1000 + 200) · 2 / 3 = 800. With oom_score_adj 500 it scores
 * 200,100 + 500 · 1000 = 700,100 and oom_score (1000 + 700) · 2 / 3 = 1133.
 *
 * Unkillable tasks (global init, kernel threads), tasks without an mm, tasks with
 * oom_score_adj -1000, an mm already reaped (MMF_OOM_SKIP) and vfork children score
 * LONG_MIN, which /proc shows as 0.
 *
 * Differences from Linux: values are JavaScript numbers, exact as long as
 * badness · 1000 < 2^53 (totalpages up to 2^40 pages); LONG_MIN is -2^63 exactly.
 */

import { PAGE_SIZE } from "../core/constants.js";
import {
  LONG_MIN,
  MM_SWAPENTS,
  OOM_ADJUST_MAX,
  OOM_DISABLE,
  OOM_SCORE_ADJ_MAX,
  OOM_SCORE_ADJ_MIN,
  findLockTaskMm,
  getMmCounter,
  getMmRss,
  mmPgtablesBytes,
  oomUnkillableTask,
  type OomTask,
} from "./task.js";

/** C integer division: truncate toward zero (and never -0: a C int has none). */
const cdiv = (a: number, b: number): number => Math.trunc(a / b) + 0;

/**
 * The badness of `p` when `totalpages` pages may be allocated (RAM + swap for a global
 * OOM): pages the process would free if killed, shifted by oom_score_adj in units of
 * totalpages/1000 (integer-divided first). LONG_MIN means "never pick this task".
 * @see mm/oom_kill.c oom_badness
 */
export function oomBadness(p: OomTask, totalpages: number): number {
  if (oomUnkillableTask(p)) return LONG_MIN;
  const t = findLockTaskMm(p);
  if (!t || !t.mm) return LONG_MIN;
  const adj = t.oomScoreAdj;
  if (adj === OOM_SCORE_ADJ_MIN || t.mm.oomSkip || t.inVfork) return LONG_MIN;
  const points = getMmRss(t.mm) + getMmCounter(t.mm, MM_SWAPENTS) + Math.floor(mmPgtablesBytes(t.mm) / PAGE_SIZE);
  return points + adj * Math.floor(totalpages / 1000);
}

/**
 * The number /proc/PID/oom_score shows: the badness scaled to 0..1000 of totalpages,
 * offset by 1000 and multiplied by 2/3 (so 0..1333 in the usual range); 0 for a task
 * oom_badness() skips. `totalpages` is the global one: totalram_pages + total_swap_pages.
 * @see fs/proc/base.c proc_oom_score
 */
export function oomScoreProc(p: OomTask, totalpages: number): number {
  const badness = oomBadness(p, totalpages);
  if (badness === LONG_MIN) return 0;
  return cdiv((1000 + cdiv(badness * 1000, totalpages)) * 2, 3);
}

/**
 * A value written to the legacy /proc/PID/oom_adj (-17..15) as the oom_score_adj it
 * sets: 15 → 1000 (so the maximum stays reachable), else oom_adj · 1000 / 17 truncated
 * (-17, OOM_DISABLE, → -1000). Throws RangeError outside -17..15 (the write's -EINVAL).
 * @see fs/proc/base.c oom_adj_write
 */
export function oomAdjToScoreAdj(oomAdj: number): number {
  if (!Number.isInteger(oomAdj) || oomAdj < OOM_DISABLE || oomAdj > OOM_ADJUST_MAX) {
    throw new RangeError(`oomAdjToScoreAdj: oom_adj must be an integer in -17..15, got ${String(oomAdj)}`);
  }
  if (oomAdj === OOM_ADJUST_MAX) return OOM_SCORE_ADJ_MAX;
  return cdiv(oomAdj * OOM_SCORE_ADJ_MAX, -OOM_DISABLE);
}

/**
 * What reading /proc/PID/oom_adj shows for an oom_score_adj: 1000 → 15, else
 * adj · 17 / 1000 truncated, capped at 15 (-1000 → -17).
 * @see fs/proc/base.c oom_adj_read
 */
export function oomScoreAdjToOomAdj(scoreAdj: number): number {
  if (scoreAdj === OOM_SCORE_ADJ_MAX) return OOM_ADJUST_MAX;
  return Math.min(cdiv(scoreAdj * -OOM_DISABLE, OOM_SCORE_ADJ_MAX), OOM_ADJUST_MAX);
}

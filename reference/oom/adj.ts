/**
 * Writing /proc/PID/oom_score_adj and the legacy /proc/PID/oom_adj: the permission rule
 * and who else gets the value. The value a legacy write sets comes from
 * oomAdjToScoreAdj() (badness.ts), which the caller applies first, so this module works
 * the same whether that mapping is the reference's or a learner's.
 *
 *   oom_score_adj write: below signal->oom_score_adj_min needs CAP_SYS_RESOURCE (EACCES);
 *                        a CAP_SYS_RESOURCE writer also moves oom_score_adj_min.
 *   oom_adj write:       below the current oom_score_adj needs CAP_SYS_RESOURCE (legacy
 *                        writes can never lower the value otherwise); never moves the min.
 *   Either way every other process sharing the mm (not a vfork child, not a kernel thread,
 *   not init) gets the same value.
 *
 * Differences from Linux: the mm is shared with other processes whenever another task
 * holds the same OomMm (Linux checks MMF_MULTIPROCESS first, which is an optimisation);
 * the caller's credentials are one flag; there is no "oom_adj is deprecated" warning.
 */

import { OOM_SCORE_ADJ_MAX, OOM_SCORE_ADJ_MIN, isGlobalInit, processSharesMm, type OomTask } from "./task.js";

export const EINVAL = -22;
export const EACCES = -13;

/**
 * Set `task`'s oom_score_adj to `value` as a write to oom_score_adj (`legacy` false) or,
 * already mapped, to oom_adj (`legacy` true) would; `tasks` is every process, for the
 * ones sharing its mm. Returns 0, EINVAL (value outside -1000..1000) or EACCES.
 * @see fs/proc/base.c __set_oom_adj
 */
export function setOomAdj(tasks: readonly OomTask[], task: OomTask, value: number, legacy: boolean, capSysResource: boolean): number {
  if (!Number.isInteger(value) || value < OOM_SCORE_ADJ_MIN || value > OOM_SCORE_ADJ_MAX) return EINVAL;
  const floor = legacy ? task.oomScoreAdj : task.oomScoreAdjMin;
  if (value < floor && !capSysResource) return EACCES;
  const moveMin = !legacy && capSysResource;
  const apply = (t: OomTask): void => {
    t.oomScoreAdj = value;
    if (moveMin) t.oomScoreAdjMin = value;
  };
  apply(task);
  const mm = task.inVfork ? null : task.mm;
  if (!mm) return 0;
  for (const p of tasks) {
    if (p === task || p.kthread || isGlobalInit(p)) continue;
    if (!p.inVfork && processSharesMm(p, mm)) apply(p);
  }
  return 0;
}

/** The errno a write returned, as the shell shows it. */
export function errnoName(err: number): string {
  if (err === 0) return "0";
  if (err === EINVAL) return "-EINVAL";
  if (err === EACCES) return "-EACCES";
  return String(err);
}

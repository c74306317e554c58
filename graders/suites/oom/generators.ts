/**
 * Seeded trace generators for the oom suite. Same seed, same traces.
 *
 *  - "oom-score": a machine's totalpages (a preset's managed pages plus 0, 2 or 8 GiB of
 *    swap, or a big server, or a tiny memcg-like limit near a multiple of 1000), a few
 *    processes in the setup, then spawns of realistic processes (RSS mostly anon, some
 *    file and shmem, swap entries, page-table bytes that are not page multiples, adj
 *    from the values people write: 0, ±1000, ±999, ±500, multiples of 100, random), reads
 *    of badness and /proc/PID/oom_score, counter changes, oom_score_adj and oom_adj
 *    writes with and without CAP_SYS_RESOURCE, oom_adj reads, direct mapping queries,
 *    and flag changes (kernel thread, exiting, vfork, MMF_OOM_SKIP, mm dropped).
 *    params.adjOnly: only the legacy mapping ops (no processes needed).
 *  - "overcommit": see overcommit-generators.ts.
 */

import { Rng } from "../../../reference/core/rng.js";
import { presets } from "../../../reference/machine.js";
import type { Op, TraceCase } from "../../runtime/protocol.js";
import type { OomSetup, OomTaskSetup } from "./binding.js";
import { overcommitTrace } from "./overcommit-generators.js";

export type Generator = (rng: Rng, nOps: number, params: Record<string, unknown>) => TraceCase;

const GIB = 262144; // pages

/** totalram_pages of each preset: the sum of its zones' managed pages. */
function presetRam(): number[] {
  return Object.values(presets).map((m) => m.nodes.flatMap((n) => n.zones).reduce((s, z) => s + (z.managedPages ?? z.presentPages ?? 0), 0));
}

/** totalpages for a global OOM (RAM + swap), or a small limit near a multiple of 1000. */
export function randomTotalpages(rng: Rng): number {
  switch (rng.weighted([50, 25, 25])) {
    case 0: return rng.pick(presetRam()) + rng.pick([0, 2 * GIB, 8 * GIB]);
    case 1: return rng.pick([16, 64, 256, 1024]) * GIB + rng.pick([0, 4 * GIB]);
    default: return rng.range(1, 20) * 1000 + rng.range(-3, 3) + (rng.chance(0.3) ? 999 : 0);
  }
}

const COMMS = ["systemd", "sshd", "postgres", "java", "chrome", "node", "redis-server", "stress", "kworker/0:1", "Xorg", "python3", "mysqld"];

function randomAdj(rng: Rng): number {
  switch (rng.weighted([40, 8, 8, 6, 6, 8, 12, 12])) {
    case 0: return 0;
    case 1: return -1000;
    case 2: return 1000;
    case 3: return -999;
    case 4: return 999;
    case 5: return rng.pick([-500, 500, 300, -300]);
    case 6: return rng.range(-10, 10) * 100;
    default: return rng.range(-1000, 1000);
  }
}

/** A process whose footprint is up to ~60% of totalpages, or tiny. */
export function randomTask(rng: Rng, pid: number, totalpages: number, others: readonly OomTaskSetup[], gone: ReadonlySet<number> = new Set()): OomTaskSetup {
  const scale = rng.chance(0.3) ? rng.range(0, 64) : rng.int(Math.max(1, Math.floor(totalpages * 0.6)));
  const t: OomTaskSetup = {
    pid,
    comm: rng.pick(COMMS),
    uid: rng.pick([0, 1000, 1001, 65534]),
    anon: rng.int(scale + 1),
    file: rng.int(1 + Math.floor(scale / 4)),
    shmem: rng.chance(0.3) ? rng.int(1 + Math.floor(scale / 8)) : 0,
    swap: rng.chance(0.4) ? rng.int(1 + Math.floor(scale / 2)) : 0,
    pgtablesBytes: Math.floor(scale / 512) * 4096 + (rng.chance(0.5) ? rng.int(4096) : 0) + rng.pick([0, 4096, 8192, 12288]),
    oomScoreAdj: randomAdj(rng),
  };
  const k = rng.weighted([82, 3, 3, 3, 3, 3, 3]);
  if (k === 1) t.kthread = true;
  else if (k === 2) t.inVfork = true;
  else if (k === 3) t.oomSkip = true;
  else if (k === 4) t.noMm = true;
  else if (k === 5) t.exiting = true;
  else if (k === 6) {
    const owners = others.filter((o) => !o.noMm && o.shareMmWith === undefined && !gone.has(o.pid));
    if (owners.length) t.shareMmWith = rng.pick(owners).pid;
  }
  if (t.oomScoreAdj! < 0 && rng.chance(0.5)) t.oomScoreAdjMin = t.oomScoreAdj;
  return t;
}

function legacyOp(rng: Rng): Op {
  if (rng.chance(0.5)) return { op: "toScoreAdj", value: rng.range(-17, 15) };
  return { op: "toOomAdj", value: rng.chance(0.3) ? rng.pick([-1000, 1000, 999, -999, 58, 59, -58, -59, 941, 0]) : rng.range(-1000, 1000) };
}

/** One op on a live process (`pid`). */
function taskOp(rng: Rng, pid: number, totalpages: number): Op {
  switch (rng.weighted([26, 20, 8, 10, 7, 7, 5, 3])) {
    case 0: return { op: "score", pid };
    case 1: return rng.chance(0.8) ? { op: "badness", pid } : { op: "badness", pid, totalpages: randomTotalpages(rng) };
    case 2: return { op: "counters", pid, anon: rng.int(1 + Math.floor(totalpages / 2)), swap: rng.int(1 + Math.floor(totalpages / 8)), pgtablesBytes: rng.int(1 << 24) };
    case 3: return { op: "writeAdj", pid, value: rng.chance(0.1) ? rng.pick([-1001, 1001]) : randomAdj(rng), cap: rng.chance(0.4) };
    case 4: return { op: "writeOomAdj", pid, value: rng.chance(0.1) ? rng.pick([-18, 16]) : rng.range(-17, 15), cap: rng.chance(0.4) };
    case 5: return { op: "readOomAdj", pid };
    case 6: return { op: "flag", pid, flag: rng.pick(["kthread", "exiting", "inVfork", "oomSkip", "oomVictim"]), value: rng.chance(0.5) };
    default: return { op: "exit", pid };
  }
}

function scoreTrace(rng: Rng, nOps: number, params: Record<string, unknown>): TraceCase {
  const totalpages = randomTotalpages(rng);
  const tasks: OomTaskSetup[] = [];
  if (params.adjOnly === true) {
    const ops: Op[] = [];
    for (let i = 0; i < nOps; i++) ops.push(legacyOp(rng));
    return { setup: { totalpages, tasks } satisfies OomSetup, ops };
  }
  tasks.push({ pid: 1, comm: "systemd", anon: rng.int(4096), file: rng.int(4096), pgtablesBytes: 65536 });
  let nextPid = rng.range(100, 3000);
  const live: number[] = [1];
  const gone = new Set<number>();
  const ops: Op[] = [];
  while (ops.length < nOps) {
    const k = rng.weighted([18, 74, 8]);
    if (k === 0 || live.length < 3) {
      const t = randomTask(rng, nextPid, totalpages, tasks, gone);
      nextPid += rng.range(1, 400);
      tasks.push(t);
      live.push(t.pid);
      ops.push({ op: "spawn", ...t });
    } else if (k === 1) {
      const op = taskOp(rng, rng.pick(live), totalpages);
      if (op.op === "exit") gone.add(op.pid as number);
      ops.push(op);
    }
    else ops.push(legacyOp(rng));
  }
  return { setup: { totalpages, tasks: tasks.slice(0, 1) } satisfies OomSetup, ops };
}

export const generators: Record<string, Generator> = {
  "oom-score": (rng, n, p) => scoreTrace(rng, n, p),
  overcommit: (rng, n, p) => overcommitTrace(rng, n, p),
};

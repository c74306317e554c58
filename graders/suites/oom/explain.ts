/**
 * Explaining an oom divergence to a person: the op in words (with the process it reads),
 * the value returned against the expected one (LONG_MIN by name), and which processes'
 * oom_score_adj, oom_score_adj_min or counters differ afterwards.
 */

import { LONG_MIN } from "../../../reference/oom/task.js";
import type { Observation, Op } from "../../runtime/protocol.js";
import type { OomSetup, OomTaskSetup } from "./binding.js";

const MAX_LINES = 10;

export interface Explanation {
  differences: string[];
  invariant?: string;
}

interface TaskSnap {
  pid: number;
  adj: number;
  adjMin: number;
  mm: number[] | null;
  flags: string[];
}

const LONG_MIN_TEXT = String(LONG_MIN);

/** A canonical result as a person reads it: LONG_MIN by name, strings unquoted. */
export function readable(r: string | undefined): string {
  if (r === undefined) return "nothing";
  if (r === LONG_MIN_TEXT) return "LONG_MIN (never chosen)";
  if (r.startsWith('"')) return JSON.parse(r) as string;
  return r;
}

function diffTask(e: TaskSnap, a: TaskSnap | undefined, out: string[]): void {
  if (!a) {
    out.push(`pid ${e.pid}: missing`);
    return;
  }
  if (e.adj !== a.adj) out.push(`pid ${e.pid}: oom_score_adj ${a.adj}, expected ${e.adj}`);
  if (e.adjMin !== a.adjMin) out.push(`pid ${e.pid}: oom_score_adj_min ${a.adjMin}, expected ${e.adjMin}`);
  if (JSON.stringify(e.mm) !== JSON.stringify(a.mm)) out.push(`pid ${e.pid}: mm counters ${JSON.stringify(a.mm)}, expected ${JSON.stringify(e.mm)}`);
  if (e.flags.join() !== a.flags.join()) out.push(`pid ${e.pid}: flags [${a.flags.join(", ")}], expected [${e.flags.join(", ")}]`);
}

/** Compare the expected and actual observation of the diverging op. */
export function explainOom(expected: Observation, actual: Observation): Explanation {
  const out: string[] = [];
  if (actual.e !== undefined) out.push(`threw ${actual.e}`);
  else if (expected.r !== actual.r) out.push(`returned ${readable(actual.r)}, expected ${readable(expected.r)}`);
  const es = expected.s as { tasks: TaskSnap[] } | undefined;
  const as = actual.s as { tasks: TaskSnap[] } | undefined;
  if (es && as) {
    const am = new Map(as.tasks.map((t) => [t.pid, t]));
    for (const t of es.tasks) diffTask(t, am.get(t.pid), out);
  }
  let invariant: string | undefined;
  if (as) {
    const bad = as.tasks.find((t) => t.adj < -1000 || t.adj > 1000 || !Number.isInteger(t.adj));
    if (bad) invariant = `pid ${bad.pid}: oom_score_adj ${bad.adj} is outside -1000..1000`;
  }
  const differences = out.length > MAX_LINES ? [...out.slice(0, MAX_LINES), `… and ${out.length - MAX_LINES} more differences`] : out;
  return { differences, invariant };
}

/** One op as a person reads it. */
export function describeOomOp(op: Op): string {
  const f = (k: string): string => String(op[k]);
  switch (op.op) {
    case "badness":
      return `oomBadness(pid ${f("pid")}, totalpages ${op.totalpages === undefined ? "of the setup" : f("totalpages")})`;
    case "score":
      return `read /proc/${f("pid")}/oom_score (oomScoreProc)`;
    case "toScoreAdj":
      return `oomAdjToScoreAdj(${f("value")})`;
    case "toOomAdj":
      return `oomScoreAdjToOomAdj(${f("value")})`;
    case "readOomAdj":
      return `read /proc/${f("pid")}/oom_adj (oomScoreAdjToOomAdj)`;
    case "writeAdj":
      return `echo ${f("value")} > /proc/${f("pid")}/oom_score_adj${op.cap === true ? " (with CAP_SYS_RESOURCE)" : ""}`;
    case "writeOomAdj":
      return `echo ${f("value")} > /proc/${f("pid")}/oom_adj${op.cap === true ? " (with CAP_SYS_RESOURCE)" : ""} (oomAdjToScoreAdj)`;
    case "spawn":
      return `spawn ${describeTask(op as unknown as OomTaskSetup)}`;
    case "counters":
      return `pid ${f("pid")} now has ${["file", "anon", "swap", "shmem", "pgtablesBytes"].filter((k) => op[k] !== undefined).map((k) => `${k} ${f(k)}`).join(", ")}`;
    case "flag":
      return `pid ${f("pid")}: ${f("flag")} = ${String(op.value === true)}`;
    case "exit":
      return `pid ${f("pid")} drops its mm (exit_mm)`;
    default:
      return JSON.stringify(op);
  }
}

/** "pid 7 (java) file 10 anon 200 swap 0 shmem 0 pgtables 8192 B adj 0 [kthread]" */
export function describeTask(t: OomTaskSetup): string {
  const flags = ["kthread", "exiting", "inVfork", "oomVictim", "oomOrigin", "oomSkip", "noMm"].filter((k) => (t as unknown as Record<string, unknown>)[k] === true);
  if (t.shareMmWith !== undefined) flags.push(`shares pid ${t.shareMmWith}'s mm`);
  const counters = t.noMm || t.shareMmWith !== undefined ? "" : ` file ${t.file ?? 0} anon ${t.anon ?? 0} swap ${t.swap ?? 0} shmem ${t.shmem ?? 0} pgtables ${t.pgtablesBytes ?? 0} B`;
  const adj = t.oomScoreAdjMin !== undefined ? ` adj ${t.oomScoreAdj ?? 0} (min ${t.oomScoreAdjMin})` : ` adj ${t.oomScoreAdj ?? 0}`;
  return `pid ${t.pid} (${t.comm ?? `task${t.pid}`})${counters}${adj}${flags.length ? ` [${flags.join(", ")}]` : ""}`;
}

/** The starting state: totalpages and one line per process. */
export function describeOomSetup(setup: unknown): string[] {
  const s = (setup ?? {}) as OomSetup;
  const n = (s.tasks ?? []).length;
  const lines = [`totalpages ${s.totalpages} (RAM + swap, in pages); ${n ? "processes in for_each_process order:" : "no processes"}`];
  for (const t of (s.tasks ?? []).slice(0, 12)) lines.push(`  ${describeTask(t)}`);
  if ((s.tasks ?? []).length > 12) lines.push(`  … and ${s.tasks.length - 12} more`);
  return lines;
}

/** An op's result as a person reads it. */
export function describeOomResult(op: Op, r: string): string {
  if (r.startsWith("threw ")) return r;
  if (r === "null") return "done";
  return readable(r);
}

/**
 * The reference's /proc/PID/oom_score against the real file: spawn a few
 * processes on the machine running the tests, each touching a known amount of
 * anonymous memory with a positive oom_score_adj, read their counters from
 * /proc/PID/status and compare proc_oom_score of the reference with
 * /proc/PID/oom_score. Skipped with the reason where /proc is not Linux's.
 *
 * One tolerance, from the kernel: oom_badness() reads the RSS counters with
 * get_mm_counter(), the per-CPU counters' approximate value, while
 * /proc/PID/status shows their exact sum (get_mm_counter_sum, 6.16+), so they
 * may differ by up to the counter batch per CPU for each counter. The test
 * accepts the real score only if it lies in the range the reference gives
 * over that skew, and that range is at most one point wide.
 */

import { describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { availableParallelism } from "node:os";
import { existsSync, readFileSync } from "node:fs";
import { newOomTask } from "../../reference/oom/task.js";
import { oomScoreProc } from "../../reference/oom/badness.js";
import { parseMeminfo } from "../../reference/fromproc/parse.js";

const why = process.platform !== "linux" ? `not Linux (${process.platform})` : !existsSync("/proc/self/oom_score") ? "no /proc/self/oom_score" : undefined;

/** A child touching `mib` MiB of anonymous memory with oom_score_adj `adj`; resolves once it has. */
function toucher(mib: number, adj: number): Promise<ChildProcess> {
  const code = `require("fs").writeFileSync("/proc/self/oom_score_adj", "${adj}");
    globalThis.keep = Buffer.alloc(${mib} * 1048576, 1);
    process.stdout.write("ready\\n"); process.stdin.resume();`;
  const child = spawn(process.execPath, ["-e", code], { stdio: ["pipe", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.stdout!.once("data", () => resolve(child));
    child.once("exit", (c) => reject(new Error(`toucher exited with ${c}`)));
  });
}

/** The counters /proc/PID/status shows, in pages and bytes. */
function statusCounters(pid: number) {
  const text = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB$`, "m").exec(text)?.[1] ?? NaN);
  return { anon: kb("RssAnon") / 4, file: kb("RssFile") / 4, shmem: kb("RssShmem") / 4, swap: kb("VmSwap") / 4, pgtablesBytes: kb("VmPTE") * 1024 };
}

describe("/proc/PID/oom_score of real processes", () => {
  it.skipIf(why !== undefined)(`matches the reference's proc_oom_score${why ? ` (skipped: ${why})` : ""}`, async () => {
    const info = parseMeminfo(readFileSync("/proc/meminfo", "utf8"));
    const totalpages = info.get("MemTotal")! / 4 + info.get("SwapTotal")! / 4;
    const skew = 32 * availableParallelism() * 3;
    const children = await Promise.all([toucher(64, 100), toucher(128, 500), toucher(256, 900)]);
    try {
      for (const [i, child] of children.entries()) {
        const c = statusCounters(child.pid!);
        const real = Number(readFileSync(`/proc/${child.pid}/oom_score`, "utf8"));
        const adj = [100, 500, 900][i]!;
        const score = (anon: number) => oomScoreProc(newOomTask({ pid: child.pid!, ...c, anon: Math.max(0, anon), oomScoreAdj: adj }), totalpages);
        const lo = score(c.anon - skew);
        const hi = score(c.anon + skew);
        expect(c.anon, "the child touched its memory").toBeGreaterThan([64, 128, 256][i]! * 256);
        expect(hi - lo, "the skew moves the score by at most one point").toBeLessThanOrEqual(1);
        expect(real, `pid ${child.pid}: RssAnon ${c.anon} pages, adj ${adj}, totalpages ${totalpages}`).toBeGreaterThanOrEqual(lo);
        expect(real).toBeLessThanOrEqual(hi);
      }
    } finally {
      for (const c of children) c.kill("SIGKILL");
    }
  });
});

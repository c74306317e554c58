/**
 * The reference buddy allocator against its C twin (test/bench/c/buddy.c) on
 * the same trace: a 4 GiB zone (2^20 pages, all free at boot in order-10
 * blocks), 2 million seeded alloc/free ops with orders 0-3 heavy. Both print a
 * checksum of every allocated pfn; they must agree, or the comparison is void.
 *
 *   node test/bench/twin.mjs [--ops N] [--seed N]   (build first: npx tsc -p tsconfig.build.json)
 *
 * `benchTwin()` returns { ops, jsOpsPerSec, cOpsPerSec, ratio, checksum } or
 * { skipped: reason } where no C compiler is found.
 */

import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";

const ORDER_WEIGHTS = [50, 20, 15, 10, 1, 1, 1, 0.5, 0.5, 0.5, 0.5];
const MAX_LIVE = 20000;
const PAGES = 1 << 20;
const TMP = fileURLToPath(new URL("../../.mmkata-tmp/", import.meta.url));

function makeTrace(R, seed, ops) {
  const rng = new R.Rng(seed);
  const trace = new Uint32Array(ops * 2);
  for (let i = 0; i < ops; i++) {
    trace[2 * i] = (rng.int(0x40000000) * 4 + rng.int(4)) >>> 0;
    trace[2 * i + 1] = rng.weighted(ORDER_WEIGHTS);
  }
  return trace;
}

/** FNV-1a-like fold of allocated pfns, exactly as buddy.c computes it. */
function fold(sum, pfn) {
  return Math.imul((sum ^ (pfn + 1)) >>> 0, 16777619) >>> 0;
}

function runJs(R, trace) {
  const zone = new R.Zone({ name: "Normal", zoneStartPfn: 0, spannedPages: PAGES });
  R.zoneInitFree(zone);
  const livePfn = new Int32Array(MAX_LIVE);
  const liveOrder = new Uint8Array(MAX_LIVE);
  let live = 0, sum = 2166136261, failed = 0;
  const mt = R.MIGRATE_MOVABLE;
  const t0 = performance.now();
  for (let i = 0; i < trace.length; i += 2) {
    const u = trace[i], order = trace[i + 1];
    if (live === 0 || (live < MAX_LIVE && (u & 1))) {
      const pfn = R.rmqueueSmallest(zone, order, mt);
      sum = fold(sum, pfn);
      if (pfn < 0) { failed++; continue; }
      livePfn[live] = pfn; liveOrder[live] = order; live++;
    } else {
      const k = (u >>> 1) % live;
      R.freeOnePage(zone, livePfn[k], liveOrder[k], mt);
      live--; livePfn[k] = livePfn[live]; liveOrder[k] = liveOrder[live];
    }
  }
  return { ms: performance.now() - t0, checksum: sum, failed, freePages: zone.nrFreePages };
}

function runC(trace) {
  const cc = ["cc", "gcc"].find((c) => spawnSync(c, ["--version"]).status === 0);
  if (!cc) return { skipped: "no C compiler (cc/gcc) on PATH" };
  mkdirSync(TMP, { recursive: true });
  const bin = `${TMP}buddy-twin`;
  execFileSync(cc, ["-O2", "-o", bin, fileURLToPath(new URL("./c/buddy.c", import.meta.url))]);
  const file = `${TMP}buddy-trace.bin`;
  writeFileSync(file, Buffer.from(trace.buffer));
  return JSON.parse(execFileSync(bin, [String(PAGES), file], { encoding: "utf8" }));
}

export async function benchTwin({ ops = 2_000_000, seed = 42 } = {}) {
  const R = await import(new URL("../../dist/reference/index.js", import.meta.url).href);
  const trace = makeTrace(R, seed, ops);
  runJs(R, makeTrace(R, seed + 1, 200_000)); // warm-up on another trace
  const js = runJs(R, trace);
  const c = runC(trace);
  if (c.skipped) return { ops, jsOpsPerSec: Math.round((ops * 1000) / js.ms), skipped: c.skipped };
  if (c.checksum !== js.checksum || c.freePages !== js.freePages) {
    throw new Error(`benchTwin: the C twin diverged (checksum ${c.checksum} vs ${js.checksum}, free ${c.freePages} vs ${js.freePages})`);
  }
  const jsOpsPerSec = Math.round((ops * 1000) / js.ms);
  const cOpsPerSec = Math.round((ops * 1000) / c.ms);
  return { ops, seed, checksum: js.checksum, failed: js.failed, jsOpsPerSec, cOpsPerSec, ratio: +(cOpsPerSec / jsOpsPerSec).toFixed(2) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const arg = (k) => { const i = process.argv.indexOf(k); return i > 0 ? Number(process.argv[i + 1]) : undefined; };
  console.log(await benchTwin({ ops: arg("--ops"), seed: arg("--seed") }));
}

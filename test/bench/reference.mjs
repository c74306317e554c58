/**
 * Benchmark of the reference buddy allocator, run against the compiled output
 * (build first: `npx tsc -p tsconfig.build.json`).
 *
 *   node test/bench/reference.mjs [--seed N] [--ms N] [--preset NAME]
 *
 * Measures: boot time of a preset machine (bootMachine: memmap init plus
 * memblock freeing every managed page), and alloc+free throughput of
 * rmqueueSmallest + free_one_page (split_large_buddy) on the booted machine,
 * with a seeded mix of orders (0-3 heavy) over at least `ms` milliseconds.
 * Allocations try the zones highest first (Normal, DMA32, DMA) as a zonelist
 * would. One op is one allocation or one free.
 *
 * `benchReference(options)` returns the numbers as an object for a bench
 * runner; run directly, the file prints them as a table.
 */

import { existsSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";

const DIST = new URL("../../dist/reference/index.js", import.meta.url);

/** Order weights: 0..3 carry 95% of requests, 4..10 share the rest. */
const ORDER_WEIGHTS = [50, 20, 15, 10, 1, 1, 1, 0.5, 0.5, 0.5, 0.5];
/** Most blocks held at once: allocation pressure without running the machine dry. */
const MAX_LIVE = 20000;

async function loadReference() {
  if (!existsSync(fileURLToPath(DIST))) {
    throw new Error(`benchReference: ${fileURLToPath(DIST)} is missing; run \`npx tsc -p tsconfig.build.json\` first`);
  }
  return import(DIST.href);
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeBoots(R, preset, runs) {
  const times = [];
  let machine;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    machine = R.bootMachine(R.presets[preset]);
    times.push(performance.now() - t0);
  }
  return { machine, bootMsMin: Math.min(...times), bootMsMedian: median(times) };
}

/** Allocate from the highest zone that can serve the request; null if none. */
function allocate(R, zones, order, mt) {
  for (const zone of zones) {
    const pfn = R.rmqueueSmallest(zone, order, mt);
    if (pfn >= 0) return { zone, pfn, order };
  }
  return null;
}

function release(R, block) {
  R.splitLargeBuddy(block.zone, block.pfn, block.order, R.FPI_NONE);
}

/** One timed churn loop: returns op counts and elapsed time. */
function churn(R, machine, seed, minMs) {
  const rng = new R.Rng(seed);
  const zones = [...machine.zones].reverse();
  const live = [];
  const counts = { allocs: 0, frees: 0, failed: 0, pagesAllocated: 0 };
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 4096; i++) {
      const doAlloc = live.length === 0 || (live.length < MAX_LIVE && rng.chance(0.5));
      if (doAlloc) {
        const order = rng.weighted(ORDER_WEIGHTS);
        const block = allocate(R, zones, order, R.MIGRATE_MOVABLE);
        if (block) {
          live.push(block);
          counts.allocs++;
          counts.pagesAllocated += 1 << order;
        } else counts.failed++;
      } else {
        const k = rng.int(live.length);
        const block = live[k];
        live[k] = live[live.length - 1];
        live.pop();
        release(R, block);
        counts.frees++;
      }
    }
    elapsed = performance.now() - t0;
  }
  for (const block of live) release(R, block);
  return { ...counts, elapsedMs: elapsed };
}

/**
 * Run the benchmark. Options: seed (default 42), minMs (default 1000),
 * preset (default "laptop-4g"), bootRuns (default 5).
 * Returns { preset, seed, bootMsMin, bootMsMedian, managedPages, ops, opsPerSec,
 * allocs, frees, failedAllocs, pagesAllocated, elapsedMs, restored }.
 */
export async function benchReference(options = {}) {
  const { seed = 42, minMs = 1000, preset = "laptop-4g", bootRuns = 5 } = options;
  const R = await loadReference();
  const { machine, bootMsMin, bootMsMedian } = timeBoots(R, preset, bootRuns);
  const managedPages = machine.zones.reduce((n, z) => n + z.managedPages, 0);
  const run = churn(R, machine, seed, minMs);
  const ops = run.allocs + run.frees;
  const restored = machine.zones.every((z) => z.nrFreePages === z.managedPages);
  return {
    preset, seed, bootMsMin, bootMsMedian, managedPages,
    ops, opsPerSec: Math.round((ops * 1000) / run.elapsedMs),
    allocs: run.allocs, frees: run.frees, failedAllocs: run.failed, pagesAllocated: run.pagesAllocated,
    elapsedMs: run.elapsedMs, restored,
  };
}

function printTable(r) {
  const rows = [
    ["preset", r.preset],
    ["seed", String(r.seed)],
    ["managed pages", String(r.managedPages)],
    ["boot (min)", `${r.bootMsMin.toFixed(1)} ms`],
    ["boot (median)", `${r.bootMsMedian.toFixed(1)} ms`],
    ["alloc+free ops", String(r.ops)],
    ["  allocs / frees / failed", `${r.allocs} / ${r.frees} / ${r.failedAllocs}`],
    ["elapsed", `${r.elapsedMs.toFixed(0)} ms`],
    ["throughput", `${r.opsPerSec.toLocaleString("en-US")} ops/s`],
    ["free pages restored", r.restored ? "yes" : "NO"],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  console.log("mmkata reference benchmark: buddy allocator");
  for (const [k, v] of rows) console.log(`  ${k.padEnd(w)}  ${v}`);
}

function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === "--seed") opts.seed = Number(value);
    else if (flag === "--ms") opts.minMs = Number(value);
    else if (flag === "--preset") opts.preset = value;
    else throw new Error(`unknown option ${flag}`);
  }
  return opts;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchReference(parseArgs(process.argv.slice(2)))
    .then(printTable)
    .catch((err) => {
      console.error(err.message);
      process.exitCode = 1;
    });
}

/**
 * The reference's page-table walker (reference/pgtable/walk.ts) against its
 * C twin (test/bench/c/walk.c) on the same trace: 4-level tables mapping
 * 32 MiB of 4 KiB pages (some read-only, NX or with a write-disabled
 * protection key), 256 MiB of 2 MiB pages, a 1 GiB page and a kernel-only
 * range, plus one PMD with a reserved bit set; 1 million seeded accesses
 * (reads, writes, fetches, user and kernel; 10% unmapped or non-canonical).
 * Both fold every result into a checksum that must agree. Every access is a
 * full walk: there is no TLB in front (a cold TLB).
 *
 *   node test/bench/walk.mjs   (build first: npx tsc -p tsconfig.build.json)
 */

import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";

const TMP = fileURLToPath(new URL("../../.mmkata-tmp/", import.meta.url));
const PKRU = 0b1000; // key 1: write-disabled

function buildTables(R) {
  const mem = new R.PhysMem({ zoneStartPfn: 0, spannedPages: 1 << 16 });
  const cr3 = R.newPageTable(mem, 4);
  const P = R._PAGE_PRESENT, U = R._PAGE_USER, W = R._PAGE_RW;
  for (let i = 0; i < 8192; i++) {
    let flags = P | U | (i % 7 === 0 ? 0n : W) | (i % 5 === 0 ? R._PAGE_NX : 0n);
    if (i % 11 === 0) flags |= 1n << 59n; // protection key 1
    R.mapPage(mem, cr3, 4, 0x7f0000000000n + BigInt(i) * 4096n, 0x100000000n + BigInt(i) * 4096n, 1, flags);
  }
  for (let i = 0; i < 128; i++) R.mapPage(mem, cr3, 4, 0x7e0000000000n + BigInt(i) * 0x200000n, 0x200000000n + BigInt(i) * 0x200000n, 2, P | U | W | (i % 3 === 0 ? R._PAGE_NX : 0n));
  R.mapPage(mem, cr3, 4, 0x7c0000000000n, 0x400000000n, 3, P | U | W);
  for (let i = 0; i < 8; i++) R.mapPage(mem, cr3, 4, 0xffff888000000000n + BigInt(i) * 0x200000n, BigInt(i) * 0x200000n, 2, P | W | R._PAGE_GLOBAL);
  const [pfn, idx] = R.entrySlot(mem, cr3, 4, 0x7e0000000000n + 5n * 0x200000n, 2);
  R.writeEntry(mem, pfn, idx, R.readEntry(mem, pfn, idx) | (1n << 13n)); // reserved bit in a 2 MiB leaf
  return { mem, cr3 };
}

function makeTrace(R, seed, n) {
  const rng = new R.Rng(seed);
  const trace = new BigUint64Array(n * 2);
  const pick = [
    () => 0x7f0000000000n + BigInt(rng.int(8192 * 4096)),
    () => 0x7e0000000000n + BigInt(rng.int(128 * 0x200000)),
    () => 0x7c0000000000n + BigInt(rng.int(0x40000000)),
    () => 0xffff888000000000n + BigInt(rng.int(8 * 0x200000)),
    () => BigInt(rng.int(0x40000000)) * 4096n, // mostly unmapped
    () => 0x0000900000000000n + BigInt(rng.int(4096)), // non-canonical
  ];
  for (let i = 0; i < n; i++) {
    trace[2 * i] = pick[rng.weighted([45, 25, 10, 10, 7, 3])]();
    const write = rng.chance(0.3), fetch = !write && rng.chance(0.1);
    trace[2 * i + 1] = BigInt((write ? 1 : 0) | (rng.chance(0.85) ? 2 : 0) | (fetch ? 4 : 0));
  }
  return trace;
}

const fold = (s, v) => Math.imul((s ^ v) >>> 0, 16777619) >>> 0;

function runJs(R, { mem, cr3 }, trace) {
  const regs = new R.MmuRegs(cr3, false, PKRU);
  const acc = [0, 1, 2, 3, 4, 5, 6, 7].map((a) => (a & 1 && a & 4 ? null : new R.Access(!!(a & 1), !!(a & 2), !!(a & 4))));
  let sum = 2166136261;
  const t0 = performance.now();
  for (let i = 0; i < trace.length; i += 2) {
    const r = R.walk(mem, regs, trace[i], acc[Number(trace[i + 1])]);
    const v = r.kind === "ok" ? r.pa : BigInt(r.errorCode);
    sum = fold(sum, r.kind === "ok" ? 0 : r.kind === "pf" ? 1 : 2);
    sum = fold(sum, Number(v & 0xffffffffn));
    sum = fold(sum, Number(v >> 32n));
  }
  return { ms: performance.now() - t0, checksum: sum };
}

function writeImage(mem, file) {
  const recs = [...mem.tableLevel.keys()].sort((a, b) => a - b);
  const buf = new BigUint64Array(recs.length * 513);
  recs.forEach((pfn, r) => {
    buf[r * 513] = BigInt(pfn);
    const page = mem.pages.get(pfn);
    if (page) buf.set(page, r * 513 + 1);
  });
  writeFileSync(file, Buffer.from(buf.buffer));
}

/** { walks, jsWalksPerSec, cWalksPerSec, ratio } or { skipped } without a C compiler. */
export async function benchWalk({ n = 1_000_000, seed = 42 } = {}) {
  const R = await import(new URL("../../dist/reference/index.js", import.meta.url).href);
  const trace = makeTrace(R, seed, n);
  runJs(R, buildTables(R), makeTrace(R, seed + 1, 100_000)); // warm-up
  const tables = buildTables(R);
  mkdirSync(TMP, { recursive: true });
  writeImage(tables.mem, `${TMP}walk-image.bin`); // before the JS run: both start from the same A/D bits
  writeFileSync(`${TMP}walk-trace.bin`, Buffer.from(trace.buffer));
  const js = runJs(R, tables, trace);
  const jsWalksPerSec = Math.round((n * 1000) / js.ms);
  const cc = ["cc", "gcc"].find((c) => spawnSync(c, ["--version"]).status === 0);
  if (!cc) return { walks: n, jsWalksPerSec, skipped: "no C compiler (cc/gcc) on PATH" };
  execFileSync(cc, ["-O2", "-o", `${TMP}walk-twin`, fileURLToPath(new URL("./c/walk.c", import.meta.url))]);
  const c = JSON.parse(execFileSync(`${TMP}walk-twin`, [`${TMP}walk-image.bin`, `${TMP}walk-trace.bin`, `0x${tables.cr3.toString(16)}`, String(PKRU)], { encoding: "utf8" }));
  if (c.checksum !== js.checksum) throw new Error(`benchWalk: the C twin diverged (checksum ${c.checksum} vs ${js.checksum})`);
  const cWalksPerSec = Math.round((n * 1000) / c.ms);
  return { walks: n, seed, outcomes: { ok: c.ok, pf: c.pf, gp: c.gp }, jsWalksPerSec, cWalksPerSec, ratio: +(cWalksPerSec / jsWalksPerSec).toFixed(1) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) console.log(await benchWalk());

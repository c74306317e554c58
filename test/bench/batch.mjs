// Batch-grading benchmark: submissions per minute for `mmkata grade-batch` on
// 100 generated buddy-coalesce submissions — 40 correct (folders, zips,
// tarballs), 30 buggy (the mutants), 15 that do not compile or load, 15
// hostile (throw, exit, loop forever, bomb the heap) — every hidden case,
// --jobs 2, --timeout-ms 2000, run through the built CLI (dist/). Exports
// benchBatch(); `node test/bench/batch.mjs` runs it alone.
import { spawnSync } from "node:child_process";
import { cpSync, createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as tar from "tar";
import yazl from "yazl";

const KIT = fileURLToPath(new URL("../..", import.meta.url));
const FIX = join(KIT, "test/fixtures");
const BROKEN = ["compile-error", "throws-at-load", "wrong-export", "imports-reference", "imports-outside"];
const HOSTILE = ["throws-42", "process-exit", "loop-sync", "heap-bomb", "read-absolute", "net-fetch", "patch-math-random", "forge-answer"];

function zipOf(file, name, data) {
  const z = new yazl.ZipFile();
  z.addBuffer(data, name);
  z.end();
  return new Promise((res, rej) => z.outputStream.pipe(createWriteStream(file)).on("close", res).on("error", rej));
}

function folder(dir, source) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "solution.ts"), source);
}

/** Fill dir with the 100 submissions; returns the mix. */
export async function makeCohort(dir) {
  const proof = readFileSync(join(FIX, "solutions/buddy-coalesce/solution.ts"));
  const mutants = readdirSync(join(FIX, "mutants/buddy-coalesce")).filter((f) => f.endsWith(".ts")).sort();
  const pad = (i) => String(i).padStart(3, "0");
  for (let i = 0; i < 40; i++) {
    if (i % 4 === 1) await zipOf(join(dir, `ok-${pad(i)}.zip`), "solution.ts", proof);
    else if (i % 4 === 2) {
      folder(join(dir, ".stage", pad(i)), proof);
      await tar.c({ gzip: true, file: join(dir, `ok-${pad(i)}.tgz`), cwd: join(dir, ".stage", pad(i)), portable: true }, ["solution.ts"]);
    } else folder(join(dir, `ok-${pad(i)}`), proof);
  }
  for (let i = 0; i < 30; i++) folder(join(dir, `bug-${pad(i)}`), readFileSync(join(FIX, "mutants/buddy-coalesce", mutants[i % mutants.length])));
  for (let i = 0; i < 15; i++) folder(join(dir, `broken-${pad(i)}`), readFileSync(join(FIX, "broken", BROKEN[i % BROKEN.length], "solution.ts")));
  for (let i = 0; i < 15; i++) cpSync(join(FIX, "hostile", HOSTILE[i % HOSTILE.length]), join(dir, `hostile-${pad(i)}`), { recursive: true });
  rmSync(join(dir, ".stage"), { recursive: true, force: true });
  return { correct: 40, buggy: 30, broken: 15, hostile: 15 };
}

/** Grade the cohort once; submissions per minute and the status counts. */
export async function benchBatch() {
  const tmp = mkdtempSync(join(tmpdir(), "mmkata-bench-batch-"));
  try {
    const mix = await makeCohort(join(tmp, "subs"));
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [join(KIT, "bin/mmkata.js"), "grade-batch", join(tmp, "subs"), "--exercise", "buddy-coalesce", "--jobs", "2", "--timeout-ms", "2000", "--no-progress", "--out", join(tmp, "out")], { encoding: "utf8" });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`grade-batch exited ${r.status}: ${r.stderr}`);
    const summary = JSON.parse(readFileSync(join(tmp, "out/summary.json"), "utf8"));
    return { submissions: summary.submissions, seconds: Math.round(ms / 100) / 10, perMinute: Math.round((summary.submissions / ms) * 60_000 * 10) / 10, byStatus: summary.byStatus, mix };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await benchBatch(), null, 2));

// `npm run bench`: every benchmark, one table. Speed targets live here, never
// in timed unit tests. Results are written to .mmkata-tmp/bench.json as well.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { benchReference } from "./reference.mjs";
import { benchGrading, benchSandbox } from "./grading.mjs";
import { benchBatch } from "./batch.mjs";
import { benchTwin } from "./twin.mjs";
import { benchWalk } from "./walk.mjs";
import { benchMachine64 } from "./machine64.mjs";

const ref = await benchReference({});
const g = await benchGrading(3);
const sb = await benchSandbox(3);
const batch = await benchBatch();
const twin = await benchTwin();
const walk = await benchWalk();
const m64 = benchMachine64();
const perSec = (n) => `${n.toLocaleString("en-US")}/s`;
const vsC = (r, js, c) => (r.skipped ? `${perSec(js)} (C twin skipped: ${r.skipped})` : `${perSec(js)} vs C ${perSec(c)} (C ${r.ratio}× faster)`);
const rows = [
  ["machine", `${cpus().length} cores, Node ${process.versions.node}`],
  ["reference: boot laptop-4g (median)", `${ref.bootMsMedian.toFixed(1)} ms`],
  ["reference: alloc+free throughput", `${Math.round(ref.opsPerSec).toLocaleString("en-US")} ops/s`],
  ["grade buddy-coalesce (proof solution)", `${g.gradeMs} ms for ${g.checkedOps.toLocaleString("en-US")} checked ops (score ${g.score})`],
  ["vitest run of its public test file", `${g.vitestMs} ms`],
  ["ratio grade / vitest (target <= 0.5)", `${g.ratio}${g.ratio <= 0.5 ? "" : "  ABOVE TARGET"}`],
  ...Object.entries(sb).map(([k, v]) => [`sandbox: ${k}`, String(v)]),
  ["grade-batch: 100 mixed submissions, --jobs 2", `${batch.perMinute} submissions/min (${batch.seconds} s)`],
  ["buddy alloc/free, one 4 GiB zone, same trace as C", vsC(twin, twin.jsOpsPerSec, twin.cOpsPerSec)],
  ["page-table walks (no TLB), same trace as C", vsC(walk, walk.jsWalksPerSec, walk.cWalksPerSec)],
  ["64 GiB machine: boot + /proc/buddyinfo (target < 2 s, < 1 GiB)", `${m64.ms} ms, peak RSS ${m64.maxRssMiB} MiB (node alone ${m64.baselineMiB} MiB)`],
];
const w = Math.max(...rows.map((r) => r[0].length));
for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
mkdirSync(new URL("../../.mmkata-tmp", import.meta.url), { recursive: true });
writeFileSync(new URL("../../.mmkata-tmp/bench.json", import.meta.url), JSON.stringify({ reference: ref, grading: g, sandbox: sb, batch, twin, walk, machine64: m64 }, null, 2));

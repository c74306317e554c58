// `npm run bench`: every benchmark, one table. Speed targets live here, never
// in timed unit tests. Results are written to .mmkata-tmp/bench.json as well.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { benchReference } from "./reference.mjs";
import { benchGrading, benchSandbox } from "./grading.mjs";
import { benchBatch } from "./batch.mjs";

const ref = await benchReference({});
const g = await benchGrading(3);
const sb = await benchSandbox(3);
const batch = await benchBatch();
const rows = [
  ["machine", `${cpus().length} cores, Node ${process.versions.node}`],
  ["reference: boot laptop-4g (median)", `${ref.bootMsMedian.toFixed(1)} ms`],
  ["reference: alloc+free throughput", `${Math.round(ref.opsPerSec).toLocaleString("en-US")} ops/s`],
  ["grade buddy-coalesce (proof solution)", `${g.gradeMs} ms for ${g.checkedOps.toLocaleString("en-US")} checked ops (score ${g.score})`],
  ["vitest run of its public test file", `${g.vitestMs} ms`],
  ["ratio grade / vitest (target <= 0.5)", `${g.ratio}${g.ratio <= 0.5 ? "" : "  ABOVE TARGET"}`],
  ...Object.entries(sb).map(([k, v]) => [`sandbox: ${k}`, String(v)]),
  ["grade-batch: 100 mixed submissions, --jobs 2", `${batch.perMinute} submissions/min (${batch.seconds} s)`],
];
const w = Math.max(...rows.map((r) => r[0].length));
for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
mkdirSync(new URL("../../.mmkata-tmp", import.meta.url), { recursive: true });
writeFileSync(new URL("../../.mmkata-tmp/bench.json", import.meta.url), JSON.stringify({ reference: ref, grading: g, sandbox: sb, batch }, null, 2));

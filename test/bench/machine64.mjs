/**
 * A 64 GiB machine (16.7 M pages: DMA and DMA32 with the PCI hole, Normal
 * above 4 GiB) booted and rendered to /proc/buddyinfo, in a fresh child
 * process so its peak resident memory (maxRSS) is the machine's own cost.
 * Target (issue 4): under 2 s and under 1 GiB.
 *
 *   node test/bench/machine64.mjs   (build first: npx tsc -p tsconfig.build.json)
 */

import { execFileSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";

const GiB = 262144; // pages
const normalPages = 64 * GiB - (3998 + (0xc0000 - 0x1000));

const config = {
  name: "server-64g",
  nodes: [{
    nid: 0,
    zones: [
      { type: "DMA", zoneStartPfn: 1, spannedPages: 4095, memory: [{ start: 1, end: 0x9f }, { start: 0x100, end: 0x1000 }] },
      { type: "DMA32", zoneStartPfn: 0x1000, spannedPages: 0x100000 - 0x1000, memory: [{ start: 0x1000, end: 0xc0000 }] },
      { type: "Normal", zoneStartPfn: 0x100000, spannedPages: normalPages },
    ],
  }],
};

async function child() {
  const R = await import(new URL("../../dist/reference/index.js", import.meta.url).href);
  const t0 = performance.now();
  const machine = R.bootMachine(config);
  const text = R.renderBuddyinfo(machine.zones);
  const ms = performance.now() - t0;
  const pages = machine.zones.reduce((n, z) => n + z.presentPages, 0);
  console.log(JSON.stringify({ ms, pages, maxRssMiB: process.resourceUsage().maxRSS / 1024, lines: text.split("\n").length - 1 }));
}

/** Boot + render in a fresh process; returns { ms, pages, maxRssMiB, baselineMiB }. */
export function benchMachine64() {
  const self = fileURLToPath(import.meta.url);
  const run = (args) => JSON.parse(execFileSync(process.execPath, args, { encoding: "utf8" }).trim().split("\n").at(-1));
  const baseline = run(["-e", `console.log(JSON.stringify({ maxRssMiB: process.resourceUsage().maxRSS / 1024 }))`]);
  const r = run([self, "--child"]);
  return { ms: Math.round(r.ms), pages: r.pages, maxRssMiB: Math.round(r.maxRssMiB), baselineMiB: Math.round(baseline.maxRssMiB) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  if (process.argv.includes("--child")) await child();
  else console.log(benchMachine64());
}

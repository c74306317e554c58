/**
 * Reading a /proc snapshot for the from-/proc tests: a committed fixture
 * folder (test/fixtures/proc/<box>/) or the live files of the machine the
 * tests run on.
 */

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ProcSnapshot } from "../../reference/fromproc/machine.js";
import { parseBuddyinfo, parseZoneinfo } from "../../reference/fromproc/parse.js";

export interface BoxFiles extends ProcSnapshot {
  meminfo: string;
  overcommitRatio: number;
  overcommitKbytes: number;
}

/** A fixture folder: zoneinfo, buddyinfo, iomem, meminfo and sysctl-vm.tsv (name<TAB>values). */
export function readFixture(dir: string): BoxFiles {
  const read = (f: string) => readFileSync(join(dir, f), "utf8");
  const sysctl = new Map(read("sysctl-vm.tsv").trim().split("\n").map((l) => {
    const [k, ...v] = l.split("\t");
    return [k!, v.map(Number)] as const;
  }));
  const one = (k: string) => sysctl.get(k)![0]!;
  return {
    zoneinfo: read("zoneinfo"), buddyinfo: read("buddyinfo"), iomem: read("iomem"), meminfo: read("meminfo"),
    minFreeKbytes: one("min_free_kbytes"), watermarkScaleFactor: one("watermark_scale_factor"),
    lowmemReserveRatio: sysctl.get("lowmem_reserve_ratio")!, overcommitRatio: one("overcommit_ratio"), overcommitKbytes: one("overcommit_kbytes"),
  };
}

/** Why the live /proc cannot be used here, or undefined if it can. */
export function liveProcUnusable(): string | undefined {
  if (process.platform !== "linux") return `not Linux (${process.platform})`;
  for (const f of ["/proc/zoneinfo", "/proc/buddyinfo", "/proc/iomem", "/proc/meminfo", "/proc/sys/vm/min_free_kbytes"]) {
    if (!existsSync(f)) return `${f} does not exist`;
  }
  const zi = readFileSync("/proc/zoneinfo", "utf8");
  if (!/^        promo /m.test(zi)) return "zoneinfo has no promo watermark (Linux < 6.1)";
  if (/^0+-0+ : System RAM$/m.test(readFileSync("/proc/iomem", "utf8"))) return "/proc/iomem hides addresses (not root)";
  return undefined;
}

/** Σ pages of buddyinfo per zone equals zoneinfo's "pages free" (nothing moved between the reads). */
function consistent(s: BoxFiles): boolean {
  const zones = parseZoneinfo(s.zoneinfo);
  return parseBuddyinfo(s.buddyinfo).every((b) => {
    const z = zones.find((x) => x.nid === b.nid && x.name === b.name);
    return z !== undefined && b.counts.reduce((n, c, o) => n + c * 2 ** o, 0) === z.pagesFree;
  });
}

/**
 * The live files, read until buddyinfo and zoneinfo agree on the free pages
 * (a busy machine changes between the reads); `consistent` says whether they did.
 */
export function readLive(tries = 50): { files: BoxFiles; consistent: boolean } {
  const vm = (f: string) => readFileSync(`/proc/sys/vm/${f}`, "utf8").trim().split(/\s+/).map(Number);
  let files: BoxFiles | undefined;
  for (let i = 0; i < tries; i++) {
    files = {
      buddyinfo: readFileSync("/proc/buddyinfo", "utf8"), zoneinfo: readFileSync("/proc/zoneinfo", "utf8"),
      iomem: readFileSync("/proc/iomem", "utf8"), meminfo: readFileSync("/proc/meminfo", "utf8"),
      minFreeKbytes: vm("min_free_kbytes")[0]!, watermarkScaleFactor: vm("watermark_scale_factor")[0]!,
      lowmemReserveRatio: vm("lowmem_reserve_ratio"), overcommitRatio: vm("overcommit_ratio")[0]!, overcommitKbytes: vm("overcommit_kbytes")[0]!,
    };
    if (consistent(files)) return { files, consistent: true };
  }
  return { files: files!, consistent: false };
}

/**
 * Explaining an overcommit divergence: the op as the syscall or sysctl a person would
 * type, the answer against the expected one, and which accounting numbers differ after it
 * (Committed_AS above all: a refused charge must be taken back).
 */

import type { Observation, Op } from "../../runtime/protocol.js";
import type { OvercommitSetup } from "./overcommit-binding.js";
import type { Explanation } from "./explain.js";

const MODE_NAMES = ["0 (guess)", "1 (always)", "2 (never)"];

interface OcSnap {
  vm: Record<string, number>;
  mms: { id: number; totalVm: number }[];
}

const FIELD_TEXT: Record<string, string> = {
  committed: "Committed_AS (pages)",
  mode: "vm.overcommit_memory",
  ratio: "vm.overcommit_ratio",
  kbytes: "vm.overcommit_kbytes",
  admin: "vm.admin_reserve_kbytes",
  user: "vm.user_reserve_kbytes",
  hugetlb: "hugetlb pages",
};

const readable = (r: string | undefined): string => (r === undefined ? "nothing" : r.startsWith('"') ? (JSON.parse(r) as string).replace(/\n$/, "").replace(/\n/g, " | ") : r);

/** Compare the expected and actual observation of the diverging op. */
export function explainOvercommit(expected: Observation, actual: Observation): Explanation {
  const out: string[] = [];
  if (actual.e !== undefined) out.push(`threw ${actual.e}`);
  else if (expected.r !== actual.r) out.push(`returned ${readable(actual.r)}, expected ${readable(expected.r)}`);
  const es = expected.s as OcSnap | undefined;
  const as = actual.s as OcSnap | undefined;
  if (es?.vm && as?.vm) {
    for (const [k, v] of Object.entries(es.vm)) if (as.vm[k] !== v) out.push(`${FIELD_TEXT[k] ?? k}: ${as.vm[k]}, expected ${v}`);
    for (const m of es.mms) {
      const a = as.mms.find((x) => x.id === m.id);
      if (a?.totalVm !== m.totalVm) out.push(`mm ${m.id} total_vm: ${a?.totalVm}, expected ${m.totalVm}`);
    }
  }
  const invariant = as?.vm && as.vm.committed! < 0 ? "Committed_AS went below 0: more was taken back than charged" : undefined;
  return { differences: out, invariant };
}

function mapText(op: Op): string {
  const bits = [op.shared === true ? "MAP_SHARED" : "MAP_PRIVATE"];
  if (op.noreserve === true) bits.push("MAP_NORESERVE");
  const prot = { r: "PROT_READ", rw: "PROT_READ|PROT_WRITE", rwx: "PROT_READ|PROT_WRITE|PROT_EXEC" }[String(op.prot ?? "rw")] ?? String(op.prot);
  return `${prot}, ${bits.join("|")}${op.hugetlb === true ? ", hugetlbfs file" : ""}`;
}

/** One overcommit op as a person reads it; undefined for ops that are not overcommit's. */
export function describeOvercommitOp(op: Op): string | undefined {
  const f = (k: string): string => String(op[k]);
  const who = op.admin === true ? " (CAP_SYS_ADMIN)" : "";
  switch (op.op) {
    case "mmap":
      return `mm ${f("mm")}${who}: mmap ${f("pages")} pages, ${mapText(op)}`;
    case "munmap":
      return `munmap the mapping of op #${f("ref")}`;
    case "brk":
      return `mm ${f("mm")}${who}: brk grows by ${f("pages")} pages`;
    case "sysctl":
      return `sysctl vm.${f("name")}=${f("value")}`;
    case "hugetlb":
      return `reserve ${f("pages")} pages for huge pages`;
    case "commitLimit":
      return "vmCommitLimit()";
    case "meminfo":
      return "grep Commit /proc/meminfo";
    case "flags":
      return `mmapVmFlags(${mapText(op)})`;
    case "accountable":
      return `accountableMapping(${op.hugetlb === true ? "hugetlbfs" : "not hugetlbfs"}, vm_flags 0x${Number(op.vmFlags).toString(16)})`;
    default:
      return undefined;
  }
}

/** The starting accounting state in two or three lines. */
export function describeOvercommitSetup(setup: unknown): string[] {
  const s = setup as OvercommitSetup;
  const v = s.vm;
  const limit = v.kbytes ? `overcommit_kbytes ${v.kbytes}` : `overcommit_ratio ${v.ratio ?? 50}`;
  return [
    `RAM ${v.totalram} pages (${v.free ?? v.totalram} free at boot), swap ${v.swap} pages, hugetlb ${v.hugetlb ?? 0} pages`,
    `overcommit_memory ${MODE_NAMES[v.mode ?? 0] ?? String(v.mode)}, ${limit}; Committed_AS 0`,
    `mms: ${(s.mms ?? [{ id: 1 }]).map((m) => `mm ${m.id} total_vm ${m.totalVm ?? 0}`).join(", ")}`,
  ];
}

export function describeOvercommitResult(r: string): string {
  if (r === "null") return "done";
  return readable(r);
}

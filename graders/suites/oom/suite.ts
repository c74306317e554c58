/**
 * The oom suite's registry entry (kata oom-score, overcommit): the binding the child
 * bundle loads, the reference behind the targets, generators and explanations. Setups
 * are explicit (totalpages and the processes, or `vm` for overcommit cases), so
 * materializing only validates them. Op names of the two katas are disjoint.
 */

import type { SuiteBinding } from "../../runtime/executor.js";
import type { Op } from "../../runtime/protocol.js";
import type { Suite } from "../index.js";
import { oomBinding, referenceImpl, type OomSetup } from "./binding.js";
import { generators } from "./generators.js";
import { describeOomOp, describeOomResult, describeOomSetup, explainOom } from "./explain.js";
import { describeOvercommitOp, describeOvercommitResult, describeOvercommitSetup, explainOvercommit } from "./overcommit-explain.js";

const OC_OPS = new Set(["mmap", "munmap", "brk", "sysctl", "hugetlb", "commitLimit", "meminfo", "flags", "accountable"]);
const isOcSetup = (setup: unknown): boolean => typeof setup === "object" && setup !== null && "vm" in setup;
const isOcSnap = (s: unknown): boolean => typeof s === "object" && s !== null && "vm" in s;

/** A case file's setup, checked here so a malformed one fails in the grader. */
function materialize(setup: unknown): OomSetup {
  const s = (setup ?? {}) as OomSetup;
  oomBinding.setup(s);
  return s;
}

export const oomSuite: Suite = {
  name: "oom",
  binding: oomBinding as SuiteBinding,
  bindingModule: "graders/suites/oom/binding.ts",
  bindingExport: "oomBinding",
  implExport: "referenceImpl",
  referenceImpl,
  materialize,
  generators,
  explain: (e, a) => (isOcSnap(e.s) || isOcSnap(a.s) ? explainOvercommit(e, a) : explainOom(e, a)),
  describeOp: (op: Op) => (OC_OPS.has(op.op) ? describeOvercommitOp(op) ?? JSON.stringify(op) : describeOomOp(op)),
  describeSetup: (setup) => (isOcSetup(setup) ? describeOvercommitSetup(setup) : describeOomSetup(setup)),
  describeResult: (op, r) => (OC_OPS.has(op.op) && !r.startsWith("threw ") ? describeOvercommitResult(r) : describeOomResult(op, r)),
  setupSize: (setup: unknown) => ((setup ?? {}) as OomSetup).tasks?.length ?? 0,
};

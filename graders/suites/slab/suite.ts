/**
 * The slab suite's registry entry (kata kmalloc-index, slub-geometry): the binding the
 * child bundle loads, the reference behind the targets, generators and explanations.
 * There is no state, so setups are empty and nothing needs materializing.
 */

import type { SuiteBinding } from "../../runtime/executor.js";
import type { Op } from "../../runtime/protocol.js";
import type { Suite } from "../index.js";
import { slabBinding, referenceImpl } from "./binding.js";
import { generators } from "./generators.js";
import { describeSlabOp, describeSlabResult, describeSlabSetup, explainSlab } from "./explain.js";

export const slabSuite: Suite = {
  name: "slab",
  binding: slabBinding as SuiteBinding,
  bindingModule: "graders/suites/slab/binding.ts",
  bindingExport: "slabBinding",
  implExport: "referenceImpl",
  referenceImpl,
  materialize: (setup: unknown) => setup ?? {},
  generators,
  explain: explainSlab,
  describeOp: (op: Op) => describeSlabOp(op),
  describeSetup: describeSlabSetup,
  describeResult: describeSlabResult,
};

/**
 * The pgtable suite's registry entry (kata va-split, page-table-walk): the binding the
 * child bundle loads, the reference behind the targets, generators and explanations.
 * Setups are already explicit (levels, PKRU, zone), so materializing only validates them.
 */

import type { SuiteBinding } from "../../runtime/executor.js";
import type { Op } from "../../runtime/protocol.js";
import type { Suite } from "../index.js";
import { pgtableBinding, referenceImpl, type PgtableSetup } from "./binding.js";
import { generators } from "./generators.js";
import { describePgtableOp, describePgtableResult, describePgtableSetup, explainPgtable } from "./explain.js";

/** A case file's setup, checked here so a malformed one fails in the grader. */
function materialize(setup: unknown): PgtableSetup {
  const s = (setup ?? {}) as PgtableSetup;
  pgtableBinding.setup(s);
  return s;
}

export const pgtableSuite: Suite = {
  name: "pgtable",
  binding: pgtableBinding as SuiteBinding,
  bindingModule: "graders/suites/pgtable/binding.ts",
  bindingExport: "pgtableBinding",
  implExport: "referenceImpl",
  referenceImpl,
  materialize,
  generators,
  explain: explainPgtable,
  describeOp: (op: Op) => describePgtableOp(op),
  describeSetup: describePgtableSetup,
  describeResult: describePgtableResult,
};

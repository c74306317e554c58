/**
 * The suite registry: for each suite name in exercise.json, what the grader
 * needs (reference implementation, setup materializer, generators, explainer)
 * and where the child's bundle finds the op binding.
 */

import type { Impl, SuiteBinding } from "../runtime/executor.js";
import type { Observation, Op, TraceCase } from "../runtime/protocol.js";
import type { Rng } from "../../reference/core/rng.js";
import { buddyBinding, referenceImpl as buddyImpl } from "./buddy/binding.js";
import { materializeSetup } from "./buddy/materialize.js";
import { generators as buddyGenerators } from "./buddy/generators.js";
import { describeBuddyOp, describeBuddyResult, describeBuddySetup, explainBuddy, type Explanation } from "./buddy/explain.js";
import { buddySetupSize, fastForwardBuddy } from "./buddy/fast-forward.js";
import { zoneSuite } from "./zone/suite.js";
import { pgtableSuite } from "./pgtable/suite.js";
import { slabSuite } from "./slab/suite.js";
import { oomSuite } from "./oom/suite.js";

export interface Suite {
  name: string;
  binding: SuiteBinding;
  /** kit-relative source of the binding module, and its export names, for the child bundle */
  bindingModule: string;
  bindingExport: string;
  implExport: string;
  referenceImpl: Impl;
  materialize(setup: unknown): unknown;
  generators: Record<string, (rng: Rng, nOps: number, params: Record<string, unknown>) => TraceCase>;
  explain(expected: Observation, actual: Observation): Explanation;
  describeOp(op: Op, ops: readonly Op[], results: readonly (string | undefined)[]): string;
  describeSetup(setup: unknown): string[];
  describeResult(op: Op, r: string): string;
  /** fold ops [0, k) into the setup (see buddy/fast-forward.ts); undefined if not possible */
  fastForward?(tc: TraceCase, k: number): TraceCase | undefined;
  /** how big a setup is to read (free blocks); fast-forwarding keeps it small */
  setupSize?(setup: unknown): number;
}

export const suites: Record<string, Suite> = {
  buddy: {
    name: "buddy",
    binding: buddyBinding as SuiteBinding,
    bindingModule: "graders/suites/buddy/binding.ts",
    bindingExport: "buddyBinding",
    implExport: "referenceImpl",
    referenceImpl: buddyImpl,
    materialize: (s) => materializeSetup(s as never),
    generators: buddyGenerators,
    explain: explainBuddy,
    describeOp: describeBuddyOp,
    describeSetup: describeBuddySetup,
    describeResult: describeBuddyResult,
    fastForward: fastForwardBuddy,
    setupSize: buddySetupSize,
  },
  zone: zoneSuite,
  pgtable: pgtableSuite,
  slab: slabSuite,
  oom: oomSuite,
};

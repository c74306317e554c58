/* Generated from graders/report/report.schema.json by scripts/gen-report-types.mjs. Do not edit. */

export type Disclosure = "category" | "invariant" | "counterexample" | "full";

/**
 * An mmkata grading report. The source of truth: TypeScript types are generated from this file, and every report is validated against it before it is written. Everything but `timing` is a pure function of (tool version, suite hash, submission, seed, parameters).
 */
export interface Report {
  schemaVersion: 1;
  tool: {
    name: "mmkata";
    version: string;
  };
  exercise: {
    slug: string;
    title: string;
    track: string;
    suite: string;
    /**
     * hash of the exercise, its case file and generator parameters
     */
    suiteHash: string;
  };
  submission: {
    /**
     * entry file, relative to the submission folder, shown as <solution>/…
     */
    entry: string;
    language: "ts" | "js";
    /**
     * hash of the entry file's bytes
     */
    sha256: string;
  };
  run: {
    seed: number;
    caseFilter: string[];
    disclosure: Disclosure;
    isolation: "strict" | "standard";
    limits: {
      caseMs: number;
      /**
       * how long the submission may take to load
       */
      startMs: number;
      runMs: number;
      heapMb: number;
      outputBytes: number;
    };
    /**
     * the command that reproduces this run
     */
    replay: string;
  };
  /**
   * error only when no case could run; fail when any case failed or errored, or none ran
   */
  status: "pass" | "fail" | "error";
  /**
   * why the status is error, or a one-line summary
   */
  message?: string;
  score: {
    points: number;
    max: number;
  };
  groups: Group[];
  cases: Case[];
  diagnostics: Diagnostic[];
  /**
   * what the submission printed, capped at run.limits.outputBytes per stream
   */
  output?: {
    stdout: string;
    stderr: string;
    truncated: boolean;
  };
  /**
   * the only fields that vary between identical runs
   */
  timing: {
    totalMs: number;
    compileMs: number;
    casesMs: {
      [k: string]: number;
    };
  };
}
export interface Group {
  id: string;
  title: string;
  parent?: string;
  points: number;
  max: number;
  /**
   * not-run: a --case filter left the group without cases
   */
  status: "pass" | "fail" | "parent-failed" | "not-run";
  message?: string;
  passed: number;
  total: number;
}
export interface Case {
  id: string;
  title: string;
  group: string;
  status: "pass" | "fail" | "error" | "skipped";
  ops: number;
  seed?: number;
  message?: string;
  failure?: Failure;
}
export interface Failure {
  kind: "diverged" | "threw" | "timeout" | "crashed" | "protocol" | "skipped";
  opIndex?: number;
  invariant?: string;
  counterexample?: Counterexample;
}
export interface Counterexample {
  /**
   * the starting state in a few lines
   */
  setup: string[];
  ops: {
    index: number;
    text: string;
    op: {};
    expected: string;
    actual: string;
  }[];
  divergedAt: number;
  differences: string[];
  shrunkFrom: number;
  shrinkSteps?: number;
  replay?: string;
  /**
   * full disclosure only: the explicit starting state
   */
  setupState?: unknown;
  /**
   * full disclosure only: the reference's state after the diverging op
   */
  expectedState?: unknown;
  /**
   * full disclosure only: the submission's state after the diverging op
   */
  actualState?: unknown;
}
export interface Diagnostic {
  severity: "error" | "warning" | "info";
  source?: "compile" | "load" | "limits" | "sandbox";
  message: string;
}

/**
 * `grade()`: one submission, one kata, one report.
 *
 * Pipeline: load cases → compile (confined esbuild bundle) → start the
 * sandboxed child → for each case: reference here, submission there, compare,
 * shrink on divergence → score by rubric groups → disclose by tier → validate
 * the report against its schema. Whatever the submission does, this returns a
 * valid report; only a broken kit or bad input from the operator throws.
 */

import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { inputError, didYouMean } from "../cli/errors.js";
import { suites, type Suite } from "../suites/index.js";
import type { Case, Diagnostic, Disclosure, Report } from "../report/report-types.js";
import { assertReport } from "../report/validate.js";
import type { Exercise } from "./exercise-types.js";
import { filterCases, handcraftedFile, loadCases, type HiddenCase } from "./cases.js";
import { compileSubmission } from "./compile.js";
import { expectedDigests, gradeCase } from "./run-case.js";
import type { Observation } from "../runtime/protocol.js";
import { RunState } from "./run-state.js";
import { scoreGroups } from "./score.js";
import { disclose } from "./disclose.js";
import { KIT_VERSION, SUITES_DIR } from "./paths.js";
import { planIsolation, type IsolationRequest } from "./isolation.js";
import { typecheckSubmission } from "./typecheck.js";

export interface GradeLimits {
  caseMs: number;
  /** how long loading the submission may take */
  startMs: number;
  runMs: number;
  heapMb: number;
  outputBytes: number;
}

export interface GradeOptions {
  exercise: Exercise;
  /** the submission folder */
  root: string;
  /** entry file relative to root */
  entry: string;
  seed: number;
  cases?: string[];
  disclosure: Disclosure;
  limits?: Partial<GradeLimits>;
  /** how the replay command names the submission, e.g. "." */
  replayTarget?: string;
  /**
   * "standard" by default here, so reports (and golden files) are the same on
   * every machine; the CLI defaults to "auto": strict where available.
   */
  isolation?: IsolationRequest;
  onCase?: (c: Case, done: number, total: number) => void;
  /** type-check a TypeScript submission (warnings in the report); default true */
  typecheck?: boolean;
}

export const DEFAULT_SEED = 1;

export function resolveLimits(ex: Exercise, over: Partial<GradeLimits> = {}): GradeLimits {
  return {
    caseMs: over.caseMs ?? ex.limits?.caseMs ?? 5000,
    startMs: over.startMs ?? 10_000,
    runMs: over.runMs ?? ex.limits?.runMs ?? 120_000,
    heapMb: over.heapMb ?? ex.limits?.heapMb ?? 256,
    outputBytes: over.outputBytes ?? 64 * 1024,
  };
}

function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Hash of everything that decides the hidden cases and their expectations. */
export function suiteHash(ex: Exercise): string {
  const parts = [KIT_VERSION, readFileSync(join(ex.dir, "exercise.json"), "utf8"), readFileSync(handcraftedFile(ex), "utf8")];
  const gen = join(SUITES_DIR, ex.suite, "generators.ts");
  if (existsSync(gen)) parts.push(readFileSync(gen, "utf8"));
  return "sha256:" + sha256(parts.join("\0"));
}

function suiteOf(ex: Exercise): Suite {
  const s = suites[ex.suite];
  if (!s) throw inputError(`${ex.slug}: unknown suite "${ex.suite}"`, `known suites: ${Object.keys(suites).join(", ")}`);
  return s;
}

function replayCommand(o: GradeOptions, caseId?: string): string {
  const target = o.replayTarget ? ` ${o.replayTarget}` : "";
  const cases = caseId ? [caseId] : (o.cases ?? []);
  return `mmkata grade${target} --seed ${o.seed}${cases.map((c) => ` --case ${c}`).join("")}`;
}

/** Check that the submission exports every target function; returns a diagnostic message or undefined. */
export function missingExports(ex: Exercise, exported: Record<string, string>, entry: string): string | undefined {
  const names = Object.keys(exported);
  for (const f of ex.api.functions) {
    if (exported[f.name] === "function") continue;
    const guess = didYouMean(f.name, names);
    const what = exported[f.name] ? `exports ${f.name} as a ${exported[f.name]}, not a function` : `does not export ${f.name}`;
    return `${entry} ${what}` + (guess && guess !== f.name ? ` (it exports "${guess}": a typo?)` : names.length ? ` (it exports: ${names.slice(0, 8).join(", ")})` : " (it exports nothing)");
  }
  return undefined;
}

async function runCases(o: GradeOptions, suite: Suite, cases: HiddenCase[], st: RunState, limits: GradeLimits, expected: Map<string, Observation[]>): Promise<Case[]> {
  const out: Case[] = [];
  for (const hc of cases) {
    const skip = st.skipReason(limits.runMs);
    let c: Case;
    if (skip) c = { id: hc.id, title: hc.title, group: hc.group, ops: hc.ops.length, status: "skipped", message: skip, failure: { kind: "skipped" } };
    else {
      const r = await gradeCase(suite, st.runner(limits.caseMs, hc.id), hc, replayCommand(o, hc.id), expected.get(hc.id));
      st.record(hc.id, r.ms, r.infraFailure);
      c = r.report;
    }
    out.push(c);
    o.onCase?.(c, out.length, cases.length);
  }
  return out;
}

/**
 * A SIGUSR1 listener stops a same-uid child from opening this process's
 * inspector (Node's default SIGUSR1 action): see SECURITY.md.
 */
function guardInspector(): void {
  if (process.listenerCount("SIGUSR1") === 0) process.on("SIGUSR1", () => undefined);
}

type Base = Omit<Report, "timing" | "status" | "message" | "score" | "groups" | "cases" | "diagnostics" | "output">;

/** The report's fixed part: tool, exercise, submission, run parameters. */
function reportBase(o: GradeOptions, ex: Exercise, limits: GradeLimits, level: Report["run"]["isolation"]): Base {
  const entryFile = resolve(o.root, o.entry);
  const language = /\.m?js$/.test(o.entry) ? "js" : "ts";
  return {
    schemaVersion: 1 as const,
    tool: { name: "mmkata" as const, version: KIT_VERSION },
    exercise: { slug: ex.slug, title: ex.title, track: ex.track, suite: ex.suite, suiteHash: suiteHash(ex) },
    submission: { entry: `<solution>/${o.entry}`, language, sha256: sha256(existsSync(entryFile) ? readFileSync(entryFile) : "") },
    run: { seed: o.seed, caseFilter: o.cases ?? [], disclosure: o.disclosure, isolation: level, limits, replay: replayCommand(o) },
  };
}

/** Builds the final report: adds timing and validates it against the schema. */
function finisher(t0: number, compileMs: () => number): (r: Omit<Report, "timing">, casesMs?: Record<string, number>) => Report {
  return (r, casesMs = {}) => {
    const report: Report = { ...r, timing: { totalMs: round(performance.now() - t0), compileMs: round(compileMs()), casesMs } };
    assertReport(report);
    return report;
  };
}

/** Start the child and check its exports; the reason it cannot run, or undefined. */
async function startChild(ex: Exercise, o: GradeOptions, st: RunState, diagnostics: Diagnostic[]): Promise<string | undefined> {
  const started = await st.start();
  if (typeof started === "string") {
    diagnostics.push({ severity: "error", source: "load", message: started });
    return `${o.entry} failed while loading: ${started}`;
  }
  const missing = missingExports(ex, started, o.entry);
  if (!missing) return undefined;
  st.stop();
  diagnostics.push({ severity: "error", source: "load", message: missing });
  return missing;
}

/** The reference's expectations for every case; stops the child if the reference itself fails. */
function referenceWhileStarting(suite: Suite, cases: HiddenCase[], st: RunState, starting: Promise<unknown>): Map<string, Observation[]> {
  try {
    return expectedDigests(suite, cases);
  } catch (e) {
    void starting.finally(() => st.stop());
    throw e;
  }
}

/** Type errors of a compiled TypeScript submission, checked while the cases run. */
function typeDiagnostics(o: GradeOptions, base: Base, files: string[]): Promise<Diagnostic[]> {
  return base.submission.language === "ts" ? typecheckSubmission(o.root, files) : Promise.resolve([]);
}

/** Grade a submission; see the file header. */
export async function grade(o: GradeOptions): Promise<Report> {
  guardInspector();
  const t0 = performance.now();
  const ex = o.exercise;
  const suite = suiteOf(ex);
  const limits = resolveLimits(ex, o.limits);
  const plan = planIsolation(o.isolation ?? "standard");
  const compiling = timed(compileSubmission(ex, suite, o.root, o.entry)); // esbuild works while the cases load
  const cases = filterCases(loadCases(ex, suite, o.seed), o.cases ?? []);
  const base = reportBase(o, ex, limits, plan.level);
  const diagnostics: Diagnostic[] = [];
  const { value: compiled, ms: compileMs } = await compiling;
  const finish = finisher(t0, () => compileMs);
  const errorReport = (message: string, st?: RunState): Report =>
    finish({ ...base, status: "error", message, score: { points: 0, max: 100 }, groups: scoreGroups(ex.rubric, []), cases: [], diagnostics, ...(st ? { output: st.output() } : {}) });
  if (!compiled.ok) {
    diagnostics.push(...compiled.diagnostics.map((m) => ({ severity: "error" as const, source: "compile" as const, message: m })));
    return errorReport(`${o.entry} does not compile: ${compiled.diagnostics[0] ?? "unknown error"}`);
  }
  const types = o.typecheck === false ? Promise.resolve([]) : typeDiagnostics(o, base, compiled.files);
  const st = new RunState(compiled, limits, plan);
  const starting = startChild(ex, o, st, diagnostics); // spawns now; the reference runs while the child boots
  const expected = referenceWhileStarting(suite, cases, st, starting);
  const cannotRun = await starting;
  if (cannotRun) {
    diagnostics.push(...(await types));
    return errorReport(cannotRun, st);
  }
  const graded = await runCases(o, suite, cases, st, limits, expected);
  st.stop();
  diagnostics.push(...(await types), ...st.diagnostics());
  const groups = scoreGroups(ex.rubric, graded);
  const failed = graded.filter((c) => c.status !== "pass").length;
  const status = graded.length > 0 && failed === 0 ? "pass" : "fail";
  const message = graded.length === 0 ? "no case ran" : `${graded.length - failed} of ${graded.length} cases passed`;
  const points = groups.reduce((s, g) => s + g.points, 0);
  return finish({ ...base, status, message, score: { points, max: 100 }, groups, cases: graded.map((c) => disclose(c, o.disclosure)), diagnostics, output: st.output() }, st.casesMs);
}

/** A promise with the wall time from now to its settling; never an unhandled rejection while not awaited. */
function timed<T>(p: Promise<T>): Promise<{ value: T; ms: number }> {
  const t = performance.now();
  const out = p.then((value) => ({ value, ms: performance.now() - t }));
  out.catch(() => undefined);
  return out;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

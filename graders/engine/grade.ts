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
import { filterCases, loadCases, type HiddenCase } from "./cases.js";
import { compileSubmission } from "./compile.js";
import { gradeCase } from "./run-case.js";
import { RunState } from "./run-state.js";
import { scoreGroups } from "./score.js";
import { disclose } from "./disclose.js";
import { KIT_VERSION, SUITES_DIR } from "./paths.js";
import { planIsolation, type IsolationRequest } from "./isolation.js";

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
  const parts = [KIT_VERSION, readFileSync(join(ex.dir, "exercise.json"), "utf8"), readFileSync(join(SUITES_DIR, ex.suite, "cases", ex.cases.handcrafted), "utf8")];
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

async function runCases(o: GradeOptions, suite: Suite, cases: HiddenCase[], st: RunState, limits: GradeLimits): Promise<Case[]> {
  const out: Case[] = [];
  for (const hc of cases) {
    const skip = st.skipReason(limits.runMs);
    let c: Case;
    if (skip) c = { id: hc.id, title: hc.title, group: hc.group, ops: hc.ops.length, status: "skipped", message: skip, failure: { kind: "skipped" } };
    else {
      const r = await gradeCase(suite, st.runner(limits.caseMs, hc.id), hc, replayCommand(o, hc.id));
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

/** Grade a submission; see the file header. */
export async function grade(o: GradeOptions): Promise<Report> {
  guardInspector();
  const t0 = performance.now();
  const ex = o.exercise;
  const suite = suiteOf(ex);
  const limits = resolveLimits(ex, o.limits);
  const plan = planIsolation(o.isolation ?? "standard");
  const cases = filterCases(loadCases(ex, suite, o.seed), o.cases ?? []);
  const entryFile = resolve(o.root, o.entry);
  const language = o.entry.endsWith(".js") || o.entry.endsWith(".mjs") ? "js" : "ts";
  const base = {
    schemaVersion: 1 as const,
    tool: { name: "mmkata" as const, version: KIT_VERSION },
    exercise: { slug: ex.slug, title: ex.title, track: ex.track, suite: ex.suite, suiteHash: suiteHash(ex) },
    submission: { entry: `<solution>/${o.entry}`, language: language as "ts" | "js", sha256: sha256(existsSync(entryFile) ? readFileSync(entryFile) : "") },
    run: { seed: o.seed, caseFilter: o.cases ?? [], disclosure: o.disclosure, isolation: plan.level, limits, replay: replayCommand(o) },
  };
  const diagnostics: Diagnostic[] = [];
  const tc = performance.now();
  const compiled = await compileSubmission(ex, suite, o.root, o.entry);
  const compileMs = performance.now() - tc;
  const finish = (r: Omit<Report, "timing">, casesMs: Record<string, number> = {}): Report => {
    const report: Report = { ...r, timing: { totalMs: round(performance.now() - t0), compileMs: round(compileMs), casesMs } };
    assertReport(report);
    return report;
  };
  const errorReport = (message: string, st?: RunState): Report =>
    finish({ ...base, status: "error", message, score: { points: 0, max: 100 }, groups: scoreGroups(ex.rubric, []), cases: [], diagnostics, ...(st ? { output: st.output() } : {}) });
  if (!compiled.ok) {
    diagnostics.push(...compiled.diagnostics.map((m) => ({ severity: "error" as const, source: "compile" as const, message: m })));
    return errorReport(`${o.entry} does not compile: ${compiled.diagnostics[0] ?? "unknown error"}`);
  }
  const st = new RunState(compiled, limits, plan);
  const started = await st.start();
  if (typeof started === "string") {
    diagnostics.push({ severity: "error", source: "load", message: started });
    return errorReport(`${o.entry} failed while loading: ${started}`, st);
  }
  const missing = missingExports(ex, started, o.entry);
  if (missing) {
    st.stop();
    diagnostics.push({ severity: "error", source: "load", message: missing });
    return errorReport(missing, st);
  }
  const graded = await runCases(o, suite, cases, st, limits);
  st.stop();
  diagnostics.push(...st.diagnostics());
  const groups = scoreGroups(ex.rubric, graded);
  const points = groups.reduce((s, g) => s + g.points, 0);
  const failed = graded.filter((c) => c.status !== "pass").length;
  const status = graded.length > 0 && failed === 0 ? "pass" : "fail";
  const message = graded.length === 0 ? "no case ran" : `${graded.length - failed} of ${graded.length} cases passed`;
  return finish({ ...base, status, message, score: { points, max: 100 }, groups, cases: graded.map((c) => disclose(c, o.disclosure)), diagnostics, output: st.output() }, st.casesMs);
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/**
 * The child's lifecycle over a grading run: start, restart after a case
 * killed it, the run-time budget, the circuit breaker (after
 * CIRCUIT_BREAKER consecutive cases that timed out or crashed, the rest are
 * skipped), and the submission's output gathered across restarts. Each
 * limit that fires adds one "limits" diagnostic naming the case and the limit.
 */

import type { Diagnostic } from "../report/report-types.js";
import type { TraceCase } from "../runtime/protocol.js";
import { DEFAULT_SANDBOX_LIMITS, Sandbox, type ChildFiles, type RunOutcome } from "./sandbox.js";
import type { IsolationPlan } from "./isolation.js";
import type { ChildRunner } from "./run-case.js";
import type { GradeLimits } from "./grade.js";

export const CIRCUIT_BREAKER = 3;

export class RunState {
  private sb: Sandbox | undefined;
  private readonly t0 = performance.now();
  private consecutive = 0;
  private restartsFailed = false;
  private stdout = "";
  private stderr = "";
  private truncated = false;
  private notes: Diagnostic[] = [];
  private fired = new Set<string>();
  readonly casesMs: Record<string, number> = {};
  /** every child pid this run started (tests check none outlives the run) */
  readonly pids: number[] = [];

  constructor(private readonly files: ChildFiles, private readonly limits: GradeLimits, private readonly plan: IsolationPlan) {}

  /** Start the first child; returns its exports, or the reason it failed to load. */
  async start(): Promise<Record<string, string> | string> {
    const cpuSeconds = Math.ceil((this.limits.runMs + this.limits.startMs) / 1000) + 5;
    const r = await Sandbox.start(this.files, this.plan, { ...DEFAULT_SANDBOX_LIMITS, heapMb: this.limits.heapMb, maxOutputBytes: this.limits.outputBytes, startMs: this.limits.startMs, cpuSeconds });
    if (!(r instanceof Sandbox)) {
      this.stderr += r.stderr;
      const detail = firstUsefulLine(r.stderr);
      return detail ? `${r.error}: ${detail}` : r.error;
    }
    this.sb = r;
    if (r.pid) this.pids.push(r.pid);
    return r.hello!.exports;
  }

  /** Why the next case must be skipped, if it must. */
  skipReason(runMs: number): string | undefined {
    if (performance.now() - this.t0 > runMs) return this.fire("budget", `not run: the run's time budget of ${runMs} ms was used up`);
    if (this.consecutive >= CIRCUIT_BREAKER) return this.fire("breaker", `not run: ${CIRCUIT_BREAKER} cases in a row timed out or crashed (circuit breaker)`);
    if (this.restartsFailed) return "not run: the submission could not be restarted after a crash";
    return undefined;
  }

  /** Note a limit in the diagnostics once per key; returns the message. */
  private fire(key: string, message: string): string {
    if (!this.fired.has(key)) {
      this.fired.add(key);
      this.notes.push({ severity: "warning", source: "limits", message });
    }
    return message;
  }

  record(id: string, ms: number, infraFailure: boolean): void {
    this.casesMs[id] = Math.round(ms * 10) / 10;
    this.consecutive = infraFailure ? this.consecutive + 1 : 0;
  }

  /** A runner that restarts the child when a previous run killed it. */
  runner(caseMs: number, caseId = "?"): ChildRunner {
    return async (tcase: TraceCase, mode): Promise<RunOutcome> => {
      if (!this.sb || this.sb.dead) {
        this.collect();
        const r = await this.start();
        if (typeof r === "string") {
          this.restartsFailed = true;
          return { ok: false, kind: "crashed", message: `could not restart the submission: ${r}`, ms: 0 };
        }
      }
      const out = await this.sb!.run(tcase, mode, caseMs);
      if (!out.ok && out.kind === "timeout") this.fire(`t:${caseId}`, `case ${caseId}: ${out.message}`);
      if (!out.ok && out.kind !== "timeout") {
        if (/heap out of memory|allocation failed/i.test(this.sb!.stderr.text)) this.fire(`m:${caseId}`, `case ${caseId}: out of memory (heap cap ${this.limits.heapMb} MB)`);
        const tail = firstUsefulLine(this.sb!.stderr.text);
        if (tail) return { ...out, message: `${out.message}: ${tail}` };
      }
      return out;
    };
  }

  private collect(): void {
    if (!this.sb) return;
    const cap = this.limits.outputBytes;
    const add = (acc: string, s: string): string => (acc + s).slice(0, cap);
    this.truncated ||= this.sb.stdout.truncated || this.sb.stderr.truncated || this.stdout.length + this.sb.stdout.text.length > cap;
    this.stdout = add(this.stdout, this.sb.stdout.text);
    this.stderr = add(this.stderr, this.sb.stderr.text);
    this.sb = undefined;
  }

  stop(): void {
    this.sb?.kill();
    this.collect();
  }

  output(): { stdout: string; stderr: string; truncated: boolean } {
    this.collect();
    return { stdout: this.stdout, stderr: this.stderr, truncated: this.truncated };
  }

  diagnostics(): Diagnostic[] {
    if (this.truncated) this.notes.push({ severity: "info", source: "limits", message: `the submission's output was cut at ${this.limits.outputBytes} bytes per stream` });
    return this.notes;
  }
}

/** The most informative line of a Node error dump (the "Error: …" line). */
function firstUsefulLine(stderr: string): string | undefined {
  const lines = stderr.split("\n").map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /^[A-Za-z]*Error\b|^Uncaught|^FATAL|heap out of memory/i.test(l)) ?? lines[0];
}

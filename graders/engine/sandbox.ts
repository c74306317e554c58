/**
 * The sandboxed child process that runs a submission.
 *
 * The child is `node` with the permission model (it may read only its own
 * temporary box), code generation from strings disallowed, a heap cap, an
 * empty environment and its own process group. It talks over a dedicated pipe
 * (fd 3) with length-capped NDJSON; stdout and stderr are captured up to a
 * byte cap. A request that is not answered in time, a malformed or oversized
 * answer, or an exit kills the child and fails the request with a reason; the
 * grader then starts a fresh child for the next case.
 *
 * Node flags: the permission model, `--frozen-intrinsics`,
 * `--disallow-code-generation-from-strings`, `--max-old-space-size`, and
 * `--disable-sigusr1` where this Node has it. The isolation plan
 * (isolation.ts) may wrap the command in `unshare`/`setpriv`/`prlimit`.
 * Answers are checked for shape (observation fields, sizes, snapshot depth)
 * and for the exact request id; anything else is a protocol violation.
 */

import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Hello, Observation, ObserveMode, RunReply, TraceCase } from "../runtime/protocol.js";
import type { IsolationPlan } from "./isolation.js";

export interface SandboxLimits {
  heapMb: number;
  /** largest answer line, bytes */
  maxMessageBytes: number;
  /** stdout + stderr kept, bytes each */
  maxOutputBytes: number;
  startMs: number;
  /** CPU seconds for the child's whole life (rlimit, where prlimit exists) */
  cpuSeconds: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = { heapMb: 256, maxMessageBytes: 32 << 20, maxOutputBytes: 64 << 10, startMs: 10_000, cpuSeconds: 130 };

/**
 * Address space for a heap cap. V8 reserves far more than it uses (Node 20
 * does not start under 800 MB) and a long run with shrinking needed more than
 * 1 GiB of address space with a 20 MB heap, so: 8× the heap, at least 4 GiB.
 * This bounds a Buffer bomb (off-heap) to a few GiB per child.
 */
export function addressSpaceMb(heapMb: number): number {
  return Math.max(4096, heapMb * 8);
}

/** The files the child runs: its runtime and the learner's module. */
export interface ChildFiles {
  code: string;
  submission: string;
}

export type RunOutcome = { ok: true; obs: Observation[]; ms: number } | { ok: false; kind: "timeout" | "crashed" | "protocol"; message: string; ms: number };

function nodeFlags(box: string, heapMb: number): string[] {
  const [major, minor] = process.versions.node.split(".").map(Number) as [number, number];
  const atLeast = (ma: number, mi: number): boolean => major > ma || (major === ma && minor >= mi);
  const permission = atLeast(22, 13) ? "--permission" : "--experimental-permission";
  const sigusr1 = (major === 22 && minor >= 14) || atLeast(23, 7) ? ["--disable-sigusr1"] : [];
  return [permission, `--allow-fs-read=${box}`, "--frozen-intrinsics", "--disallow-code-generation-from-strings", `--max-old-space-size=${heapMb}`, ...sigusr1, "--no-warnings"];
}

/** A fresh box holding the child's two files, readable by the child's uid. */
function makeBox(files: ChildFiles, foreignUid: boolean): string {
  const box = mkdtempSync(join(tmpdir(), "mmkata-box-"));
  writeFileSync(join(box, "child.mjs"), files.code);
  writeFileSync(join(box, "submission.mjs"), files.submission);
  if (foreignUid) {
    chmodSync(box, 0o755);
    for (const f of ["child.mjs", "submission.mjs"]) chmodSync(join(box, f), 0o644);
  }
  return box;
}

/** Caps on one observation: result/error text and snapshot nesting. */
const MAX_TEXT = 4096;
const MAX_DEPTH = 16;

function tooDeep(x: unknown, depth: number): boolean {
  if (x === null || typeof x !== "object") return false;
  if (depth >= MAX_DEPTH) return true;
  return Object.values(x).some((v) => tooDeep(v, depth + 1));
}

/** What is wrong with an answer's observations (undefined when well-formed). */
export function observationProblem(obs: unknown[]): string | undefined {
  for (const [i, o] of obs.entries()) {
    if (o === null || typeof o !== "object" || Array.isArray(o)) return `observation ${i} is not an object`;
    for (const [k, v] of Object.entries(o)) {
      if (k === "r" || k === "e") {
        if (typeof v !== "string" || v.length > MAX_TEXT) return `observation ${i}.${k} is not a string of at most ${MAX_TEXT} characters`;
      } else if (k === "d") {
        if (!Number.isInteger(v)) return `observation ${i}.d is not an integer`;
      } else if (k === "s") {
        if (tooDeep(v, 0)) return `observation ${i}.s is nested deeper than ${MAX_DEPTH}`;
      } else return `observation ${i} has an unknown field "${k.slice(0, 40)}"`;
    }
  }
  return undefined;
}

function helloProblem(h: Hello): boolean {
  if (h?.t !== "hello" || h.exports === null || typeof h.exports !== "object" || Array.isArray(h.exports)) return true;
  const entries = Object.entries(h.exports);
  return entries.length > 1000 || entries.some(([k, v]) => typeof v !== "string" || k.length > 200);
}

/** Byte-capped capture of a stream. */
class Capture {
  text = "";
  truncated = false;
  constructor(private readonly cap: number) {}
  add(chunk: Buffer): void {
    if (this.text.length >= this.cap) {
      this.truncated = true;
      return;
    }
    this.text += chunk.toString("utf8").slice(0, this.cap - this.text.length);
    if (this.text.length >= this.cap) this.truncated = true;
  }
}

export class Sandbox {
  private child!: ChildProcess;
  private box!: string;
  private buf = "";
  private waiting: ((line: string | Error) => void) | undefined;
  private queue: (string | Error)[] = [];
  private nextId = 1;
  dead = false;
  exitInfo = "";
  readonly stdout: Capture;
  readonly stderr: Capture;
  hello: Hello | undefined;

  private constructor(private readonly limits: SandboxLimits) {
    this.stdout = new Capture(limits.maxOutputBytes);
    this.stderr = new Capture(limits.maxOutputBytes);
  }

  /** Write the bundle into a fresh box and start the child; resolves after its hello. */
  static async start(files: ChildFiles, plan: IsolationPlan, limits: SandboxLimits = DEFAULT_SANDBOX_LIMITS): Promise<Sandbox | { error: string; stderr: string }> {
    const sb = new Sandbox(limits);
    sb.box = makeBox(files, plan.foreignUid);
    const argv = [...plan.wrapper({ addressSpaceMb: addressSpaceMb(limits.heapMb), cpuSeconds: limits.cpuSeconds }), process.execPath, ...nodeFlags(sb.box, limits.heapMb), join(sb.box, "child.mjs")];
    sb.child = spawn(argv[0]!, argv.slice(1), { cwd: sb.box, env: {}, stdio: ["pipe", "pipe", "pipe", "pipe"], detached: true });
    sb.wire();
    const first = await sb.nextLine(limits.startMs);
    if (first instanceof Error) {
      sb.kill();
      return { error: first.message, stderr: sb.stderr.text };
    }
    try {
      const hello = JSON.parse(first) as Hello;
      if (helloProblem(hello)) throw new Error("bad hello");
      sb.hello = hello;
    } catch {
      sb.kill();
      return { error: "the child's first message was not a hello", stderr: sb.stderr.text };
    }
    return sb;
  }

  private wire(): void {
    const fd3 = this.child.stdio[3] as NodeJS.ReadableStream;
    fd3.on("data", (chunk: Buffer) => this.onData(chunk));
    this.child.stdout!.on("data", (c: Buffer) => this.stdout.add(c));
    this.child.stderr!.on("data", (c: Buffer) => this.stderr.add(c));
    this.child.stdin!.on("error", () => undefined);
    this.child.on("exit", (code, signal) => {
      this.dead = true;
      this.exitInfo = signal ? `killed by ${signal}` : `exited with code ${code}`;
      this.push(new Error(`the child process ${this.exitInfo}`));
    });
    this.child.on("error", (e) => this.push(e));
  }

  private onData(chunk: Buffer): void {
    this.buf += chunk.toString("utf8");
    let nl: number;
    while ((nl = this.buf.indexOf("\n")) >= 0) {
      this.push(this.buf.slice(0, nl));
      this.buf = this.buf.slice(nl + 1);
    }
    if (this.buf.length > this.limits.maxMessageBytes) {
      this.buf = "";
      this.push(new Error(`protocol: an answer exceeded ${this.limits.maxMessageBytes} bytes`));
      this.kill();
    }
  }

  private push(x: string | Error): void {
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = undefined;
      w(x);
    } else this.queue.push(x);
  }

  private nextLine(timeoutMs: number): Promise<string | Error> {
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.dead) return Promise.resolve(new Error(`the child process ${this.exitInfo}`));
    return new Promise((res) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        res(new Error(`timeout after ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting = (x) => {
        clearTimeout(timer);
        res(x);
      };
    });
  }

  /** Run one trace in the child. */
  async run(tcase: TraceCase, mode: ObserveMode, timeoutMs: number): Promise<RunOutcome> {
    const t0 = performance.now();
    const ms = (): number => Math.round(performance.now() - t0);
    if (this.dead) return { ok: false, kind: "crashed", message: `the child process ${this.exitInfo}`, ms: 0 };
    const id = this.nextId++;
    this.child.stdin!.write(JSON.stringify({ id, t: "run", case: tcase, mode }) + "\n");
    const line = await this.nextLine(timeoutMs);
    if (line instanceof Error) {
      const timeout = line.message.startsWith("timeout");
      this.kill();
      if (timeout) return { ok: false, kind: "timeout", message: `killed after ${timeoutMs} ms wall (limit)`, ms: ms() };
      const kind = line.message.startsWith("protocol") ? "protocol" : "crashed";
      return { ok: false, kind, message: line.message, ms: ms() };
    }
    let reply: RunReply;
    try {
      reply = JSON.parse(line) as RunReply;
    } catch {
      this.kill();
      return { ok: false, kind: "protocol", message: "protocol: an answer line was not JSON", ms: ms() };
    }
    if (reply?.t !== "obs" || reply.id !== id || !Array.isArray(reply.obs) || reply.obs.length > tcase.ops.length + 1) {
      this.kill();
      return { ok: false, kind: "protocol", message: `protocol: unexpected answer (expected observations for request ${id})`, ms: ms() };
    }
    const bad = observationProblem(reply.obs);
    if (bad) {
      this.kill();
      return { ok: false, kind: "protocol", message: `protocol: malformed answer to request ${id}: ${bad}`, ms: ms() };
    }
    return { ok: true, obs: reply.obs, ms: ms() };
  }

  /** The child's pid (its process group id too). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Kill the child's whole process group and remove the box. */
  kill(): void {
    if (!this.dead && this.child.pid) {
      try {
        process.kill(-this.child.pid, "SIGKILL");
      } catch {
        this.child.kill("SIGKILL");
      }
    }
    this.dead = true;
    rmSync(this.box, { recursive: true, force: true });
  }
}

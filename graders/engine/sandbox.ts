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
 * Differences from SECURITY.md's full design: the uid switch, network
 * namespace, rlimits and frozen intrinsics are the hardening issue's work;
 * this is the "standard" isolation level.
 */

import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Hello, Observation, ObserveMode, RunReply, TraceCase } from "../runtime/protocol.js";

export interface SandboxLimits {
  heapMb: number;
  /** largest answer line, bytes */
  maxMessageBytes: number;
  /** stdout + stderr kept, bytes each */
  maxOutputBytes: number;
  startMs: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = { heapMb: 256, maxMessageBytes: 32 << 20, maxOutputBytes: 64 << 10, startMs: 10_000 };

export type RunOutcome = { ok: true; obs: Observation[]; ms: number } | { ok: false; kind: "timeout" | "crashed" | "protocol"; message: string; ms: number };

function permissionFlags(box: string): string[] {
  const [major, minor] = process.versions.node.split(".").map(Number) as [number, number];
  const stable = major > 22 || (major === 22 && minor >= 13);
  return [stable ? "--permission" : "--experimental-permission", `--allow-fs-read=${box}`];
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
  static async start(code: string, limits: SandboxLimits = DEFAULT_SANDBOX_LIMITS): Promise<Sandbox | { error: string; stderr: string }> {
    const sb = new Sandbox(limits);
    sb.box = mkdtempSync(join(tmpdir(), "mmkata-box-"));
    const file = join(sb.box, "child.mjs");
    writeFileSync(file, code);
    const args = [...permissionFlags(sb.box), "--disallow-code-generation-from-strings", `--max-old-space-size=${limits.heapMb}`, "--no-warnings", file];
    sb.child = spawn(process.execPath, args, { cwd: sb.box, env: {}, stdio: ["pipe", "pipe", "pipe", "pipe"], detached: true });
    sb.wire();
    const first = await sb.nextLine(limits.startMs);
    if (first instanceof Error) {
      sb.kill();
      return { error: first.message, stderr: sb.stderr.text };
    }
    try {
      const hello = JSON.parse(first) as Hello;
      if (hello?.t !== "hello" || typeof hello.exports !== "object") throw new Error("bad hello");
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
    return { ok: true, obs: reply.obs, ms: ms() };
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

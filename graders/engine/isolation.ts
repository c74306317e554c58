/**
 * Isolation levels for the sandboxed child, detected once per grader process.
 *
 *  - `standard`: Node's permission model (read only the temporary box), frozen
 *    intrinsics, no code generation from strings, heap cap, empty
 *    environment, own process group, the shim's removed process APIs, and
 *    rlimits through `prlimit` when it exists (lowering limits needs no
 *    privilege): address space, CPU seconds, file size 0, open files, no core.
 *  - `strict`: all of `standard`, plus a fresh network namespace with only
 *    `lo` (`unshare --net`), the unprivileged uid/gid 65534 with no
 *    supplementary groups, no-new-privs and a parent-death SIGKILL
 *    (`setpriv`). Needs root (CAP_SYS_ADMIN for the namespace, CAP_SETUID for
 *    the uid switch) and the util-linux tools; detected by running the whole
 *    wrapper once on `true` and once on this node binary (which nobody must be
 *    able to execute).
 *
 * Every wrapper execs in place (no fork), so the spawned pid is the node
 * process and its process group is the child's.
 *
 * @see ../../../shared/design/SECURITY.md "Isolation levels"
 */

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { usageError } from "../cli/errors.js";

export type IsolationLevel = "strict" | "standard";
export type IsolationRequest = IsolationLevel | "auto";
export const ISOLATION_REQUESTS: readonly IsolationRequest[] = ["auto", "strict", "standard"];

/** The unprivileged uid/gid the strict child runs as (nobody/nogroup). */
export const NOBODY = 65534;

export interface IsolationPlan {
  level: IsolationLevel;
  /** the layers in force, for the report's diagnostics and the docs */
  layers: string[];
  /** argv that precedes `node …` (empty when no wrapper is available) */
  wrapper(limits: RlimitSpec): string[];
  /** the box and its files must be readable by another uid */
  foreignUid: boolean;
}

export interface RlimitSpec {
  addressSpaceMb: number;
  cpuSeconds: number;
}

const TOOL_DIRS = ["/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin"];

/** Absolute path of a system tool (the child's env has no PATH), or undefined. */
function tool(name: string): string | undefined {
  return TOOL_DIRS.map((d) => `${d}/${name}`).find((p) => existsSync(p));
}

function prlimitArgs(prlimit: string, l: RlimitSpec): string[] {
  return [prlimit, `--as=${l.addressSpaceMb * 1024 * 1024}`, `--cpu=${l.cpuSeconds}`, "--fsize=0", "--nofile=64", "--core=0"];
}

function strictArgs(unshare: string, setpriv: string): string[] {
  return [unshare, "--net", setpriv, `--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", "--no-new-privs", "--pdeathsig=KILL"];
}

interface Detected {
  strict: boolean;
  /** why strict is unavailable */
  reason?: string;
  prlimit?: string;
  unshare?: string;
  setpriv?: string;
}

let cached: Detected | undefined;

function probe(): Detected {
  if (process.platform !== "linux") return { strict: false, reason: "strict isolation needs Linux" };
  const prlimit = tool("prlimit");
  const unshare = tool("unshare");
  const setpriv = tool("setpriv");
  const truth = tool("true");
  const base = { prlimit };
  if (process.getuid?.() !== 0) return { ...base, strict: false, reason: "strict isolation needs root (a network namespace and a uid switch)" };
  const missing = [!unshare && "unshare", !setpriv && "setpriv", !prlimit && "prlimit", !truth && "true"].filter(Boolean);
  if (missing.length) return { ...base, strict: false, reason: `strict isolation needs util-linux's ${missing.join(", ")}` };
  const argv = [...strictArgs(unshare!, setpriv!), ...prlimitArgs(prlimit!, { addressSpaceMb: 4096, cpuSeconds: 5 }), truth!];
  const r = spawnSync(argv[0]!, argv.slice(1), { env: {}, stdio: "ignore", timeout: 5000 });
  if (r.status !== 0) return { ...base, strict: false, reason: `the strict wrapper failed here (${argv.slice(0, 2).join(" ")} … exited ${r.status ?? r.signal})` };
  // The child runs this very node binary as nobody: it must be reachable and executable for that user.
  const n = spawnSync(argv[0]!, [...argv.slice(1, -1), process.execPath, "-e", "0"], { env: {}, stdio: "ignore", timeout: 10_000 });
  if (n.status !== 0) return { ...base, strict: false, reason: `the unprivileged user ${NOBODY} cannot run ${process.execPath} (check the permissions of its folders)` };
  return { strict: true, prlimit, unshare, setpriv };
}

/** What this machine supports (probed once, then cached). */
export function detectIsolation(): Detected {
  cached ??= probe();
  return cached;
}

/**
 * The plan for a requested level: `auto` gives strict where it can be had,
 * else standard; `strict` where it cannot be had is a usage error naming why.
 */
export function planIsolation(request: IsolationRequest = "auto"): IsolationPlan {
  const d = detectIsolation();
  if (request === "strict" && !d.strict) throw usageError(`--isolation strict is not available: ${d.reason}`, "run as root on Linux with util-linux, or pass --isolation standard");
  const strict = request !== "standard" && d.strict;
  const layers = ["permission model", "frozen intrinsics", "no code from strings", "heap cap", "empty env", "own process group", "shim"];
  if (d.prlimit) layers.push("rlimits");
  if (strict) layers.push("network namespace", `uid ${NOBODY}`, "no-new-privs", "parent-death signal");
  return {
    level: strict ? "strict" : "standard",
    layers,
    foreignUid: strict,
    wrapper: (l) => [...(strict ? strictArgs(d.unshare!, d.setpriv!) : []), ...(d.prlimit ? prlimitArgs(d.prlimit, l) : [])],
  };
}

/** Who is grading: a learner grading their own work, a batch of submissions, a take-home. */
export type GradingKind = "learner" | "batch" | "take-home";

/**
 * The isolation a command requests when the operator passes no
 * `--isolation` flag: `auto` for a learner grading their own code (strict
 * where available, else standard), `strict` for batch and take-home grading,
 * which grade other people's code (planIsolation("strict") then fails with a
 * usage error naming why where it cannot be had; the operator may pass
 * `--isolation standard` or `auto` explicitly to accept less). An explicit
 * request always wins.
 */
export function defaultIsolationFor(kind: GradingKind, explicit?: IsolationRequest): IsolationRequest {
  if (explicit) return explicit;
  return kind === "learner" ? "auto" : "strict";
}

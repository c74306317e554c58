/**
 * The child's shim: runs before any learner code is loaded.
 *
 * It captures the primordials the runtime needs (so a submission that
 * replaces globals cannot change what the child reports), removes the process
 * APIs a submission could use to reach outside its box — signals
 * (`process.kill`, `_kill`), native code (`binding`, `_linkedBinding`,
 * `dlopen`), builtin loading (`getBuiltinModule`), credentials (`setuid` …),
 * `chdir`, and the exits (`exit`, `reallyExit`, `abort`, which now throw) —
 * and the network globals (`fetch`, `WebSocket`, `EventSource`). Intrinsics
 * are frozen by Node itself (`--frozen-intrinsics`).
 *
 * Between traces the runtime calls `restoreGlobals()`, which puts back every
 * global binding the previous trace added or replaced, so one case cannot
 * poison the next through globalThis.
 *
 * @see ../../../shared/design/SECURITY.md "The sandboxed child"
 */

const REMOVED = ["kill", "_kill", "binding", "_linkedBinding", "dlopen", "getBuiltinModule", "setuid", "setgid", "seteuid", "setegid", "setgroups", "initgroups", "chdir", "_debugProcess", "_startProfilerIdleNotifier", "openStdin"];
const EXITS = ["exit", "reallyExit", "abort"];
const NETWORK_GLOBALS = ["fetch", "WebSocket", "EventSource", "Request", "Response", "Headers", "FormData"];

const { defineProperty, getOwnPropertyDescriptor } = Object;
const { ownKeys, deleteProperty } = Reflect;

/** What the runtime keeps for itself before the learner's code runs. */
export interface Primordials {
  exit: (code?: number) => never;
  stringify: typeof JSON.stringify;
  parse: typeof JSON.parse;
  writeErr: (s: string) => void;
}

let globalsAtStart: Map<PropertyKey, PropertyDescriptor> | undefined;

function removeProcessApis(): void {
  const p = process as unknown as Record<string, unknown>;
  for (const k of REMOVED) deleteProperty(p, k);
  for (const k of EXITS) {
    defineProperty(p, k, {
      value: () => {
        throw new Error(`process.${k} is not available when grading`);
      },
      writable: false,
      configurable: false,
    });
  }
}

/** Capture primordials, remove dangerous APIs, snapshot the globals. Call once. */
export function harden(): Primordials {
  const p = process as unknown as { reallyExit: (code?: number) => never };
  const realExit = p.reallyExit.bind(process);
  const err = process.stderr;
  const prims: Primordials = {
    exit: (code = 0) => realExit(code),
    stringify: JSON.stringify,
    parse: JSON.parse,
    writeErr: (s) => void err.write(s),
  };
  removeProcessApis();
  const g = globalThis as Record<string, unknown>;
  for (const k of NETWORK_GLOBALS) deleteProperty(g, k);
  globalsAtStart = new Map(ownKeys(globalThis).map((k) => [k, getOwnPropertyDescriptor(globalThis, k)!]));
  return prims;
}

/** Undo what learner code did to globalThis's own properties since harden(). */
export function restoreGlobals(): void {
  if (!globalsAtStart) return;
  for (const k of ownKeys(globalThis)) if (!globalsAtStart.has(k)) deleteProperty(globalThis, k);
  for (const [k, d] of globalsAtStart) {
    const now = getOwnPropertyDescriptor(globalThis, k);
    if (now && now.value === d.value && now.get === d.get && now.set === d.set) continue;
    if (!now || now.configurable) defineProperty(globalThis, k, d);
    else if (now.writable && "value" in d) (globalThis as Record<PropertyKey, unknown>)[k] = d.value;
  }
}

/** A thrown value as one line of text, whatever it is (never throws). */
export function describeThrown(e: unknown): string {
  try {
    if (e instanceof Error) return `${String(e.name)}: ${String(e.message).slice(0, 500)}`;
    if (typeof e === "symbol") return "threw a symbol";
    if (e === null || typeof e !== "object") return `threw ${String(e).slice(0, 200)}`;
    return "threw a non-Error object";
  } catch {
    return "threw a value that cannot be described";
  }
}

/** The global (a registered symbol) the submission's `mmkata/kata` import reads. */
export const KATA_HANDLE = "mmkata.kata";

/**
 * The sandboxed child's main loop. Bundled by the grader with the suite
 * binding and the kit's helpers (the kata's target modules replaced by
 * stubs) into `child.mjs`; the learner's code is bundled separately into
 * `submission.mjs` next to it, and run under Node's permission model.
 *
 * Before any learner code loads, the shim captures primordials and removes
 * dangerous process APIs (see shim.ts). The kit's helpers reach the
 * submission through a frozen global handle (its `mmkata/kata` import), so the
 * learner's zone and the runtime's are the same classes.
 *
 * Every trace runs on a fresh instance of the submission module (imported
 * again under a new URL) after the globals are restored, so module-level
 * state, caches and globals set by one case cannot leak into the next.
 *
 * Reads RunRequests (NDJSON) from stdin, answers each with one RunReply on
 * fd 3.
 */

import { createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { runTrace, type Impl, type SuiteBinding } from "./executor.js";
import type { Hello, RunReply, RunRequest } from "./protocol.js";
import { KATA_HANDLE, describeThrown, harden, restoreGlobals, type Primordials } from "./shim.js";

/** The global the submission's `mmkata/kata` import reads. */
export { KATA_HANDLE } from "./shim.js";

type Namespace = Record<string, unknown>;

function exportsOf(mod: Namespace): Record<string, string> {
  const info: Record<string, string> = {};
  for (const k of Object.keys(mod)) info[k] = typeof mod[k];
  return info;
}

/** The implementation for one trace: the suite's base with the submission's targets. */
function implFrom(base: Impl, mod: Namespace, targets: readonly string[]): Impl {
  const impl: Impl = { ...base };
  for (const name of targets) if (typeof mod[name] === "function") impl[name] = mod[name] as Impl[string];
  return impl;
}

async function load(n: number, prims: Primordials): Promise<Namespace> {
  try {
    const url = new URL(`./submission.mjs?instance=${n}`, import.meta.url).href;
    return (await import(url)) as Namespace;
  } catch (e) {
    prims.writeErr(`${describeThrown(e)}\n`);
    return prims.exit(1);
  }
}

/** Freeze the helpers, their classes' prototypes and exported tables, so a case cannot patch them for the next. */
function freezeExports(kata: Namespace): Namespace {
  for (const v of Object.values(kata)) {
    if (typeof v === "function" && v.prototype) Object.freeze(v.prototype);
    if ((typeof v === "object" && v !== null) || typeof v === "function") Object.freeze(v);
  }
  return Object.freeze({ ...kata });
}

/** Start answering requests; `kata` is the helpers' namespace the submission imports. */
export function serve(binding: SuiteBinding, base: Impl, targets: readonly string[], kata: Namespace): void {
  Object.defineProperty(globalThis, Symbol.for(KATA_HANDLE), { value: freezeExports(kata) });
  const prims = harden();
  const out = createWriteStream("", { fd: 3 });
  const send = (msg: Hello | RunReply): void => void out.write(prims.stringify(msg) + "\n");
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let instance = 0;
  let chain = load(instance, prims).then((mod) => send({ t: "hello", exports: exportsOf(mod) }));
  rl.on("line", (line) => {
    chain = chain.then(async () => {
      const req = prims.parse(line) as RunRequest;
      restoreGlobals();
      const mod = await load(++instance, prims);
      send({ id: req.id, t: "obs", obs: runTrace(binding, implFrom(base, mod, targets), req.case, req.mode) });
    });
  });
  rl.on("close", () => void chain.then(() => prims.exit(0)));
}

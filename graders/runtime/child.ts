/**
 * The sandboxed child's main loop. Bundled by the grader together with the
 * learner's submission and the suite binding (with the kata's target modules
 * replaced by stubs), and run under Node's permission model.
 *
 * Reads RunRequests (NDJSON) from stdin, answers each with one RunReply on
 * fd 3. Captures the primordials it needs before learner code can run, so a
 * submission that monkeypatches JSON.stringify or Array.prototype.push does
 * not change what the child reports.
 */

import { createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { runTrace, type Impl, type SuiteBinding } from "./executor.js";
import type { Hello, RunReply, RunRequest } from "./protocol.js";

const stringify = JSON.stringify;
const parse = JSON.parse;

/** Start answering requests. `submission` is the learner module's namespace. */
export function serve(binding: SuiteBinding, submission: Record<string, unknown>, targets: readonly string[], base: Impl): void {
  const out = createWriteStream("", { fd: 3 });
  const send = (msg: Hello | RunReply): void => {
    out.write(stringify(msg) + "\n");
  };
  const exportsInfo: Record<string, string> = {};
  for (const k of Object.keys(submission)) exportsInfo[k] = typeof submission[k];
  send({ t: "hello", exports: exportsInfo });
  const impl: Impl = { ...base };
  for (const name of targets) if (typeof submission[name] === "function") impl[name] = submission[name] as Impl[string];
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on("line", (line) => {
    const req = parse(line) as RunRequest;
    const obs = runTrace(binding, impl, req.case, req.mode);
    send({ id: req.id, t: "obs", obs });
  });
  rl.on("close", () => process.exit(0));
}

/**
 * TypeScript type errors in a submission, as report diagnostics.
 *
 * The program is built from an explicit root list with `noResolve`: the
 * submission's own files (those the confined compile let in), the kit's
 * public `mmkata/kata` declarations (reference/ sources, or dist/reference
 * .d.ts in a kit without them) and a small ambient file for the builtins a
 * submission may import and `console`. Nothing else is ever read, so a
 * `/// <reference path>` or an import naming a hidden file cannot make a
 * diagnostic print that file's source; and only diagnostics located in a
 * submission file are reported (SECURITY.md "Build-time leaks").
 *
 * Type errors are warnings: a submission that runs correctly still passes
 * (a kata may one day ask for type-correctness). The check runs in a worker
 * thread of the grader (trusted code reading untrusted text, nothing is
 * executed) so it overlaps the cases; the worker is reused and keeps the
 * kit's parsed files, and is replaced when a check exceeds TYPECHECK_MS.
 * Where a worker cannot run the check, it runs on the main thread.
 *
 * @see ../../../shared/design/SECURITY.md "Build-time leaks"
 */

import type tsModule from "typescript";
import { existsSync, readdirSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { Diagnostic } from "../report/report-types.js";
import { KIT_ROOT } from "./paths.js";
import { ALLOWED_BUILTINS } from "./compile.js";

/** At most this many type errors are reported (one more line says how many were left out). */
export const MAX_TYPE_DIAGNOSTICS = 20;
/** A type check that takes longer is abandoned (an info diagnostic says so). */
export const TYPECHECK_MS = 30_000;

interface CheckRequest {
  root: string;
  own: string[];
  kit: string[];
  kata: string;
  ambient: string;
  max: number;
}

interface CheckResult {
  messages: string[];
  total: number;
}

/**
 * The whole check, self-contained (it runs in the worker from its source
 * text, so it may use nothing but its arguments and globals). Parsed kit and
 * lib files and the last program (for structure reuse) are kept on
 * globalThis across calls.
 */
function runCheck(ts: typeof tsModule, req: CheckRequest): CheckResult {
  const g = globalThis as { __mmkataTsCache?: Map<string, tsModule.SourceFile>; __mmkataTsLast?: tsModule.Program };
  const cache = (g.__mmkataTsCache ??= new Map());
  const ambientFile = "/__mmkata__/ambient.d.ts";
  const opts: tsModule.CompilerOptions = {
    target: ts.ScriptTarget.ES2022, lib: ["lib.es2022.d.ts"], module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true, strict: true, noEmit: true, noResolve: true, skipLibCheck: true, types: [], paths: { "mmkata/kata": [req.kata] },
  };
  const own = new Set(req.own);
  const host = ts.createCompilerHost(opts, true);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (file, lang, onError, fresh) => {
    if (file === ambientFile) return cache.get(file) ?? (cache.set(file, ts.createSourceFile(file, req.ambient, lang)), cache.get(file));
    if (own.has(file)) return read(file, lang, onError, fresh);
    const hit = cache.get(file) ?? read(file, lang, onError, fresh);
    if (hit) cache.set(file, hit);
    return hit;
  };
  const program = ts.createProgram({ rootNames: [...req.own, ...req.kit, ambientFile], options: opts, host, oldProgram: g.__mmkataTsLast });
  g.__mmkataTsLast = program;
  const found = req.own.flatMap((f) => {
    const sf = program.getSourceFile(f);
    return sf ? [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)] : [];
  });
  const mine = found.filter((d) => d.file !== undefined && own.has(d.file.fileName));
  const messages = mine.slice(0, req.max).map((d) => {
    const { line, character } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
    const where = d.file!.fileName.slice(req.root.length + 1);
    return `${where}:${line + 1}:${character + 1} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, " ").slice(0, 500)}`;
  });
  return { messages, total: mine.length };
}

function listFiles(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(suffix)).map((f) => join(dir, f)).sort();
}

let kit: { kata: string; files: string[] } | undefined;

/**
 * The kit's public `mmkata/kata` entry and the files it reaches: the
 * reference's sources (shipped in the package; never stale, unlike a dist/
 * built before the last edit), else the build's .d.ts.
 */
function kitFiles(): { kata: string; files: string[] } {
  const src = join(KIT_ROOT, "reference");
  if (existsSync(join(src, "kata.ts"))) return { kata: join(src, "kata.ts"), files: listFiles(src, ".ts") };
  const dist = join(KIT_ROOT, "dist", "reference");
  return { kata: join(dist, "kata.d.ts"), files: listFiles(dist, ".d.ts") };
}

const AMBIENT = [
  ...ALLOWED_BUILTINS.flatMap((b) => [`declare module "${b}";`, `declare module "node:${b}";`]),
  "interface MmkataConsole { log(...data: unknown[]): void; error(...data: unknown[]): void; warn(...data: unknown[]): void; info(...data: unknown[]): void; debug(...data: unknown[]): void; }",
  "declare var console: MmkataConsole;",
].join("\n");

const WORKER_SOURCE = `const { parentPort, workerData } = require("node:worker_threads");
const ts = require(workerData.typescript);
const runCheck = (${runCheck.toString()});
parentPort.on("message", (req) => {
  try { parentPort.postMessage({ ok: true, result: runCheck(ts, req) }); }
  catch (e) { parentPort.postMessage({ ok: false, error: String((e && e.message) || e) }); }
});`;

const require = createRequire(import.meta.url);
let worker: Worker | undefined;
let queue: Promise<unknown> = Promise.resolve();

type WorkerAnswer = { ok: true; result: CheckResult } | { ok: false; error: string };

function inWorker(req: CheckRequest): Promise<WorkerAnswer> {
  if (!worker) {
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { typescript: require.resolve("typescript") }, env: {} });
    worker.unref();
  }
  const w = worker;
  return new Promise((res) => {
    const done = (a: WorkerAnswer): void => {
      clearTimeout(timer);
      w.off("message", done).off("error", failed);
      res(a);
    };
    const failed = (e: Error): void => {
      if (worker === w) worker = undefined;
      done({ ok: false, error: `worker: ${e.message}` });
    };
    const timer = setTimeout(() => {
      if (worker === w) worker = undefined;
      void w.terminate();
      done({ ok: false, error: `timeout after ${TYPECHECK_MS} ms` });
    }, TYPECHECK_MS);
    w.on("message", done).on("error", failed);
    w.postMessage(req);
  });
}

async function check(req: CheckRequest): Promise<CheckResult | string> {
  const a = await inWorker(req).catch((e: Error): WorkerAnswer => ({ ok: false, error: `worker: ${e.message}` }));
  if (a.ok) return a.result;
  if (a.error.startsWith("timeout")) return a.error;
  try {
    const ts = (await import("typescript")).default;
    return runCheck(ts, req);
  } catch (e) {
    return String((e as Error)?.message ?? e);
  }
}

/**
 * Type-check a submission's files (absolute, realpath'd, inside `root`);
 * resolves to at most MAX_TYPE_DIAGNOSTICS + 1 warnings. Only `.ts`/`.mts`
 * files are checked. Never rejects: a checker failure is one info diagnostic.
 * Checks run one at a time (one worker).
 */
export function typecheckSubmission(root: string, files: readonly string[]): Promise<Diagnostic[]> {
  const own = files.filter((f) => /\.m?ts$/.test(f) && !f.endsWith(".d.ts"));
  if (own.length === 0) return Promise.resolve([]);
  kit ??= kitFiles();
  const req: CheckRequest = { root: realpathSync(root), own, kit: kit.files, kata: kit.kata, ambient: AMBIENT, max: MAX_TYPE_DIAGNOSTICS };
  const p = queue.then(() => check(req));
  queue = p.catch(() => undefined);
  return p.then((r) => {
    if (typeof r === "string") return [{ severity: "info", source: "compile", message: `type check skipped: ${r.slice(0, 200)}` }];
    const out: Diagnostic[] = r.messages.map((message) => ({ severity: "warning", source: "compile", message }));
    if (r.total > r.messages.length) out.push({ severity: "warning", source: "compile", message: `${r.total - r.messages.length} more type errors not shown` });
    return out;
  });
}

/**
 * Compiling a submission into the two files the sandboxed child runs.
 *
 * `submission.mjs` is the learner's code, bundled alone (ESM, so top-level
 * await works); the child imports it afresh for every trace. `child.mjs` is
 * the runtime: the suite's op binding, the kit's helpers and the child's main
 * loop; it depends only on the kata, so it is built once per process. Two
 * plugins keep it honest:
 *  - confinement: the submission may import only relative files that resolve
 *    (through realpath) inside the submission root, `mmkata/kata` (a virtual
 *    module reading the runtime's helpers from a frozen global handle) and an
 *    allow-list of pure builtins (node:assert, node:util). Anything else —
 *    absolute paths, `..` escapes, symlinks out, other packages, the
 *    reference itself, node:fs/net/child_process — is a compile error naming
 *    the import, and so is a dynamic import() with a computed specifier.
 *  - target removal: the reference modules that implement the kata's target
 *    functions are replaced by stubs that throw, so the runtime the learner's
 *    code sees has no reference answer to call.
 *
 * @see ../../../shared/design/SECURITY.md "Build-time leaks"
 */

import { build, type Message, type Plugin } from "esbuild";
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { KIT_ROOT } from "./paths.js";
import type { Exercise } from "./exercise-types.js";
import type { Suite } from "../suites/index.js";
import * as kataNs from "../../reference/kata.js";
import { KATA_HANDLE } from "../runtime/shim.js";

/** `code` is the child's runtime, `submission` the learner's module, `files` the submission's sources. */
export type CompileResult = { ok: true; code: string; submission: string; files: string[] } | { ok: false; diagnostics: string[] };

const EXTENSIONS = ["", ".ts", ".js", ".mts", ".mjs", "/index.ts", "/index.js"];
const BUILTINS = new Set(builtinModules);

function isInside(root: string, file: string): boolean {
  const rel = relative(root, file);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

function resolveRelative(fromDir: string, spec: string): string | undefined {
  for (const ext of EXTENSIONS) {
    const p = resolve(fromDir, spec + ext);
    if (existsSync(p) && statSync(p).isFile()) return p;
    if (ext === "" && /\.js$/.test(spec)) {
      const ts = resolve(fromDir, spec.replace(/\.js$/, ".ts"));
      if (existsSync(ts)) return ts;
    }
  }
  return undefined;
}

/** Builtins a submission may import: pure helpers with no I/O. */
export const ALLOWED_BUILTINS = ["assert", "assert/strict", "util"];
const ALLOWED = new Set(ALLOWED_BUILTINS.flatMap((b) => [b, `node:${b}`]));
const KATA_NS = "mmkata-kata";

function refuse(spec: string): { errors: { text: string }[] } {
  const builtins = ALLOWED_BUILTINS.map((b) => `node:${b}`).join(", ");
  return { errors: [{ text: `import "${spec}" is not allowed: a submission may import only its own files (./…), "mmkata/kata" and the builtins ${builtins}` }] };
}

/** Resolution inside the submission: see the file header. Records each file it lets in. */
function confinementPlugin(root: string, files: string[]): Plugin {
  const realRoot = realpathSync(root);
  return {
    name: "mmkata-confine",
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === "entry-point") return undefined;
        const spec = args.path;
        if (spec === "mmkata/kata") return { path: "mmkata/kata", namespace: KATA_NS };
        if (ALLOWED.has(spec)) return { path: spec, external: true };
        if (spec.startsWith("node:") || BUILTINS.has(spec) || (!spec.startsWith("./") && !spec.startsWith("../"))) return refuse(spec);
        const file = resolveRelative(args.resolveDir, spec);
        if (!file) return { errors: [{ text: `cannot find "${spec}" (relative to ${relative(realRoot, args.resolveDir) || "."})` }] };
        const real = realpathSync(file);
        if (!isInside(realRoot, real)) return { errors: [{ text: `import "${spec}" leaves the submission folder; only files inside it may be imported` }] };
        files.push(real);
        return { path: real };
      });
      b.onLoad({ filter: /.*/, namespace: KATA_NS }, () => ({
        contents: `const k = globalThis[Symbol.for(${JSON.stringify(KATA_HANDLE)})];\nexport const { ${Object.keys(kataNs).join(", ")} } = k;\n`,
        loader: "js",
      }));
    },
  };
}

/** Names exported by a reference module (functions and consts), for its stub. */
function exportedNames(file: string): string[] {
  const src = readFileSync(file, "utf8");
  return [...src.matchAll(/^export (?:function|const|let|class) ([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]!);
}

function targetRemovalPlugin(files: readonly string[]): Plugin {
  const targets = new Set(files.map((f) => resolve(KIT_ROOT, f)));
  return {
    name: "mmkata-remove-targets",
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        if (!targets.has(args.path)) return undefined;
        const names = exportedNames(args.path);
        const contents = names
          .map((n) => `export function ${n}() { throw new Error("${n} is not available when grading: it is what this kata asks you to write"); }`)
          .join("\n");
        return { contents, loader: "ts" };
      });
    },
  };
}

function formatMessage(m: Message, root: string, workDir: string): string {
  const loc = m.location;
  const where = loc ? `${relative(root, resolve(workDir, loc.file)) || loc.file}:${loc.line}:${loc.column + 1}: ` : "";
  const line = loc?.lineText ? `\n    ${loc.lineText.trim()}` : "";
  return `${where}${m.text}${line}`;
}

/** Runtime bundles by suite and target modules: they do not depend on the submission. */
const runtimeCache = new Map<string, Promise<string>>();

/** The child's runtime (`child.mjs`): binding, helpers with targets removed, main loop. */
function buildRuntime(ex: Exercise, suite: Suite): Promise<string> {
  const targets = ex.api.functions.map((f) => f.name);
  const refs = [...new Set(ex.api.functions.map((f) => f.reference))].sort();
  const key = JSON.stringify([suite.name, targets, refs]);
  const hit = runtimeCache.get(key);
  if (hit) return hit;
  const stdin = [
    `import * as kata from ${JSON.stringify(join(KIT_ROOT, "reference", "kata.ts"))};`,
    `import { ${suite.bindingExport} as binding, ${suite.implExport} as base } from ${JSON.stringify(join(KIT_ROOT, suite.bindingModule))};`,
    `import { serve } from ${JSON.stringify(join(KIT_ROOT, "graders", "runtime", "child.ts"))};`,
    `serve(binding, base, ${JSON.stringify(targets)}, kata);`,
  ].join("\n");
  const p = build({
    stdin: { contents: stdin, resolveDir: KIT_ROOT, loader: "ts", sourcefile: "mmkata-child-entry.ts" },
    ...COMMON,
    plugins: [targetRemovalPlugin(refs)],
  }).then((out) => out.outputFiles[0]!.text);
  runtimeCache.set(key, p);
  p.catch(() => runtimeCache.delete(key));
  return p;
}

const COMMON = { bundle: true, write: false, platform: "node", format: "esm", target: "node20", logLevel: "silent" } as const;

/**
 * A dynamic import with a computed specifier would load any builtin at run
 * time (node:net in the standard level); esbuild bundles only literal ones, so
 * any `import(` left in the bundled submission is refused.
 */
function dynamicImportProblem(code: string): string | undefined {
  const m = /\bimport\s*\(/.exec(code);
  return m ? "a dynamic import() with a computed specifier is not allowed in a submission (import modules statically)" : undefined;
}

/**
 * Bundle the submission's entry (`submission.mjs`) and the child's runtime
 * (`child.mjs`). Returns both, with the submission's files, or diagnostics
 * with submission-relative paths.
 */
export async function compileSubmission(ex: Exercise, suite: Suite, root: string, entry: string): Promise<CompileResult> {
  const entryAbs = resolve(root, entry);
  if (!existsSync(entryAbs)) return { ok: false, diagnostics: [`${entry}: file not found in ${root}`] };
  const files = [realpathSync(entryAbs)];
  try {
    const out = await build({ entryPoints: [files[0]!], absWorkingDir: dirname(entryAbs), ...COMMON, plugins: [confinementPlugin(root, files)] });
    const submission = out.outputFiles[0]!.text;
    const dynamic = dynamicImportProblem(submission);
    if (dynamic) return { ok: false, diagnostics: [dynamic] };
    return { ok: true, code: await buildRuntime(ex, suite), submission, files };
  } catch (e) {
    const errors = (e as { errors?: Message[] }).errors;
    if (!errors) return { ok: false, diagnostics: [String((e as Error).message)] };
    return { ok: false, diagnostics: errors.slice(0, 10).map((m) => formatMessage(m, realpathSync(root), dirname(entryAbs)).split(sep).join("/")) };
  }
}

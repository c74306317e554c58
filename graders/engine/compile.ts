/**
 * Compiling a submission into the one file the sandboxed child runs.
 *
 * esbuild bundles a generated entry that imports the learner's module, the
 * suite's op binding and the child main loop. Two plugins keep it honest:
 *  - confinement: inside the submission, only relative imports that resolve
 *    (through realpath) inside the submission root, `mmkata/kata`, and Node
 *    builtins (left external; the permission model governs them) are allowed.
 *    Anything else — absolute paths, `..` escapes, symlinks out, other
 *    packages, the reference itself — is a compile error naming the import.
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

export type CompileResult = { ok: true; code: string } | { ok: false; diagnostics: string[] };

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

function confinementPlugin(root: string): Plugin {
  const realRoot = realpathSync(root);
  return {
    name: "mmkata-confine",
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (!args.importer || !isInside(realRoot, args.importer)) return undefined;
        const spec = args.path;
        if (spec === "mmkata/kata") return { path: join(KIT_ROOT, "reference", "kata.ts") };
        if (spec.startsWith("node:") || BUILTINS.has(spec)) return { path: spec, external: true };
        if (!spec.startsWith("./") && !spec.startsWith("../")) {
          return { errors: [{ text: `import "${spec}" is not allowed: a submission may import only its own files (./…), "mmkata/kata" and Node builtins` }] };
        }
        const file = resolveRelative(args.resolveDir, spec);
        if (!file) return { errors: [{ text: `cannot find "${spec}" (relative to ${relative(realRoot, args.resolveDir) || "."})` }] };
        const real = realpathSync(file);
        if (!isInside(realRoot, real)) return { errors: [{ text: `import "${spec}" leaves the submission folder; only files inside it may be imported` }] };
        return { path: real };
      });
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

/**
 * Bundle the submission's entry with the suite runtime for the child.
 * Returns the bundle's code, or diagnostics with submission-relative paths.
 */
export async function compileSubmission(ex: Exercise, suite: Suite, root: string, entry: string): Promise<CompileResult> {
  const entryAbs = resolve(root, entry);
  if (!existsSync(entryAbs)) return { ok: false, diagnostics: [`${entry}: file not found in ${root}`] };
  const targets = ex.api.functions.map((f) => f.name);
  const stdin = [
    `import * as submission from ${JSON.stringify(realpathSync(entryAbs))};`,
    `import { ${suite.bindingExport} as binding, ${suite.implExport} as base } from ${JSON.stringify(join(KIT_ROOT, suite.bindingModule))};`,
    `import { serve } from ${JSON.stringify(join(KIT_ROOT, "graders", "runtime", "child.ts"))};`,
    `serve(binding, submission, ${JSON.stringify(targets)}, base);`,
  ].join("\n");
  try {
    const out = await build({
      stdin: { contents: stdin, resolveDir: KIT_ROOT, loader: "ts", sourcefile: "mmkata-child-entry.ts" },
      bundle: true,
      write: false,
      platform: "node",
      format: "esm",
      target: "node20",
      logLevel: "silent",
      absWorkingDir: dirname(entryAbs),
      plugins: [confinementPlugin(root), targetRemovalPlugin([...new Set(ex.api.functions.map((f) => f.reference))])],
    });
    return { ok: true, code: out.outputFiles[0]!.text };
  } catch (e) {
    const errors = (e as { errors?: Message[] }).errors;
    if (!errors) return { ok: false, diagnostics: [String((e as Error).message)] };
    return { ok: false, diagnostics: errors.slice(0, 10).map((m) => formatMessage(m, realpathSync(root), dirname(entryAbs)).split(sep).join("/")) };
  }
}

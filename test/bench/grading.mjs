// Grading benchmark: how long `mmkata grade` takes on buddy-coalesce (proof
// solution, every hidden case, >= 10,000 checked ops) against how long
// `vitest run` takes on the kata's public test file. Target ratio <= 0.5.
// Runs against dist/ (npm run build first). Exports benchGrading().
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const KIT = fileURLToPath(new URL("../..", import.meta.url));
const SLUG = "buddy-coalesce";

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timeGrading(runs) {
  const { grade } = await import(join(KIT, "dist/graders/engine/grade.js"));
  const { loadExercise } = await import(join(KIT, "dist/graders/engine/catalog.js"));
  const exercise = loadExercise(SLUG);
  const times = [];
  let ops = 0;
  let score = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = await grade({ exercise, root: join(KIT, "test/fixtures/solutions", SLUG), entry: "solution.ts", seed: 1, disclosure: "counterexample" });
    times.push(performance.now() - t0);
    ops = r.cases.reduce((s, c) => s + c.ops, 0);
    score = r.score.points;
  }
  return { ms: median(times), ops, score, cases: ops };
}

function timeVitest(runs) {
  const dir = join(KIT, ".mmkata-tmp", `bench-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  cpSync(join(KIT, "exercises", SLUG, "public.test.ts"), join(dir, "public.test.ts"));
  cpSync(join(KIT, "test/fixtures/solutions", SLUG, "solution.ts"), join(dir, "solution.ts"));
  writeFileSync(join(dir, "vitest.config.mjs"), `export default { resolve: { alias: [{ find: /^mmkata\\/kata$/, replacement: ${JSON.stringify(join(KIT, "dist/reference/kata.js"))} }] }, test: { include: ["public.test.ts"] } };\n`);
  const times = [];
  try {
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      execFileSync(process.execPath, [join(KIT, "node_modules/vitest/vitest.mjs"), "run", "--root", dir, "--config", join(dir, "vitest.config.mjs")], { stdio: "pipe" });
      times.push(performance.now() - t0);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { ms: median(times) };
}

/**
 * Sandbox overhead: what the sandbox adds to grading buddy-coalesce's proof
 * solution (every hidden case, seed 1, warm grader: medians of `runs`).
 *  - sandboxed: the real grade() with the isolation this machine gives and no
 *    type check (type checking is not the sandbox's cost; benchGrading
 *    includes it): compile, child start, every case in the child against the
 *    reference here, scoring, the validated report.
 *  - inProcess (unsafe, bench-only): the same work without a child: load the
 *    cases, compile the submission with the same confined esbuild bundle,
 *    import it into this process once, and run every case on the reference
 *    and on the submission here, comparing op by op.
 *  - referenceTwice: the old baseline (reference against itself, nothing
 *    compiled or loaded), kept for comparison with earlier figures.
 * Also: the child's start time (spawn to hello) and the per-case overhead
 * ((sandboxed - inProcess) / cases).
 */
export async function benchSandbox(runs = 3) {
  const d = (p) => import(join(KIT, "dist", p));
  const [{ grade }, { loadExercise }, { loadCases }, { suites }, { runTrace }, { firstDivergence }, { compileSubmission }, { Sandbox }, { planIsolation }, kata] = await Promise.all(
    ["graders/engine/grade.js", "graders/engine/catalog.js", "graders/engine/cases.js", "graders/suites/index.js", "graders/runtime/executor.js", "graders/engine/compare.js", "graders/engine/compile.js", "graders/engine/sandbox.js", "graders/engine/isolation.js", "reference/kata.js"].map(d),
  );
  const exercise = loadExercise(SLUG);
  const suite = suites[exercise.suite];
  const root = join(KIT, "test/fixtures/solutions", SLUG);
  const targets = exercise.api.functions.map((f) => f.name);
  Object.defineProperty(globalThis, Symbol.for("mmkata.kata"), { value: Object.freeze({ ...kata }), configurable: true });
  const tmp = join(KIT, ".mmkata-tmp", `bench-sb-${process.pid}`);
  mkdirSync(tmp, { recursive: true });
  const twice = [];
  const inProc = [];
  const sandboxed = [];
  let nCases = 0;
  try {
    for (let i = 0; i < runs; i++) {
      let t0 = performance.now();
      const cases = loadCases(exercise, suite, 1);
      for (const hc of cases) firstDivergence(runTrace(suite.binding, suite.referenceImpl, hc, "digest"), runTrace(suite.binding, suite.referenceImpl, hc, "digest"));
      twice.push(performance.now() - t0);
      nCases = cases.length;
      t0 = performance.now();
      const again = loadCases(exercise, suite, 1);
      const compiled = await compileSubmission(exercise, suite, root, "solution.ts");
      writeFileSync(join(tmp, `s${i}.mjs`), compiled.submission);
      const mod = await import(join(tmp, `s${i}.mjs`));
      const impl = { ...suite.referenceImpl, ...Object.fromEntries(targets.map((n) => [n, mod[n]])) };
      for (const hc of again) firstDivergence(runTrace(suite.binding, suite.referenceImpl, hc, "digest"), runTrace(suite.binding, impl, hc, "digest"));
      inProc.push(performance.now() - t0);
      t0 = performance.now();
      await grade({ exercise, root, entry: "solution.ts", seed: 1, disclosure: "counterexample", isolation: "auto", typecheck: false });
      sandboxed.push(performance.now() - t0);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const plan = planIsolation("auto");
  const compiled = await compileSubmission(exercise, suite, root, "solution.ts");
  const starts = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const sb = await Sandbox.start(compiled, plan);
    starts.push(performance.now() - t0);
    sb.kill?.();
  }
  const g = median(sandboxed);
  const p = median(inProc);
  const r2 = median(twice);
  return {
    isolation: plan.level, sandboxedMs: Math.round(g), inProcessMs: Math.round(p), ratio: Math.round((g / p) * 100) / 100,
    referenceTwiceMs: Math.round(r2), ratioVsReferenceTwice: Math.round((g / r2) * 100) / 100,
    childStartMs: Math.round(median(starts)), perCaseOverheadMs: Math.round(((g - p) / nCases) * 10) / 10, cases: nCases,
  };
}

export async function benchGrading(runs = 3) {
  const g = await timeGrading(runs);
  const v = timeVitest(runs);
  return { gradeMs: Math.round(g.ms), checkedOps: g.ops, score: g.score, vitestMs: Math.round(v.ms), ratio: Math.round((g.ms / v.ms) * 100) / 100 };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log({ ...(await benchGrading()), sandbox: await benchSandbox() });

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

export async function benchGrading(runs = 3) {
  const g = await timeGrading(runs);
  const v = timeVitest(runs);
  return { gradeMs: Math.round(g.ms), checkedOps: g.ops, score: g.score, vitestMs: Math.round(v.ms), ratio: Math.round((g.ms / v.ms) * 100) / 100 };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await benchGrading());

/**
 * Property tests: every input mmkata parses, fed garbage, either parses or
 * fails with an MmkataError whose message names the file or flag — never
 * another exception, a crash or a hang. Fixed seeds and bounded runs, so the
 * file is fast and every failure replays.
 */

import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadCatalog, loadExercise, loadExerciseDir, listSlugs } from "../../graders/engine/catalog.js";
import { loadCases } from "../../graders/engine/cases.js";
import { grade } from "../../graders/engine/grade.js";
import { readManifest } from "../../graders/engine/workspace.js";
import { parseReport } from "../../graders/report/validate.js";
import { intInRange } from "../../graders/cli/options.js";
import { main } from "../../graders/cli/main.js";
import { MmkataError, EXIT_INTERNAL } from "../../graders/cli/errors.js";
import { suites } from "../../graders/suites/index.js";
import { EXERCISES_DIR } from "../../graders/engine/paths.js";

const TMP = mkdtempSync(join(tmpdir(), "mmkata-fuzz-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
const RUNS = { seed: 20261122, numRuns: 60 };

/** Run fn: fine if it returns; if it throws, the error must be a clean MmkataError mentioning `where`. */
function clean(fn: () => unknown, where: string, code: MmkataError["code"] = "input"): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof MmkataError)) throw new Error(`not a clean error: ${String((e as Error)?.stack ?? e)}`);
    expect(e.code).toBe(code);
    expect(e.message).toContain(where);
  }
}

/** Garbage text: random strings, random JSON, truncated or deeply nested JSON, binary. */
const garbage = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString("latin1")),
  fc.nat({ max: 5000 }).map((n) => "[".repeat(n) + "]".repeat(n)),
  fc.nat({ max: 5000 }).map((n) => '{"a":'.repeat(n) + "1" + "}".repeat(n)),
);

/** A JSON document with one value somewhere inside replaced by garbage (or deleted). */
function mutated(doc: unknown): fc.Arbitrary<string> {
  const paths: (string | number)[][] = [];
  const walk = (x: unknown, p: (string | number)[]): void => {
    paths.push(p);
    if (x && typeof x === "object") for (const [k, v] of Object.entries(x)) walk(v, [...p, Array.isArray(x) ? Number(k) : k]);
  };
  walk(doc, []);
  return fc.tuple(fc.constantFrom(...paths.filter((p) => p.length > 0)), fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined })).map(([path, value]) => {
    const copy = structuredClone(doc) as Record<string | number, unknown>;
    let cur = copy;
    for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
    const last = path.at(-1)!;
    if (value === undefined) delete cur[last];
    else cur[last] = value;
    return JSON.stringify(copy);
  });
}

const realExercise = JSON.parse(readFileSync(join(EXERCISES_DIR, "buddy-coalesce", "exercise.json"), "utf8")) as Record<string, unknown>;

/** A kata folder named `slug` in a fresh temp root, with the content files and the given exercise.json text. */
function kataDir(slug: string, text: string): string {
  const dir = mkdtempSync(join(TMP, "ex-"));
  mkdirSync(join(dir, slug));
  for (const f of ["instructions.md", "hints.md", "public.test.ts"]) writeFileSync(join(dir, slug, f), "x");
  writeFileSync(join(dir, slug, "exercise.json"), text);
  return join(dir, slug);
}

describe("exercise.json (loadExerciseDir)", () => {
  it("garbage is an input error naming the file", () => {
    fc.assert(fc.property(garbage, (text) => {
      const dir = kataDir("buddy-coalesce", text);
      clean(() => loadExerciseDir(dir, "buddy-coalesce"), join(dir, "exercise.json"));
    }), RUNS);
  });

  it("a valid exercise with one value replaced or removed parses or names the file and the JSON path", () => {
    fc.assert(fc.property(mutated(realExercise), (text) => {
      const dir = kataDir("buddy-coalesce", text);
      clean(() => loadExerciseDir(dir, "buddy-coalesce"), join(dir, "exercise.json"));
    }), RUNS);
  });
});

describe("catalog folders (listSlugs, loadCatalog)", () => {
  const entry = fc.record({ name: fc.stringMatching(/^[a-z0-9._-]{1,12}$/), kind: fc.constantFrom("file", "dir", "kata", "json-dir", "loop"), text: garbage });

  it("a folder of junk lists without throwing and loads or names the broken file", () => {
    fc.assert(fc.property(fc.array(entry, { maxLength: 6 }), (entries) => {
      const root = mkdtempSync(join(TMP, "cat-"));
      for (const e of entries) {
        const p = join(root, e.name);
        try {
          if (e.kind === "file") writeFileSync(p, e.text);
          else if (e.kind === "dir") mkdirSync(p);
          else if (e.kind === "kata") {
            mkdirSync(p);
            writeFileSync(join(p, "exercise.json"), e.text);
          }
          else if (e.kind === "json-dir") mkdirSync(join(p, "exercise.json"), { recursive: true });
          else symlinkSync(p, p);
        } catch {
          /* a name used twice: keep the first */
        }
      }
      expect(Array.isArray(listSlugs(root))).toBe(true);
      clean(() => loadCatalog(root), root);
    }), RUNS);
  });

  it("a catalog folder that is missing or a file is an input error naming it", () => {
    const file = join(TMP, "not-a-folder");
    writeFileSync(file, "x");
    for (const root of [join(TMP, "missing"), file]) {
      expect(() => listSlugs(root)).toThrow(MmkataError);
      clean(() => loadCatalog(root), root);
    }
  });
});

describe("case files (loadCases)", () => {
  const ex = loadExercise("buddy-coalesce");
  const suite = suites[ex.suite]!;
  const realCases = JSON.parse(readFileSync(join(ex.dir, "..", "..", "graders", "suites", "buddy", "cases", "buddy-coalesce.json"), "utf8")) as unknown;

  const withCases = (text: string): { file: string; run: () => unknown } => {
    const dir = mkdtempSync(join(TMP, "cases-"));
    writeFileSync(join(dir, "cases.json"), text);
    const local = { ...ex, dir, cases: { ...ex.cases, handcrafted: "./cases.json", generated: [] } };
    return { file: join(dir, "cases.json"), run: () => loadCases(local, suite, 1) };
  };

  it("garbage and damaged case files are input errors naming the file", () => {
    fc.assert(fc.property(fc.oneof(garbage, mutated(realCases)), (text) => {
      const { file, run } = withCases(text);
      clean(run, file);
    }), RUNS);
  });
});

describe("workspace manifests (readManifest)", () => {
  const good = { slug: "buddy-coalesce", language: "ts", entry: "solution.ts", kitVersion: "0.1.0" };
  it("garbage and damaged manifests are input errors naming the file", () => {
    fc.assert(fc.property(fc.oneof(garbage, mutated(good)), (text) => {
      const dir = mkdtempSync(join(TMP, "ws-"));
      writeFileSync(join(dir, ".mmkata.json"), text);
      clean(() => readManifest(dir), join(dir, ".mmkata.json"));
    }), RUNS);
  });
});

describe("reports (parseReport)", () => {
  it("garbage and damaged reports are input errors naming the file", async () => {
    const mutants = new URL("../fixtures/mutants/buddy-coalesce/", import.meta.url).pathname;
    const report = await grade({ exercise: loadExercise("buddy-coalesce"), root: mutants, entry: "always-head.ts", seed: 1, cases: ["buddy.free.single.*"], disclosure: "full", typecheck: false });
    expect(parseReport(JSON.stringify(report), "r.json")).toEqual(report);
    fc.assert(fc.property(fc.oneof(garbage, mutated(report)), (text) => {
      clean(() => parseReport(text, "shard-3/report.json"), "shard-3/report.json");
    }), RUNS);
  });
});

describe("CLI flags", () => {
  it("integer flags reject anything but an integer in range, naming the flag", () => {
    const parse = intInRange("--timeout-ms", 100, 600_000);
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 30 }), fc.double().map(String), fc.bigInt().map(String)), (v) => {
      try {
        const n = parse(v);
        expect(Number.isSafeInteger(n) && n >= 100 && n <= 600_000).toBe(true);
      } catch (e) {
        expect((e as Error).message).toContain("--timeout-ms");
      }
    }), RUNS);
  });

  const out = { text: "" };
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });
  /** argv for commands without side effects: the workspace, reports and slugs named never exist. */
  const token = fc.oneof(
    fc.constantFrom("--seed", "--case", "--format", "--min-score", "--disclosure", "--timeout-ms", "--run-ms", "--heap-mb", "--isolation", "--exercise", "--entry", "--json", "--track", "--sig", "--all", "-V", "--nope", "-x", "--"),
    fc.constantFrom("-1", "0", "1e9", "NaN", "4294967296", "", " ", "strict", "full", "json,terminal", "buddy-coalesce", "a\u0000b", "☃"),
    fc.string({ maxLength: 12 }),
  );
  const argv = fc.tuple(fc.constantFrom("grade", "show", "list", "verify", "merge", "hint", "bogus"), fc.array(token, { maxLength: 8 })).map(([cmd, rest]) => {
    if (cmd === "grade") return [cmd, join(TMP, "no-such-workspace"), ...rest];
    if (cmd === "verify") return [cmd, join(TMP, "no-such-report.json"), ...rest];
    if (cmd === "merge") return [cmd, join(TMP, "no-such-shard"), "--out", join(TMP, "no-such-out"), ...rest];
    if (cmd === "hint") return [cmd, "no-such-kata", ...rest.filter((t) => t !== "--reset")];
    return [cmd, ...rest];
  });

  it("random argv never gives exit 4 (internal error) and never throws", async () => {
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    vi.spyOn(process.stderr, "write").mockImplementation((s) => ((out.text = String(s)), true));
    await fc.assert(fc.asyncProperty(argv, async (args) => {
      process.exitCode = undefined;
      const code = await main(["node", "mmkata", ...args]);
      expect([code, args, out.text]).not.toEqual([EXIT_INTERNAL, args, out.text]);
    }), { ...RUNS, numRuns: 80 });
  });
});

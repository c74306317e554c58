/**
 * Hostile submissions (SECURITY.md's list): whatever a submission does, the
 * grader survives, the report is schema-valid with the right status and a
 * clear message, nothing outside the box is written, no connection reaches
 * the host, no child process outlives the run, and the next submission grades
 * normally. Each fixture is graded on one case with short limits.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import inspector from "node:inspector";
import { fileURLToPath } from "node:url";
import { loadExercise } from "../../graders/engine/catalog.js";
import { grade } from "../../graders/engine/grade.js";
import { detectIsolation, planIsolation, type IsolationRequest } from "../../graders/engine/isolation.js";
import { observationProblem } from "../../graders/engine/sandbox.js";
import { reportProblems } from "../../graders/report/validate.js";
import type { Report } from "../../graders/report/report-types.js";

const HOSTILE = fileURLToPath(new URL("../fixtures/hostile/", import.meta.url));
const SUITE = fileURLToPath(new URL("../../graders/suites/buddy/", import.meta.url));
const PROOF = fileURLToPath(new URL("../fixtures/solutions/buddy-coalesce", import.meta.url));
/** the port the network fixtures try to reach */
const PORT = 39217;
const TIMEOUT = /killed after 1000 ms wall \(limit\)/;

type Expect = [status: Report["status"], message: RegExp];

/** Expected status and message (the report's, or its first case's) for each fixture. */
const EXPECTED: Record<string, Expect> = {
  "loop-sync": ["fail", TIMEOUT],
  "loop-promise": ["fail", TIMEOUT],
  "loop-getter": ["fail", TIMEOUT],
  "loop-at-load": ["error", /failed while loading: timeout after 1500 ms/],
  "tla-never": ["error", /failed while loading: timeout after 1500 ms/],
  // a memory bomb hits the heap cap or address-space limit, or, on a loaded machine, the wall limit first
  "heap-bomb": ["fail", /heap out of memory|killed after 1000 ms wall/],
  "buffer-bomb": ["fail", /Array buffer allocation failed|heap out of memory|killed after 1000 ms wall/],
  "stack-overflow": ["fail", /RangeError: Maximum call stack size exceeded/],
  "process-exit": ["fail", /process\.exit is not available when grading/],
  "process-abort": ["fail", /process\.abort is not available when grading/],
  "kill-parent": ["fail", /process\.kill is not a function/],
  "sigusr1-parent": ["fail", /process\.kill is not a function/],
  "throws-42": ["fail", /threw a non-Error value: 42/],
  "throws-null": ["fail", /threw a non-Error value: null/],
  "throws-symbol": ["fail", /threw a non-Error value: <symbol>/],
  "throws-getters": ["fail", /threw a non-Error value: <object>/],
  "throws-error-bad-getter": ["fail", /threw a value that cannot be described/],
  "proxy-return": ["fail", /op #0 .*expected \[0x0, 0x5\]/],
  "proxy-thrown": ["fail", TIMEOUT],
  "cyclic-return": ["fail", /op #0 .*expected \[0x0, 0x5\]/],
  "huge-return": ["fail", /op #0 .*expected \[0x0, 0x5\]/],
  "bigint-return": ["fail", /op #0 .*expected \[0x0, 0x5\]/],
  "nan-return": ["fail", /op #0 .*expected \[0x0, 0x5\]/],
  "negzero-return": ["fail", /op #0 .*expected \[0x0, 0x5\]/],
  "mutate-inputs": ["fail", /state is corrupted/],
  "patch-object-is": ["error", /failed while loading.*Cannot assign to read only property 'is'/],
  "patch-array-push": ["fail", /Cannot assign to read only property 'push'/],
  "patch-json-stringify": ["fail", /Cannot assign to read only property 'stringify'/],
  "patch-tojson": ["fail", /Cannot add property toJSON, object is not extensible/],
  "patch-math-random": ["fail", /Cannot assign to read only property 'random'/],
  "patch-kata-prototype": ["fail", /Cannot assign to read only property 'spansPfn'/],
  "read-relative": ["error", /does not compile: .*leaves the submission folder/],
  "read-absolute": ["error", /does not compile: .*import "\/etc\/passwd" is not allowed/],
  "read-symlink": ["error", /does not compile: .*"\.\/secret\.json" leaves the submission folder/],
  "read-proc": ["error", /does not compile: .*import "node:fs" is not allowed/],
  "read-getbuiltin": ["fail", /process\.getBuiltinModule is not a function/],
  "read-env": ["fail", /threw Error: env=\{\}/],
  "net-import": ["error", /does not compile: .*import "node:net" is not allowed/],
  "net-fetch": ["fail", /ReferenceError: fetch is not defined/],
  "net-getbuiltin": ["fail", /process\.getBuiltinModule is not a function/],
  "net-dynamic-import": ["error", /does not compile: a dynamic import\(\) with a computed specifier is not allowed/],
  "write-file": ["error", /does not compile: .*import "fs" is not allowed/],
  "spawn-process": ["error", /does not compile: .*import "node:child_process" is not allowed/],
  "spawn-worker": ["error", /does not compile: .*import "node:worker_threads" is not allowed/],
  "forge-answer": ["fail", /op #0 .*expected \[0x0, 0x5\]/],
  "flood-stdout": ["fail", /child process killed|op #0|killed after 1000 ms wall/],
  "flood-answer": ["fail", /heap out of memory|op #0|killed after 1000 ms wall/],
  "syntax-error": ["error", /solution\.js does not compile: solution\.js:3:13: Unexpected ";"/],
  "missing-export": ["error", /does not export freeOnePage \(it exports: somethingElse\)/],
  "misnamed-export": ["error", /does not export freeOnePage \(it exports: free_one_page\)/],
  "export-not-function": ["error", /exports freeOnePage as a number, not a function/],
  "import-reference": ["error", /does not compile: .*import "mmkata\/reference" is not allowed/],
  "import-package": ["error", /does not compile: .*import "vitest" is not allowed/],
  "import-escape-helper": ["error", /does not compile: lib\/escape\.ts:2:\d+: .*leaves the submission folder/],
  "cross-case-poison": ["pass", /1 of 1 cases passed/],
  "types-reference-leak": ["pass", /1 of 1 cases passed/],
  "types-import-hidden": ["pass", /1 of 1 cases passed/],
};

const entryOf = (dir: string): string => (existsSync(`${dir}/solution.js`) ? "solution.js" : "solution.ts");

async function gradeFixture(dir: string, isolation: IsolationRequest = "auto", cases = ["buddy.free.single.head"]): Promise<Report> {
  return grade({ exercise: loadExercise("buddy-coalesce"), root: dir, entry: entryOf(dir), seed: 1, cases, disclosure: "counterexample", isolation, limits: { caseMs: 1000, startMs: 1500 } });
}

/** Live (non-zombie) children of this process that run a sandbox box. */
function sandboxChildren(): number[] {
  const pids: number[] = [];
  for (const p of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      const [, state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(ppid) !== process.pid || state === "Z") continue;
      if (readFileSync(`/proc/${p}/cmdline`, "utf8").includes("mmkata-box-")) pids.push(Number(p));
    } catch {
      /* the process is gone */
    }
  }
  return pids;
}

async function noSandboxChildren(): Promise<number[]> {
  for (let i = 0; i < 50 && sandboxChildren().length > 0; i++) await new Promise((r) => setTimeout(r, 20));
  return sandboxChildren();
}

function caseOrReportMessage(r: Report): string {
  return r.cases[0]?.message ?? r.message ?? "";
}

let server: Server;
let connections = 0;

beforeAll(async () => {
  server = createServer((s) => {
    connections++;
    s.destroy();
  });
  await new Promise<void>((res) => server.listen(PORT, "127.0.0.1", res));
});

afterAll(async () => {
  await new Promise<void>((res) => server.close(() => res()));
});

describe("hostile submissions", () => {
  const level = detectIsolation().strict ? "strict" : "standard";
  const names = readdirSync(HOSTILE).sort();

  it("covers at least 40 fixtures, each with an expectation", () => {
    expect(names.length).toBeGreaterThanOrEqual(40);
    expect(names.filter((n) => !EXPECTED[n])).toEqual([]);
  });

  for (const name of names) {
    it(`${name}: the grader survives with a valid, clear report`, async () => {
      const [status, message] = EXPECTED[name]!;
      const r = await gradeFixture(`${HOSTILE}${name}`);
      expect(reportProblems(r)).toEqual([]);
      expect(r.run.isolation).toBe(level);
      expect(r.status).toBe(status);
      expect(caseOrReportMessage(r)).toMatch(message);
      expect(existsSync(`/tmp/mmkata-pwned-${name}`)).toBe(false);
      expect(connections).toBe(0);
      expect(inspector.url()).toBeUndefined();
      expect(await noSandboxChildren()).toEqual([]);
    });
  }

  it("a flood of output is kept to the cap and marked truncated", async () => {
    const r = await gradeFixture(`${HOSTILE}flood-stdout`);
    expect(r.output!.truncated).toBe(true);
    expect(r.output!.stdout.length).toBeLessThanOrEqual(64 * 1024);
  });

  it("forged answer lines on stdout stay output, never answers", async () => {
    const r = await gradeFixture(`${HOSTILE}forge-answer`);
    expect(r.output!.stdout).toContain('"t":"obs"');
    expect(r.cases[0]!.failure?.kind).toBe("diverged");
  });

  it("state from one case cannot poison the next (fresh module and globals per trace)", async () => {
    const r = await gradeFixture(`${HOSTILE}cross-case-poison`, "auto", ["buddy.free.single.*", "buddy.free.merge.*"]);
    expect(r.cases.length).toBeGreaterThan(4);
    expect(r.cases.every((c) => c.status === "pass")).toBe(true);
  });

  it("standard isolation stops the same submissions from doing harm", async () => {
    for (const name of ["kill-parent", "net-fetch", "net-getbuiltin", "patch-array-push", "read-env", "loop-sync"]) {
      const r = await gradeFixture(`${HOSTILE}${name}`, "standard");
      expect(r.run.isolation).toBe("standard");
      expect(reportProblems(r)).toEqual([]);
      expect(caseOrReportMessage(r)).toMatch(EXPECTED[name]![1]);
    }
    expect(connections).toBe(0);
    expect(await noSandboxChildren()).toEqual([]);
  });

  it("type diagnostics name only the submission's files and print no hidden source", async () => {
    const hidden = ["generators.ts", "invariants.ts", "cases/buddy-coalesce.json"].map((f) => readFileSync(`${SUITE}${f}`, "utf8"));
    const lines = hidden.flatMap((t) => t.split("\n")).map((l) => l.trim()).filter((l) => l.length >= 30);
    const leak = await gradeFixture(`${HOSTILE}types-reference-leak`);
    const imp = await gradeFixture(`${HOSTILE}types-import-hidden`);
    expect(leak.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/^solution\.ts:\d+:\d+ TS2322: Type 'string' is not assignable to type 'number'/)]);
    expect(imp.diagnostics.length).toBeGreaterThan(0);
    expect(imp.diagnostics.every((d) => /^solution\.ts:\d+:\d+ TS2307: Cannot find module '\.\.\//.test(d.message))).toBe(true);
    for (const r of [leak, imp]) {
      const text = JSON.stringify(r);
      expect(lines.filter((l) => text.includes(l))).toEqual([]);
      expect(text).not.toContain("root:x:0:0");
    }
  });

  it("after all of them, a correct submission still scores 100", async () => {
    const r = await grade({ exercise: loadExercise("buddy-coalesce"), root: PROOF, entry: "solution.ts", seed: 1, disclosure: "counterexample" });
    expect(r.status).toBe("pass");
    expect(r.score.points).toBe(100);
  });
});

describe("answer shape and isolation plans", () => {
  it("malformed observations are named, well-formed ones pass", () => {
    expect(observationProblem([{ r: "undefined", d: 7 }, { e: "TypeError: x" }])).toBeUndefined();
    expect(observationProblem([null])).toBe("observation 0 is not an object");
    expect(observationProblem([{ r: 5 }])).toMatch(/observation 0\.r is not a string/);
    expect(observationProblem([{ r: "x".repeat(5000) }])).toMatch(/at most 4096 characters/);
    expect(observationProblem([{ d: 1.5 }])).toBe("observation 0.d is not an integer");
    expect(observationProblem([{ x: 1 }])).toBe('observation 0 has an unknown field "x"');
    let deep: unknown = 1;
    for (let i = 0; i < 20; i++) deep = [deep];
    expect(observationProblem([{ s: deep }])).toMatch(/nested deeper than 16/);
  });

  it("standard never claims the strict layers; strict is what detection says", () => {
    const std = planIsolation("standard");
    expect(std.level).toBe("standard");
    expect(std.layers).not.toContain("network namespace");
    expect(std.wrapper({ addressSpaceMb: 4096, cpuSeconds: 10 }).some((a) => a.endsWith("unshare"))).toBe(false);
    const auto = planIsolation("auto");
    expect(auto.level).toBe(detectIsolation().strict ? "strict" : "standard");
    if (detectIsolation().strict) expect(auto.wrapper({ addressSpaceMb: 4096, cpuSeconds: 10 })).toContain("--reuid=65534");
    else expect(() => planIsolation("strict")).toThrow(/--isolation strict is not available/);
  });
});

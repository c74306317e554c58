/**
 * Type diagnostics (graders/engine/typecheck.ts): located in the submission's
 * own files, capped, never reading beyond the explicit file list, and warnings
 * only — a submission that runs correctly still passes.
 */

import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, realpathSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { MAX_TYPE_DIAGNOSTICS, typecheckSubmission } from "../../graders/engine/typecheck.js";
import { grade } from "../../graders/engine/grade.js";
import { loadExercise } from "../../graders/engine/catalog.js";

const PROOF = fileURLToPath(new URL("../fixtures/solutions/buddy-coalesce/", import.meta.url));
const dirs: string[] = [];

/** A temporary submission folder holding `files`; returns its realpath and the files' absolute paths. */
function submission(files: Record<string, string>): { root: string; paths: string[] } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "mmkata-tc-")));
  dirs.push(root);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  return { root, paths: Object.keys(files).map((f) => join(root, f)) };
}

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("typecheckSubmission", () => {
  it("reports type errors as file:line:col TS-code warnings, in every submission file", async () => {
    const s = submission({
      "solution.ts": 'import { hexPfn } from "mmkata/kata";\nimport { helper } from "./helper.js";\nexport const x: string = helper(hexPfn(1).length);\n',
      "helper.ts": 'export function helper(n: number): number {\n  return n + "a";\n}\n',
    });
    const d = await typecheckSubmission(s.root, s.paths);
    expect(d.map((x) => x.message).sort()).toEqual([
      "helper.ts:2:3 TS2322: Type 'string' is not assignable to type 'number'.",
      "solution.ts:3:14 TS2322: Type 'number' is not assignable to type 'string'.",
    ]);
    expect(d.every((x) => x.severity === "warning" && x.source === "compile")).toBe(true);
  });

  it("finds nothing wrong in the proof solution (the kit's declarations and builtins resolve)", async () => {
    expect(await typecheckSubmission(PROOF, [join(realpathSync(PROOF), "solution.ts")])).toEqual([]);
    const s = submission({ "solution.ts": 'import assert from "node:assert";\nimport { inspect } from "util";\nconsole.log(inspect(1));\nassert(true);\nexport {};\n' });
    expect(await typecheckSubmission(s.root, s.paths)).toEqual([]);
  });

  it("caps the count and says how many were left out", async () => {
    const body = Array.from({ length: MAX_TYPE_DIAGNOSTICS + 5 }, (_, i) => `export const v${i}: number = "x";`).join("\n");
    const s = submission({ "solution.ts": body });
    const d = await typecheckSubmission(s.root, s.paths);
    expect(d).toHaveLength(MAX_TYPE_DIAGNOSTICS + 1);
    expect(d.at(-1)!.message).toBe("5 more type errors not shown");
  });

  it("checks only TypeScript files, and never follows a reference to a file outside the list", async () => {
    const js = submission({ "solution.js": 'export const x = 1; x.nope.call("a");\n' });
    expect(await typecheckSubmission(js.root, js.paths)).toEqual([]);
    const s = submission({ "secret.ts": 'export const secret: number = "SECRET-SOURCE-TEXT";\n', "solution.ts": '/// <reference path="./secret.ts" />\nexport const ok = 1;\n' });
    const d = await typecheckSubmission(s.root, [s.paths[1]!]);
    expect(JSON.stringify(d)).not.toContain("SECRET-SOURCE-TEXT");
    expect(d).toEqual([]);
  });
});

describe("grade() with type errors", () => {
  it("a TypeScript submission that runs correctly passes, with its type errors as warnings", async () => {
    const src = readFileSync(join(PROOF, "solution.ts"), "utf8") + '\nexport const wrong: number = "typed wrong";\n';
    const s = submission({ "solution.ts": src });
    const r = await grade({ exercise: loadExercise("buddy-coalesce"), root: s.root, entry: "solution.ts", seed: 1, cases: ["buddy.free.single.head"], disclosure: "counterexample" });
    expect(r.status).toBe("pass");
    expect(r.diagnostics).toEqual([{ severity: "warning", source: "compile", message: expect.stringMatching(/^solution\.ts:\d+:14 TS2322: Type 'string' is not assignable to type 'number'\.$/) }]);
  });
});

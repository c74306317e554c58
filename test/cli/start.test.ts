import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatStart, start } from "../../graders/cli/commands/start.js";
import { MmkataError } from "../../graders/cli/errors.js";
import { loadExercise } from "../../graders/engine/catalog.js";
import { KIT_ROOT, KIT_VERSION } from "../../graders/engine/paths.js";
import { renderStub } from "../../graders/engine/stubs.js";
import { makeSandbox } from "./fixture-catalog.js";

const box = makeSandbox();
afterAll(() => box.cleanup());
const read = (...p: string[]): string => readFileSync(join(...p), "utf8");
const kitVitest = (createRequire(join(KIT_ROOT, "package.json"))("vitest/package.json") as { version: string }).version;

describe("mmkata start", () => {
  it("writes every workspace file for TypeScript", async () => {
    const r = await start("fixture-find-buddy", { cwd: box.work, root: box.root });
    const dir = join(box.work, "fixture-find-buddy");
    expect(r.dir).toBe(dir);
    expect(r.kept).toEqual([]);
    expect([...r.written].sort()).toEqual(
      [".gitignore", ".mmkata.json", ".npmrc", "README.md", "package.json", "public.test.ts", "solution.ts", "tsconfig.json", "vitest.config.js"].sort(),
    );
    const pkg = JSON.parse(read(dir, "package.json"));
    expect(pkg).toMatchObject({ name: "mmkata-fixture-find-buddy", private: true, type: "module" });
    expect(pkg.scripts).toEqual({ test: "vitest run", "test:watch": "vitest", grade: "mmkata grade .", typecheck: "tsc --noEmit -p ." });
    expect(pkg.devDependencies.mmkata).toBe(`file:${KIT_ROOT}`);
    expect(pkg.devDependencies.typescript).toBeDefined();
    expect(pkg.devDependencies.vitest).toBe(kitVitest);
    expect(JSON.parse(read(dir, ".mmkata.json"))).toEqual({ slug: "fixture-find-buddy", language: "ts", entry: "solution.ts", kitVersion: KIT_VERSION });
    expect(read(dir, ".npmrc")).toBe("prefer-offline=true\naudit=false\nfund=false\n");
    expect(read(dir, ".gitignore")).toContain("node_modules");
    expect(read(dir, "vitest.config.js")).toContain('include: ["public.test.ts"]');
    expect(JSON.parse(read(dir, "tsconfig.json")).compilerOptions).toMatchObject({ strict: true, moduleResolution: "Bundler", noEmit: true });
    expect(read(dir, "README.md")).toMatch(/^# Fixture: find a buddy\n[\s\S]*## How to work[\s\S]*npm install[\s\S]*npm test[\s\S]*npm run grade[\s\S]*mmkata hint/);
    expect(read(dir, "public.test.ts")).toBe(read(box.root, "fixture-find-buddy", "public.test.ts"));
    expect(read(dir, "solution.ts")).toBe(renderStub(loadExercise("fixture-find-buddy", box.root), "ts"));
    expect(read(dir, "solution.ts")).toContain('throw new Error("findBuddyPfn: not implemented yet")');
    expect(formatStart(r, box.work)).toMatch(/cd fixture-find-buddy\n\s+npm install[\s\S]*npm test[\s\S]*npm run grade/);
  });

  it("writes a JavaScript workspace: solution.js, no tsconfig, the public test stays TypeScript", async () => {
    const r = await start("fixture-free-page", { cwd: box.work, root: box.root, lang: "js", dir: "js-ws" });
    const dir = join(box.work, "js-ws");
    expect(r.written).toContain("solution.js");
    expect(r.written).not.toContain("tsconfig.json");
    expect(existsSync(join(dir, "solution.ts"))).toBe(false);
    expect(existsSync(join(dir, "public.test.ts"))).toBe(true);
    expect(JSON.parse(read(dir, ".mmkata.json"))).toMatchObject({ language: "js", entry: "solution.js" });
    const pkg = JSON.parse(read(dir, "package.json"));
    expect(pkg.scripts.typecheck).toBeUndefined();
    expect(pkg.devDependencies.typescript).toBeUndefined();
    const stub = read(dir, "solution.js");
    expect(stub).toContain('import { Zone, MAX_PAGE_ORDER, findBuddyPfn, pageIsBuddy } from "mmkata/kata";');
    expect(stub).toContain("@param {Zone} zone the zone");
    expect(stub).toContain("@returns {boolean}");
    expect(stub).toContain("export function canMerge(zone, pfn, order) {");
  });

  it("refuses a non-empty folder without --force, and a file", async () => {
    const dir = join(box.work, "busy");
    mkdirSync(dir);
    writeFileSync(join(dir, "notes.txt"), "mine");
    const err = (await start("fixture-kmalloc", { cwd: box.work, root: box.root, dir: "busy" }).catch((e: unknown) => e)) as MmkataError;
    expect(err).toBeInstanceOf(MmkataError);
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain("busy already exists and is not empty");
    expect(err.suggestion).toContain("--force");
    expect(existsSync(join(dir, "package.json"))).toBe(false);
    const fileErr = (await start("fixture-kmalloc", { cwd: box.work, root: box.root, dir: "busy/notes.txt" }).catch((e: unknown) => e)) as MmkataError;
    expect(fileErr.message).toContain("is not a folder");
  });

  it("--force rewrites the kit's files but keeps the solution and other files", async () => {
    const first = await start("fixture-kmalloc", { cwd: box.work, root: box.root, dir: "forced" });
    writeFileSync(join(first.dir, "solution.ts"), "export const mine = 1;\n");
    writeFileSync(join(first.dir, "README.md"), "scribbled");
    writeFileSync(join(first.dir, "notes.txt"), "mine");
    const again = await start("fixture-kmalloc", { cwd: box.work, root: box.root, dir: "forced", force: true });
    expect(again.kept).toEqual(["solution.ts"]);
    expect(again.written).not.toContain("solution.ts");
    expect(read(first.dir, "solution.ts")).toBe("export const mine = 1;\n");
    expect(read(first.dir, "notes.txt")).toBe("mine");
    expect(read(first.dir, "README.md")).toContain("## How to work");
    expect(formatStart(again, box.work)).toContain("kept your solution.ts");
  });

  it("an unknown slug is a usage error with a suggestion", async () => {
    const err = (await start("fixture-kmallco", { cwd: box.work, root: box.root }).catch((e: unknown) => e)) as MmkataError;
    expect(err.code).toBe("usage");
    expect(err.suggestion).toContain('"fixture-kmalloc"');
  });
});

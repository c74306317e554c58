/**
 * `mmkata new` and `mmkata check-catalog` on external catalogs: a fresh
 * scaffold grades but lists exactly what is left to do; a completed kata
 * passes; each kind of breakage is reported with its file and JSON path, and
 * the command exits 3.
 */

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copyFileSync, existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { newKata } from "../../graders/cli/commands/new.js";
import { runCheckCatalog } from "../../graders/cli/commands/check-catalog.js";
import { checkKata, type KataCheck } from "../../graders/engine/check-catalog.js";
import { loadExerciseDir } from "../../graders/engine/catalog.js";
import { MmkataError } from "../../graders/cli/errors.js";
import { main } from "../../graders/cli/main.js";
import { completedKata, edit, FIXTURES, tempCatalog, type TempCatalog } from "./helpers.js";

let cat: TempCatalog;
beforeEach(() => (cat = tempCatalog()));
afterEach(() => cat.cleanup());

/** check name → its problems, for the failing checks only */
const failing = (k: KataCheck): Record<string, string[]> => Object.fromEntries(k.items.filter((i) => !i.ok).map((i) => [i.check, i.problems]));

function usageMessage(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(MmkataError);
    expect((e as MmkataError).exitCode).toBe(2);
    return (e as MmkataError).message + " / " + ((e as MmkataError).suggestion ?? "");
  }
  throw new Error("expected a usage error");
}

describe("mmkata new", () => {
  it("writes a loadable kata with every file, its cases next to exercise.json", () => {
    const r = newKata("my-free", { dir: cat.root });
    expect(r.from).toBe("buddy-coalesce");
    expect(r.written.sort()).toEqual([".meta/mutants/README.md", ".meta/solution.ts", "cases.json", "exercise.json", "hints.md", "instructions.md", "public.test.ts"]);
    const ex = loadExerciseDir(r.dir, "my-free");
    expect(ex.api.functions.map((f) => f.name)).toEqual(["freeOnePage"]);
    expect(ex.rubric.map((g) => g.cases[0])).toEqual(["my-free.basic.*", "my-free.random.*"]);
  });

  it("refuses an existing folder, a bad slug and an unknown suite", () => {
    newKata("taken", { dir: cat.root });
    expect(usageMessage(() => newKata("taken", { dir: cat.root }))).toMatch(/taken already exists/);
    expect(usageMessage(() => newKata("Bad_Slug", { dir: cat.root }))).toMatch(/not a valid kata slug.*kebab-case/);
    expect(usageMessage(() => newKata("ok-slug", { dir: cat.root, suite: "budy" }))).toMatch(/unknown suite "budy".*did you mean "buddy"/);
    expect(existsSync(join(cat.root, "ok-slug"))).toBe(false);
  });

  it("is registered in the CLI", async () => {
    expect(await main(["node", "mmkata", "new", "via-cli", "--dir", cat.root, "--suite", "pgtable"])).toBe(0);
    expect(loadExerciseDir(join(cat.root, "via-cli"), "via-cli").suite).toBe("pgtable");
  });
});

describe("check-catalog on a fresh scaffold", () => {
  it("lists exactly what is left: the TODOs, the proof, the mutants", async () => {
    const dir = newKata("fresh", { dir: cat.root, suite: "zone" }).dir;
    const k = await checkKata(cat.root, "fresh");
    const bad = failing(k);
    expect(Object.keys(bad)).toEqual(["content", "proof", "mutants"]);
    expect(bad.content!.every((p) => /\/fresh\/(exercise\.json|instructions\.md|hints\.md|public\.test\.ts|cases\.json):\d+: still a TODO/.test(p))).toBe(true);
    for (const f of ["exercise.json", "instructions.md", "hints.md", "public.test.ts", "cases.json"]) expect(bad.content!.some((p) => p.startsWith(join(dir, f)))).toBe(true);
    expect(bad.proof).toEqual([expect.stringMatching(new RegExp(`^${join(dir, ".meta", "solution.ts")}: scores 0, not 100`))]);
    expect(bad.mutants).toEqual([`${join(dir, ".meta", "mutants")}: no mutants (*.ts); add plausible-bug copies of the proof`]);
  });
});

describe("check-catalog on a completed kata", () => {
  it("passes and exits 0; a mutant the cases miss fails it with exit 3", async () => {
    const dir = completedKata(cat.root, "done");
    let out = "";
    expect(await runCheckCatalog(cat.root, {}, (s) => (out += s))).toBe(0);
    expect(out).toMatch(/✓ done/);
    expect(out).toMatch(/all 1 kata prove themselves/);
    copyFileSync(join(FIXTURES, "solutions", "buddy-coalesce", "solution.ts"), join(dir, ".meta", "mutants", "not-a-bug.ts"));
    out = "";
    expect(await runCheckCatalog(cat.root, { json: true }, (s) => (out += s))).toBe(3);
    const json = JSON.parse(out) as { ok: boolean; kata: KataCheck[] };
    expect(json.ok).toBe(false);
    expect(failing(json.kata[0]!)).toEqual({ mutants: [`${join(dir, ".meta", "mutants", "not-a-bug.ts")}: scores 100; the hidden cases do not catch this mutant`] });
  });
});

describe("check-catalog on broken catalogs names the file and the path", () => {
  const brokenChecks = async (breakIt: (dir: string) => void): Promise<Record<string, string[]>> => {
    const dir = newKata("broken", { dir: cat.root }).dir;
    breakIt(dir);
    return failing(await checkKata(cat.root, "broken"));
  };

  it("exercise.json that is not JSON", async () => {
    const bad = await brokenChecks((d) => writeFileSync(join(d, "exercise.json"), "{ nope"));
    expect(bad.exercise![0]).toMatch(/\/broken\/exercise\.json: not valid JSON/);
  });

  it("points that do not add up, and a parent that is no group", async () => {
    const bad = await brokenChecks((d) => edit(join(d, "exercise.json"), (t) => t.replace('"points": 50, "parent": "basic"', '"points": 40, "parent": "nope"')));
    expect(bad.exercise![0]).toMatch(/\/broken\/exercise\.json is not a valid exercise/);
    expect(bad.exercise![0]).toMatch(/\/rubric: group "random" names parent "nope"/);
    expect(bad.exercise![0]).toMatch(/\/rubric: points add up to 90, not 100/);
  });

  it("a schema violation and a missing case file", async () => {
    let bad = await brokenChecks((d) => edit(join(d, "exercise.json"), (t) => t.replace('"difficulty": 2', '"difficulty": 9')));
    expect(bad.exercise![0]).toMatch(/\/difficulty/);
    cat.cleanup();
    cat = tempCatalog();
    bad = await brokenChecks((d) => edit(join(d, "exercise.json"), (t) => t.replace('"./cases.json"', '"./missing.json"')));
    expect(bad.exercise![0]).toMatch(/\/cases\/handcrafted: missing file \.\/missing\.json/);
  });

  it("a reference module that does not exist", async () => {
    const bad = await brokenChecks((d) => edit(join(d, "exercise.json"), (t) => t.replace("reference/buddy/", "reference/budy/")));
    expect(bad.api![0]).toMatch(/\/broken\/exercise\.json: \/api\/functions\/0\/reference: no module reference\/budy\//);
  });

  it("a hidden case that matches no rubric group, and a bad case file", async () => {
    let bad = await brokenChecks((d) => edit(join(d, "cases.json"), (t) => t.replace('"broken.basic.1"', '"broken.other.1"')));
    expect(bad.cases![0]).toMatch(/\/broken\/cases\.json: broken: case "broken\.other\.1" matches no rubric group/);
    cat.cleanup();
    cat = tempCatalog();
    bad = await brokenChecks((d) => edit(join(d, "cases.json"), (t) => t.replace('"ops": [', '"opz": [')));
    expect(bad.cases![0]).toMatch(/\/broken\/cases\.json is not a valid case file/);
  });

  it("missing content headings", async () => {
    const bad = await brokenChecks((d) => writeFileSync(join(d, "hints.md"), "## Hint 1\n\nx\n"));
    expect(bad.content).toEqual(expect.arrayContaining([`${join(cat.root, "broken", "hints.md")}: no "## Hint 2" heading`, `${join(cat.root, "broken", "hints.md")}: no "## Hint 3" heading`]));
  });

  it("the CLI exits 3 and prints the checklist; a missing folder is a usage error", async () => {
    newKata("k", { dir: cat.root });
    expect(readdirSync(cat.root)).toEqual(["k"]);
    expect(await main(["node", "mmkata", "check-catalog", cat.root, "--json"])).toBe(3);
    expect(await main(["node", "mmkata", "check-catalog", join(cat.root, "nope")])).toBe(2);
  });
});

/**
 * `mmkata ci init` workflows (parsed with a YAML-subset parser, their key
 * steps asserted, the commented shard example parsed once uncommented) and
 * `mmkata gradescope bundle`: the zip's run_autograder run against a fake
 * /autograder (AUTOGRADER_ROOT) must write a results.json valid against the
 * Gradescope schema in test/report/schemas/. The run uses the built CLI
 * (dist/, as test/cli/e2e.test.ts does).
 */

import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateAgainst } from "../../graders/engine/ajv.js";
import { renderCiWorkflow } from "../../graders/engine/ci-templates.js";
import { KIT_ROOT } from "../../graders/engine/paths.js";
import { mmkata, parseYamlSubset, readZip, type ZipFileEntry } from "./helpers.js";

let base: string;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), "mmkata-ci-"));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The commented example below the marker line, uncommented (one leading "#"). */
function uncommentExample(text: string, marker: RegExp, prefix = "#"): string {
  const lines = text.split("\n");
  const at = lines.findIndex((l) => marker.test(l));
  return lines.slice(at + 2).filter((l) => l.startsWith("#")).map((l) => (l.startsWith(prefix) ? l.slice(prefix.length) : l.slice(1))).join("\n");
}

describe("mmkata ci init github", () => {
  it("writes .github/workflows/mmkata.yml: node, install, grade with --min-score, annotate, upload", async () => {
    const r = await mmkata("ci", "init", "github", "--exercise", "buddy-coalesce", "--min-score", "80", "--out", base);
    expect(r.code).toBe(0);
    const y = parseYamlSubset(readFileSync(join(base, ".github", "workflows", "mmkata.yml"), "utf8")) as Obj;
    expect(Object.keys(y.on)).toEqual(["push", "pull_request"]);
    const steps = y.jobs.grade.steps as Obj[];
    expect(steps.map((s) => s.name ?? s.uses)).toEqual(["actions/checkout@v4", "actions/setup-node@v4", "Install the mmkata kit", "Grade", "Annotate", "Upload reports"]);
    expect(steps[1]!.with["node-version"]).toBe("20.19");
    expect(steps[3]!.run).toMatch(/^npx mmkata grade \. --exercise buddy-coalesce --format \S*github\S* --out mmkata-reports\/ --min-score 80$/);
    expect(steps[4]).toMatchObject({ if: "always()", run: "cat mmkata-reports/github-annotations.txt || true" });
    expect(steps[5]).toMatchObject({ if: "always()", uses: "actions/upload-artifact@v4", with: { path: "mmkata-reports/" } });
  });

  it("has a commented shard matrix that parses once uncommented: grade-batch --shard i/n, then merge", () => {
    const text = renderCiWorkflow("github", { minScore: 100 });
    const jobs = parseYamlSubset(`jobs:\n${uncommentExample(text, /^# several runners/)}`) as Obj;
    expect(jobs.jobs["grade-shard"].strategy.matrix.shard).toEqual([1, 2, 3, 4]);
    const run = (jobs.jobs["grade-shard"].steps as Obj[]).map((s) => s.run).join("\n");
    expect(run).toContain("npx mmkata grade-batch submissions --shard ${{ matrix.shard }}/4 --out shard-${{ matrix.shard }}");
    expect((jobs.jobs.merge.steps as Obj[]).some((s) => /^npx mmkata merge .* --out cohort$/.test(s.run ?? ""))).toBe(true);
  });

  it("refuses to overwrite without --force, and an unknown kata or provider is a usage error", async () => {
    expect((await mmkata("ci", "init", "github", "--out", base)).code).toBe(2);
    expect((await mmkata("ci", "init", "github", "--out", base, "--force")).code).toBe(0);
    expect((await mmkata("ci", "init", "github", "--exercise", "nope", "--out", join(base, "x"))).code).toBe(2);
    expect((await mmkata("ci", "init", "jenkins", "--out", join(base, "x"))).code).toBe(2);
  });
});

describe("mmkata ci init gitlab", () => {
  it("writes .gitlab-ci.yml with the JUnit report, artifacts kept on failure, --min-score", async () => {
    expect((await mmkata("ci", "init", "gitlab", "--min-score", "70", "--out", base)).code).toBe(0);
    const text = readFileSync(join(base, ".gitlab-ci.yml"), "utf8");
    const y = parseYamlSubset(text) as Obj;
    expect(y.mmkata.image).toBe("node:20");
    expect(y.mmkata.script[1]).toMatch(/^npx mmkata grade \. --format \S*junit\S* --out mmkata-reports\/ --min-score 70$/);
    expect(y.mmkata.artifacts).toMatchObject({ when: "always", reports: { junit: "mmkata-reports/junit.xml" } });
    const shard = parseYamlSubset(uncommentExample(text, /^# parallel jobs/, "# ")) as Obj;
    expect(shard["mmkata-shard"].parallel).toBe(4);
    expect(shard["mmkata-shard"].script[1]).toContain('--shard "$CI_NODE_INDEX/$CI_NODE_TOTAL"');
    expect(shard["mmkata-merge"].script[1]).toMatch(/mmkata merge shard-\*/);
  });

  it("the YAML checker itself rejects bad indentation and tabs", () => {
    expect(() => parseYamlSubset("a:\n  b: 1\n   c: 2\n")).toThrow(/indentation/);
    expect(() => parseYamlSubset("a:\n\tb: 1\n")).toThrow(/tab/);
  });
});

describe("mmkata gradescope bundle", () => {
  let entries: ZipFileEntry[];
  const schema = JSON.parse(readFileSync(join(KIT_ROOT, "test", "report", "schemas", "gradescope-results.schema.json"), "utf8")) as object;

  beforeAll(async () => {
    const zip = join(base, "autograder.zip");
    const r = await mmkata("gradescope", "bundle", "--exercise", "buddy-find-buddy", "--out", zip);
    expect(r.code).toBe(0);
    entries = await readZip(zip);
  });

  /** Lay out a fake /autograder with run_autograder from the zip, the submission's files, and run it. */
  function runAutograder(name: string, submission: Record<string, string>, bin: string): Obj {
    const root = join(base, name);
    mkdirSync(join(root, "submission"), { recursive: true });
    const script = join(root, "source", "run_autograder");
    mkdirSync(join(root, "source"));
    writeFileSync(script, entries.find((e) => e.path === "run_autograder")!.data, { mode: 0o755 });
    for (const [f, from] of Object.entries(submission)) copyFileSync(from, join(root, "submission", f));
    const r = spawnSync(script, [], { env: { PATH: process.env.PATH, HOME: base, AUTOGRADER_ROOT: root, MMKATA_BIN: bin, NO_COLOR: "1" }, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const file = join(root, "results", "results.json");
    expect(existsSync(file)).toBe(true);
    return JSON.parse(readFileSync(file, "utf8")) as Obj;
  }

  it("holds setup.sh and run_autograder, both executable; setup installs Node ≥ 20.19 and the kit", () => {
    expect(entries.map((e) => e.path).sort()).toEqual(["run_autograder", "setup.sh"]);
    for (const e of entries) expect(e.mode & 0o755).toBe(0o755);
    const setup = entries.find((e) => e.path === "setup.sh")!.data.toString();
    expect(setup).toMatch(/^#!\/usr\/bin\/env bash/);
    expect(setup).toMatch(/setup_22\.x/);
    expect(setup).toMatch(/KIT_SPEC="mmkata@[^"]+"\n+npm install -g .*\$KIT_SPEC/);
    expect(spawnSync("bash", ["-n"], { input: setup }).status).toBe(0);
  });

  it("run_autograder grades the submission into a schema-valid results.json", () => {
    const bin = `${process.execPath} ${join(KIT_ROOT, "bin", "mmkata.js")}`;
    const res = runAutograder("ok", { "solution.ts": join(KIT_ROOT, "test", "fixtures", "solutions", "buddy-find-buddy", "solution.ts") }, bin);
    expect(validateAgainst(schema, res)).toEqual([]);
    expect(res.score).toBe(100);
    expect(res.tests.length).toBeGreaterThan(1);
  }, 60_000);

  it("still writes a valid zero-score results.json when grading cannot run", () => {
    const res = runAutograder("broken", {}, "false");
    expect(validateAgainst(schema, res)).toEqual([]);
    expect(res.score).toBe(0);
    expect(res.output).toMatch(/could not grade/);
  });
});

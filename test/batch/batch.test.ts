/**
 * `mmkata grade-batch` and `mmkata merge` end to end, through the built CLI
 * (dist/, as `npm test` builds it): a folder of generated submissions —
 * proof copies, mutants, broken and hostile fixtures, zips, tarballs, a
 * path-traversal zip, a symlink tarball, a corrupt archive — grades to the
 * right statuses with one gradebook row each; a batch killed with SIGKILL
 * resumes to the same gradebook; three shards merged equal the whole batch.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { parseReport } from "../../graders/report/validate.js";
import { EXPECTED, makeSubmissions } from "./make-submissions.js";

const KIT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = join(KIT, "bin/mmkata.js");
/** every case of the first three rubric groups: enough to tell the mutants apart, fast */
const CASES = ["--case", "buddy.free.single.*", "--case", "buddy.free.merge.*", "--case", "buddy.free.cascade.*"];
// auto: strict where it can be had (as root), standard elsewhere, so the tests run anywhere.
const COMMON = ["--exercise", "buddy-coalesce", "--no-progress", "--isolation", "auto", ...CASES];

let tmp: string;
let subs: string;

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd: tmp });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const gradebook = (out: string): string => readFileSync(join(out, "gradebook.csv"), "utf8");

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "mmkata-batch-test-"));
  subs = join(tmp, "subs");
  await makeSubmissions(subs);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("grade-batch", () => {
  let full: ReturnType<typeof cli>;
  beforeAll(() => {
    full = cli(["grade-batch", subs, ...COMMON, "--jobs", "2", "--out", join(tmp, "full"), "--min-score", "50"]);
  });

  it("grades every submission; exits 1 under --min-score", () => {
    expect(full.stderr).toMatch(/skipped \(not a folder or archive\): README\.txt/);
    expect(full.status).toBe(1);
    expect(full.stdout).toMatch(/13 submissions: 3 pass, 5 fail, 5 error/);
    const files = readdirSync(join(tmp, "full/reports")).filter((f) => !f.startsWith("."));
    expect(files.sort()).toEqual(Object.keys(EXPECTED).map((n) => `${n}.json`).sort());
  });

  it("gives each submission the expected status and message in a valid report", () => {
    for (const [name, want] of Object.entries(EXPECTED)) {
      const file = join(tmp, "full/reports", `${name}.json`);
      const r = parseReport(readFileSync(file, "utf8"), file);
      expect(r.status, name).toBe(want.status);
      if (want.message) expect(r.message, name).toMatch(want.message);
      if (name.startsWith("proof")) expect(r.score.points, name).toBe(40);
      if (name.startsWith("mutant") || name.startsWith("hostile")) expect(r.score.points, name).toBeLessThan(40);
    }
  });

  it("writes a gradebook with one row per submission, sorted by name", () => {
    const rows = parse(gradebook(join(tmp, "full")), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.name)).toEqual(Object.keys(EXPECTED).sort());
    expect(rows.find((r) => r.name === "traversal")).toMatchObject({ status: "error", score: "0", slug: "buddy-coalesce" });
    expect(rows.find((r) => r.name === "proof-zip")).toMatchObject({ status: "pass", score: "40", "group:cascade": "15" });
    // The three copies of the proof are flagged as similar to each other; the stub's tokens do not count.
    expect(rows.find((r) => r.name === "proof-folder")!.similar_to).toMatch(/^proof-(tgz|zip) \(1\.00\) \+\d+ more$/);
    expect(rows.find((r) => r.name === "traversal")!.similar_to).toBe("");
    expect(existsSync(join(tmp, "full/fingerprints/proof-zip.json"))).toBe(true);
    const batch = JSON.parse(readFileSync(join(tmp, "full/batch.json"), "utf8")) as Record<string, unknown>;
    expect(batch).toMatchObject({ slug: "buddy-coalesce", seed: 1, jobs: 2, shard: null, skipped: ["README.txt"] });
  });

  it("resumes a batch killed with SIGKILL to the same gradebook", async () => {
    const out = join(tmp, "killed");
    const child = spawn(process.execPath, [BIN, "grade-batch", subs, ...COMMON, "--jobs", "1", "--out", out], { cwd: tmp, stdio: "ignore" });
    const reports = join(out, "reports");
    const finished = (): string[] => (existsSync(reports) ? readdirSync(reports).filter((f) => f.endsWith(".json") && !f.startsWith(".")) : []);
    while (finished().length === 0 && child.exitCode === null) await new Promise((r) => setTimeout(r, 10));
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const survived = finished();
    expect(survived.length).toBeGreaterThan(0);
    expect(survived.length).toBeLessThan(Object.keys(EXPECTED).length);
    expect(existsSync(join(out, "gradebook.csv"))).toBe(false);
    const again = cli(["grade-batch", subs, ...COMMON, "--jobs", "2", "--out", out, "--resume"]);
    expect(again.status).toBe(0);
    expect(again.stdout.match(/resumed/g)?.length).toBe(survived.length);
    expect(gradebook(out)).toBe(gradebook(join(tmp, "full")));
  });

  it("splits into three shards whose merge equals the whole batch", () => {
    const names = new Set<string>();
    for (const i of [1, 2, 3]) {
      const r = cli(["grade-batch", subs, ...COMMON, "--jobs", "2", "--shard", `${i}/3`, "--out", join(tmp, `shard${i}`)]);
      expect(r.status, r.stderr).toBe(0);
      for (const f of readdirSync(join(tmp, `shard${i}/reports`))) {
        expect(names.has(f), `${f} in two shards`).toBe(false);
        names.add(f);
      }
    }
    const m = cli(["merge", join(tmp, "shard1"), join(tmp, "shard2"), join(tmp, "shard3"), "--out", join(tmp, "merged")]);
    expect(m.status, m.stderr).toBe(0);
    expect(gradebook(join(tmp, "merged"))).toBe(gradebook(join(tmp, "full")));
    expect(readFileSync(join(tmp, "merged/summary.json"), "utf8")).toBe(readFileSync(join(tmp, "full/summary.json"), "utf8").replace(/,\n  "belowMinScore": \[[^\]]*\]/, ""));
  });

  it("merge refuses reports of a different seed and bad reports, with clear errors", () => {
    const odd = JSON.parse(readFileSync(join(tmp, "full/reports/proof-folder.json"), "utf8")) as { run: { seed: number } };
    odd.run.seed = 2;
    writeFileSync(join(tmp, "zz-odd.json"), JSON.stringify(odd));
    const mixed = cli(["merge", join(tmp, "full"), join(tmp, "zz-odd.json"), "--out", join(tmp, "m2")]);
    expect(mixed.status).toBe(3);
    expect(mixed.stderr).toMatch(/cannot merge reports of different batches: .*seed 1.* vs .*seed 2/);
    writeFileSync(join(tmp, "bad.json"), "{\"schemaVersion\": 1}");
    const bad = cli(["merge", join(tmp, "bad.json"), "--out", join(tmp, "m3")]);
    expect(bad.status).toBe(3);
    expect(bad.stderr).toMatch(/bad\.json is not an mmkata report/);
    expect(bad.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it("rejects a bad --shard and a missing folder as usage errors", () => {
    expect(cli(["grade-batch", subs, "--shard", "4/3"]).stderr).toMatch(/--shard must be i\/n with 1 <= i <= n/);
    const missing = cli(["grade-batch", join(tmp, "nope"), "--exercise", "buddy-coalesce"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/submissions folder .*nope/);
  });
});

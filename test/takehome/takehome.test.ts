/**
 * The interviewer's flow, end to end through the CLI: keygen → assign → the
 * candidate solves in the bundle → grade with the key → verify → one byte of
 * the report changed → verify fails. And what the bundle must not contain.
 */

import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCases } from "../../graders/engine/cases.js";
import { loadExercise } from "../../graders/engine/catalog.js";
import { KIT_ROOT } from "../../graders/engine/paths.js";
import { canonicalJson, deriveSeed, readKeyFile } from "../../graders/engine/signing.js";
import { ASSIGNMENT, timeBox } from "../../graders/engine/takehome.js";
import { suites } from "../../graders/suites/index.js";
import type { Report } from "../../graders/report/report-types.js";
import { listFiles, mmkata, readZip } from "./helpers.js";

const KATA = ["buddy-find-buddy", "buddy-split"];
let base: string;
let keyFile: string;
let bundle: string;

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), "mmkata-takehome-"));
  keyFile = join(base, "interviewer.key");
  bundle = join(base, "bundle-alice");
  expect((await mmkata("keygen", "--out", keyFile)).code).toBe(0);
  const r = await mmkata("assign", "--exercises", KATA.join(","), "--candidate", "alice", "--key-file", keyFile, "--now", "2026-11-22T09:00:00Z", "--out", bundle);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** Every text the candidate receives: the folder's files and the zip's entries. */
async function bundleTexts(): Promise<[string, string][]> {
  const folder = listFiles(bundle).map((p): [string, string] => [p, readFileSync(join(bundle, p), "utf8")]);
  const zipped = (await readZip(`${bundle}.zip`)).map((e): [string, string] => [`zip:${e.path}`, e.data.toString("utf8")]);
  return [...folder, ...zipped];
}

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(ext))
    .map((e) => join(e.parentPath, e.name));
}

describe("mmkata keygen / assign", () => {
  it("writes the key with mode 0600 and refuses to overwrite it", async () => {
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const again = await mmkata("keygen", "--out", keyFile);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already exists/);
  });

  it("builds one workspace per kata, a README with rules and time box, a manifest, and the same files zipped", async () => {
    const files = listFiles(bundle);
    for (const slug of KATA) for (const f of ["package.json", "vitest.config.js", "public.test.ts", "solution.ts", ".mmkata.json", "README.md"]) expect(files).toContain(`${slug}/${f}`);
    const minutes = KATA.map((s) => loadExercise(s).minutes);
    const m = JSON.parse(readFileSync(join(bundle, ASSIGNMENT), "utf8")) as Record<string, unknown>;
    expect(Object.keys(m).sort()).toEqual(["assignedAt", "bundleId", "candidate", "exercises", "format", "keyId", "kitVersion", "seedSource", "timeBoxMinutes"]);
    expect(m).toMatchObject({ candidate: "alice", exercises: KATA, assignedAt: "2026-11-22T09:00:00.000Z", seedSource: "key", timeBoxMinutes: timeBox(minutes) });
    expect(readFileSync(join(bundle, "README.md"), "utf8")).toMatch(new RegExp(`Time box: \\*\\*.*\\*\\*[\\s\\S]*## Rules`));
    const zipped = (await readZip(`${bundle}.zip`)).map((e) => e.path.replace(/^bundle-alice\//, "")).sort();
    expect(zipped).toEqual(files);
  });

  it("rounds the time box up to the quarter hour", () => {
    expect(timeBox([15, 35])).toBe(60);
    expect(timeBox([45])).toBe(45);
    expect(timeBox([46])).toBe(60);
  });

  it("contains no hidden case file, no reference source, no key and no seed", async () => {
    const key = readKeyFile(keyFile);
    const secrets = [key.toString("hex"), ...KATA.map((s) => String(deriveSeed(key, "alice", s)))];
    const hidden = filesUnder(join(KIT_ROOT, "graders", "suites"), ".json").map((f) => readFileSync(f, "utf8").trim());
    const reference = filesUnder(join(KIT_ROOT, "reference"), ".ts").map((f) => readFileSync(f, "utf8").trim()).filter((s) => s.length > 200);
    const texts = await bundleTexts();
    expect(texts.length).toBeGreaterThan(10);
    for (const [path, text] of texts) {
      expect(path).not.toMatch(/cases|reference|suites|\.key$/);
      for (const s of secrets) expect(text.includes(s), `${path} holds a secret`).toBe(false);
      for (const h of hidden) expect(text.includes(h), `${path} holds a hidden case file`).toBe(false);
      for (const r of reference) expect(text.includes(r), `${path} holds reference source`).toBe(false);
      expect(text).not.toMatch(/"seed"\s*:/);
    }
  });

  it("gives two candidates different seeds, so their generated hidden inputs differ", () => {
    const key = readKeyFile(keyFile);
    const ex = loadExercise("buddy-find-buddy");
    const [a, b] = ["alice", "bob"].map((c) => deriveSeed(key, c, ex.slug));
    expect(a).not.toBe(b);
    expect(deriveSeed(key, "alice", "buddy-split")).not.toBe(a);
    const ops = (seed: number) => JSON.stringify(loadCases(ex, suites[ex.suite]!, seed).find((c) => c.id === "buddy.find.random.0")!.ops);
    expect(ops(a!)).not.toBe(ops(b!));
  });

  it("rejects a bad candidate id, an unknown kata and a missing key with usage errors", async () => {
    expect((await mmkata("assign", "--exercises", "buddy-split", "--candidate", "../x", "--seed", "1", "--out", join(base, "x"))).code).toBe(2);
    expect((await mmkata("assign", "--exercises", "no-such-kata", "--candidate", "x", "--seed", "1", "--out", join(base, "y"))).code).toBe(2);
    const noKey = await mmkata("assign", "--exercises", "buddy-split", "--candidate", "x", "--out", join(base, "z"));
    expect(noKey.code).toBe(2);
    expect(noKey.err).toMatch(/--key-file/);
  });
});

describe("grade with the key, then verify", () => {
  const reports = () => join(base, "reports");
  const reportOf = (slug: string) => join(reports(), slug, "report.json");

  beforeAll(async () => {
    for (const slug of KATA) copyFileSync(join(KIT_ROOT, "test", "fixtures", "solutions", slug, "solution.ts"), join(bundle, slug, "solution.ts"));
    const r = await mmkata("grade", bundle, "--key-file", keyFile, "--out", reports(), "--format", "json", "--isolation", "standard");
    expect(r.err).toMatch(/alice buddy-find-buddy: 100\/100/);
    expect(r.code).toBe(0);
  }, 60_000);

  it("grades each kata with the candidate's seed at full disclosure and signs the report", () => {
    const key = readKeyFile(keyFile);
    for (const slug of KATA) {
      const report = JSON.parse(readFileSync(reportOf(slug), "utf8")) as Report;
      expect(report.score.points).toBe(100);
      expect(report.run.seed).toBe(deriveSeed(key, "alice", slug));
      expect(report.run.disclosure).toBe("full");
      expect(JSON.parse(readFileSync(`${reportOf(slug)}.sig`, "utf8"))).toMatchObject({ algorithm: "HMAC-SHA256", candidate: "alice" });
    }
  });

  it("grades a returned .zip directly (extracted safely), here the untouched stubs: 0/100", async () => {
    const r = await mmkata("grade", `${bundle}.zip`, "--key-file", keyFile, "--out", join(base, "reports-zip"), "--format", "json", "--isolation", "standard");
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/alice buddy-find-buddy: 0\/100 \(fail\)/);
    const report = JSON.parse(readFileSync(join(base, "reports-zip", "buddy-find-buddy", "report.json"), "utf8")) as Report;
    expect(report.run.seed).toBe(deriveSeed(readKeyFile(keyFile), "alice", "buddy-find-buddy"));
  }, 60_000);

  it("verifies the untouched report: exit 0 and one line", async () => {
    const r = await mmkata("verify", reportOf("buddy-find-buddy"), "--key-file", keyFile);
    expect(r.code).toBe(0);
    expect(r.out).toBe("verified: alice, buddy-find-buddy, 100/100 (pass)\n");
  });

  it("fails when any one byte of the report changes: a score digit, whitespace, the timing section", async () => {
    const file = reportOf("buddy-split");
    const original = readFileSync(file, "utf8");
    const flips = [original.indexOf('"points": 100') + 11, original.indexOf("\n  ") + 1, original.indexOf('"totalMs": ') + 11];
    for (const at of flips) {
      expect(at).toBeGreaterThan(0);
      const bytes = Buffer.from(original);
      bytes[at] = bytes[at] === 0x30 ? 0x31 : bytes[at] === 0x20 ? 0x09 : 0x30;
      writeFileSync(file, bytes);
      const r = await mmkata("verify", file, "--key-file", keyFile);
      expect(r.code, `byte ${at}`).toBe(1);
      expect(r.err).toMatch(/^NOT verified: .*(modified|changed)/);
    }
    writeFileSync(file, original);
    expect((await mmkata("verify", file, "--key-file", keyFile)).code).toBe(0);
  });

  it("fails with another key, and a re-signed report under another candidate does not pass as alice's", async () => {
    const other = join(base, "other.key");
    await mmkata("keygen", "--out", other);
    const r = await mmkata("verify", reportOf("buddy-find-buddy"), "--key-file", other);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/another key/);
    const sigFile = `${reportOf("buddy-find-buddy")}.sig`;
    const sig = readFileSync(sigFile, "utf8");
    writeFileSync(sigFile, sig.replace('"candidate": "alice"', '"candidate": "mallory"'));
    expect((await mmkata("verify", reportOf("buddy-find-buddy"), "--key-file", keyFile)).code).toBe(1);
    writeFileSync(sigFile, sig);
  });

  it("refuses to grade with a key the bundle was not assigned with, or a candidate it was not assigned to", async () => {
    const other = join(base, "other2.key");
    await mmkata("keygen", "--out", other);
    const wrongKey = await mmkata("grade", bundle, "--key-file", other, "--out", join(base, "r2"));
    expect(wrongKey.code).toBe(3);
    expect(wrongKey.err).toMatch(/not the key this bundle was assigned with/);
    const wrongCandidate = await mmkata("grade", join(bundle, "buddy-split"), "--key-file", keyFile, "--candidate", "bob", "--out", join(base, "r3"));
    expect(wrongCandidate.code).toBe(2);
    expect(wrongCandidate.err).toMatch(/assigned to alice/);
  });

  it("canonical JSON sorts keys at every level and drops whitespace", () => {
    expect(canonicalJson({ b: [1, { d: 2, c: "x y" }], a: null })).toBe('{"a":null,"b":[1,{"c":"x y","d":2}]}');
  });
});

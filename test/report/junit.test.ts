/**
 * JUnit XML, read back by junit2json (xml2js in strict mode underneath: a
 * malformed document throws) the way CI test reporters read it.
 */

import { parse, type TestSuites } from "junit2json";
import { beforeAll, describe, expect, it } from "vitest";
import { renderJunit } from "../../graders/report/render/junit.js";
import type { Report } from "../../graders/report/report-types.js";
import { errorReport, hostile, mutantReport, NASTY, noisyReport } from "./fixtures.js";

let full: Report;
let err: Report;
let noisy: Report;
beforeAll(async () => {
  [full, err, noisy] = await Promise.all([mutantReport("full"), errorReport(), noisyReport()]);
});

const read = async (r: Report): Promise<TestSuites> => (await parse(renderJunit(r))) as TestSuites;
const normalize = (s: string): string => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "\uFFFD").replace(/\r\n?/g, "\n");

describe("renderJunit", () => {
  it("one testsuite per rubric group, one testcase per case, counts that add up", async () => {
    const doc = await read(full);
    expect(doc.tests).toBe(full.cases.length);
    expect(doc.failures).toBe(full.cases.filter((c) => c.status === "fail").length);
    expect(doc.errors).toBe(full.cases.filter((c) => c.status === "error").length);
    const suites = doc.testsuite!;
    expect(suites.map((s) => s.name!.split(":")[0])).toEqual(full.groups.map((g) => `buddy-coalesce/${g.id}`));
    for (const s of suites) {
      const cases = s.testcase ?? [];
      expect(cases.length).toBe(s.tests);
      expect(cases.filter((c) => c.failure).length).toBe(s.failures);
      for (const c of cases) expect(c.classname).toMatch(/^mmkata\.buddy-coalesce\.[a-z-]+$/);
    }
    const all = suites.flatMap((s) => s.testcase ?? []);
    expect(all.length).toBe(full.cases.length);
    const tail = all.find((c) => c.name!.startsWith("buddy.free.placement.tail:"))!;
    expect(tail.failure![0]!.type).toBe("diverged");
    expect(tail.failure![0]!.inner).toContain("#0 free order-0 block at pfn 0x0 (freeOnePage): expected done, got done  <- diverges");
    expect(tail.failure![0]!.inner).toContain("replay: mmkata grade --seed 1 --case buddy.free.placement.tail");
    expect(String(suites[0]!.properties!.find((p) => p.name === "seed")!.value)).toBe("1");
  });

  it("an error report is one errored testcase carrying the compiler's message", async () => {
    const doc = await read(err);
    expect(doc.errors).toBe(1);
    const tc = doc.testsuite![0]!.testcase!;
    expect(tc).toHaveLength(1);
    expect(tc[0]!.error![0]!.message).toMatch(/does not compile/);
    expect(tc[0]!.error![0]!.inner).toMatch(/solution\.ts:3:\d+/);
  });

  it("errored cases become <error>, and the submission's output is the first suite's system-out", async () => {
    const doc = await read(noisy);
    const all = doc.testsuite!.flatMap((s) => s.testcase ?? []);
    expect(all.some((c) => c.error || c.failure)).toBe(true);
    expect(doc.testsuite![0]!["system-out"]![0]).toContain("debug debug");
    expect(doc.testsuite!.slice(1).every((s) => !s["system-out"])).toBe(true);
  });

  it("learner-controlled text stays text: well-formed XML, exact round trip, forbidden characters replaced", async () => {
    const doc = await read(hostile(full));
    const first = doc.testsuite![0]!;
    expect(normalize(first["system-out"]![0]!)).toBe(normalize(NASTY) + "\n[output truncated at the limit]");
    expect(normalize(first["system-err"]![0]!)).toBe(normalize(NASTY));
    const failed = doc.testsuite!.flatMap((s) => s.testcase ?? []).find((c) => c.failure)!;
    expect(normalize(failed.failure![0]!.message!)).toBe(normalize(NASTY).replace(/\n/g, " "));
    expect(normalize(failed.failure![0]!.inner!)).toContain(normalize(NASTY));
    expect(renderJunit(hostile(full))).not.toContain("<script>");
  });
});

/** Disclosure tiers chosen per output: one grading run, each file cut to its own tier. */

import { beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { maxTier, parseDisclosureSpec } from "../../graders/engine/disclose.js";
import { emitFormats } from "../../graders/report/render/emit.js";
import { FORMATS } from "../../graders/report/render/index.js";
import type { Report } from "../../graders/report/report-types.js";
import { reportProblems } from "../../graders/report/validate.js";
import { gradeDir } from "../engine/helpers.js";

const MUTANTS = fileURLToPath(new URL("../fixtures/mutants/buddy-coalesce", import.meta.url));

describe("--disclosure per output", () => {
  let report: Report;
  beforeAll(async () => {
    report = await gradeDir("buddy-coalesce", MUTANTS, { entry: "always-head.ts", disclosure: "full", cases: ["buddy.free.placement.*"] });
  }, 60_000);

  it("parses a tier, or a default plus per-format tiers, and rejects the rest with the accepted forms", () => {
    expect(parseDisclosureSpec("invariant", FORMATS)).toEqual({ base: "invariant", per: {} });
    const spec = parseDisclosureSpec("full,gradescope=category,junit=invariant", FORMATS);
    expect(spec).toEqual({ base: "full", per: { gradescope: "category", junit: "invariant" } });
    expect(maxTier(parseDisclosureSpec("category,html=full", FORMATS), ["json", "html"])).toBe("full");
    expect(maxTier(parseDisclosureSpec("category,html=full", FORMATS), ["json"])).toBe("category");
    expect(() => parseDisclosureSpec("secret", FORMATS)).toThrow(/unknown disclosure tier "secret" \(tiers: category, invariant, counterexample, full\)/);
    expect(() => parseDisclosureSpec("pdf=full", FORMATS)).toThrow(/unknown format "pdf"/);
  });

  it("cuts each file to its tier: the JSON keeps the full states, Gradescope shows categories only", () => {
    const out = mkdtempSync(join(tmpdir(), "mmkata-disclosure-"));
    emitFormats(report, { format: ["json", "gradescope", "junit"], out, disclosure: parseDisclosureSpec("full,gradescope=category,junit=invariant", FORMATS) });
    const json = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as Report;
    expect(reportProblems(json)).toEqual([]);
    expect(json.run.disclosure).toBe("full");
    const failing = json.cases.find((c) => c.status === "fail")!;
    expect(failing.failure?.counterexample?.setupState).toBeDefined();
    const gradescope = readFileSync(join(out, "gradescope-results.json"), "utf8");
    expect(gradescope).not.toMatch(/free_list|0x[0-9a-f]+|counterexample/);
    const fullOut = mkdtempSync(join(tmpdir(), "mmkata-disclosure-"));
    emitFormats(report, { format: ["gradescope", "junit"], out: fullOut, disclosure: parseDisclosureSpec("full", FORMATS) });
    expect(readFileSync(join(fullOut, "gradescope-results.json"), "utf8")).toMatch(/0x[0-9a-f]+/);
    expect(readFileSync(join(fullOut, "junit.xml"), "utf8")).toMatch(/free_list order/);
    const junit = readFileSync(join(out, "junit.xml"), "utf8");
    expect(junit).not.toMatch(/free_list order/);
    expect(junit).toMatch(/op #0/);
  });
});

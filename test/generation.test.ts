/**
 * The committed stubs (exercises/<slug>/stub/solution.{ts,js}) must equal what
 * the templates render from exercise.json; `npm run gen` fixes a drift.
 * Rendering is strict: a variable a template names but the view lacks throws.
 */

import { existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { KIT_ROOT } from "../graders/engine/paths.js";
import { renderString } from "../graders/engine/render-template.js";
import { expectedStubs, renderStub, type StubSource } from "../graders/engine/stubs.js";

const sample: StubSource = {
  slug: "sample",
  title: "Sample kata",
  api: {
    imports: ["Zone"],
    functions: [
      {
        name: "probe",
        doc: "Probe the zone. A `*/` in a doc must not end the comment.",
        params: [
          { name: "zone", type: "Zone", doc: "the zone" },
          { name: "n", type: "int", doc: "a count" },
          { name: "ok", type: "bool", doc: "a flag" },
        ],
        returns: { type: "bool" },
        see: "mm/sample.c probe",
        reference: "reference/sample.ts",
      },
    ],
  },
};

describe("generated stubs", () => {
  const stubs = expectedStubs();

  it.each(stubs.map((s) => [relative(KIT_ROOT, s.file), s] as const))("%s is up to date (npm run gen)", (_, { file, content }) => {
    expect(existsSync(file), `${file} is missing: run npm run gen`).toBe(true);
    expect(readFileSync(file, "utf8")).toBe(content);
  });

  it("every committed stub throws 'not implemented yet' from every function", () => {
    for (const { content } of stubs) expect(content).toMatch(/throw new Error\("\w+: not implemented yet"\)/);
  });

  it("maps IDL types to TypeScript and JSDoc", () => {
    const ts = renderStub(sample, "ts");
    expect(ts).toContain('import { Zone } from "mmkata/kata";');
    expect(ts).toContain("export function probe(zone: Zone, n: number, ok: boolean): boolean {");
    expect(ts).toContain("A `*\\/` in a doc");
    const js = renderStub(sample, "js");
    expect(js).toContain("@param {number} n a count");
    expect(js).toContain("@returns {boolean}");
    expect(js).toContain("export function probe(zone, n, ok) {");
  });

  it("rendering is strict: a missing variable throws", () => {
    expect(() => renderString("{{title}} {{missing}}", { title: "x" }, "t.hbs")).toThrow(/t\.hbs: "missing" not defined/);
    expect(() => renderString("{{title}}", { title: undefined })).toThrow(/"title" not defined/);
    const { title: _title, ...untitled } = sample;
    expect(() => renderStub(untitled as StubSource, "ts")).toThrow(/solution\.ts\.hbs: "title" not defined/);
  });

  it("scripts/gen.mjs --check passes", () => {
    const r = spawnSync(process.execPath, ["scripts/gen.mjs", "--check"], { cwd: KIT_ROOT, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});

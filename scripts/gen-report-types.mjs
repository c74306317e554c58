// Generates graders/report/report-types.ts from graders/report/report.schema.json.
// Usage: node scripts/gen-report-types.mjs [--check]   (--check exits 1 if the file would change)
import { compile } from "json-schema-to-typescript";
import { readFileSync, writeFileSync } from "node:fs";

const schemaFile = new URL("../graders/report/report.schema.json", import.meta.url);
const outFile = new URL("../graders/report/report-types.ts", import.meta.url);

export async function renderReportTypes() {
  const schema = JSON.parse(readFileSync(schemaFile, "utf8"));
  return compile(schema, "Report", {
    bannerComment: "/* Generated from graders/report/report.schema.json by scripts/gen-report-types.mjs. Do not edit. */",
    additionalProperties: false,
    format: true,
    unreachableDefinitions: false,
  });
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop())) {
  const text = await renderReportTypes();
  if (process.argv.includes("--check")) {
    const cur = readFileSync(outFile, "utf8");
    if (cur !== text) {
      console.error("graders/report/report-types.ts is out of date: run node scripts/gen-report-types.mjs");
      process.exit(1);
    }
  } else writeFileSync(outFile, text);
}

#!/usr/bin/env node
/**
 * Regenerate the committed solution stubs, exercises/<slug>/stub/solution.{ts,js},
 * from each exercise.json `api` and templates/stubs/. Run after changing either.
 *
 *   npm run gen              write every stub that differs (prints what changed)
 *   npm run gen -- --check   write nothing; exit 1 listing the drifted stubs
 *
 * It bundles graders/engine/stubs.ts with esbuild into .mmkata-tmp/ (inside the
 * kit, so the kit root and node_modules resolve), so it always uses the current
 * sources: no build step, works from a fresh clone after `npm ci`.
 */

import { build } from "esbuild";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const kitRoot = fileURLToPath(new URL("..", import.meta.url));
const check = process.argv.includes("--check");

async function loadStubs() {
  const outfile = join(kitRoot, ".mmkata-tmp", `gen-stubs-${process.pid}.mjs`);
  await build({
    entryPoints: [join(kitRoot, "graders", "engine", "stubs.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    outfile,
    logLevel: "error",
  });
  try {
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(outfile, { force: true });
  }
}

const { expectedStubs } = await loadStubs();
const drifted = [];
for (const { file, content } of expectedStubs()) {
  const rel = relative(kitRoot, file);
  const current = existsSync(file) ? readFileSync(file, "utf8") : undefined;
  if (current === content) continue;
  drifted.push(`${rel}${current === undefined ? " (missing)" : ""}`);
  if (!check) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
    console.log(`wrote ${rel}`);
  }
}
if (check && drifted.length) {
  console.error(`These stubs differ from what the templates produce:\n  ${drifted.join("\n  ")}\nRun \`npm run gen\` and commit the result.`);
  process.exit(1);
}
if (!drifted.length) console.log("stubs are up to date");

/**
 * Builds folders of generated submissions for the batch tests: copies of the
 * proof solution, mutants, broken and hostile fixtures, as folders, zips and
 * tarballs, plus hostile archives (path traversal, symlink, corrupt bytes).
 */

import { cpSync, createWriteStream, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as tar from "tar";
import yazl from "yazl";

export const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));
export const PROOF = join(FIXTURES, "solutions/buddy-coalesce/solution.ts");
export const SLUG = "buddy-coalesce";

/** Write a zip of name → contents; resolves when the file is complete. */
export function writeZip(file: string, files: Record<string, string | Buffer>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of Object.entries(files)) zip.addBuffer(Buffer.from(data), name);
  zip.end();
  return new Promise((res, rej) => {
    zip.outputStream.pipe(createWriteStream(file)).on("close", () => res()).on("error", rej);
  });
}

/**
 * A zip whose entry `evil` is named `../evil.txt`: written as `xx/evil.txt`
 * (yazl refuses `..`), then the name bytes patched in both headers.
 */
export async function writeTraversalZip(file: string): Promise<void> {
  await writeZip(file, { "solution.ts": readFileSync(PROOF), "xx/evil.txt": "pwned" });
  const bytes = readFileSync(file);
  const from = Buffer.from("xx/evil.txt");
  let at = bytes.indexOf(from);
  while (at >= 0) {
    bytes.write("../evil.txt", at);
    at = bytes.indexOf(from, at + 1);
  }
  writeFileSync(file, bytes);
}

/** A .tar.gz of `dir`'s contents (symlinks stored as symlinks). */
export async function writeTgz(file: string, dir: string, entries: string[]): Promise<void> {
  await tar.c({ gzip: true, file, cwd: dir, portable: true }, entries);
}

function folder(dir: string, solution: string | Buffer, manifest = false): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "solution.ts"), solution);
  if (manifest) writeFileSync(join(dir, ".mmkata.json"), JSON.stringify({ slug: SLUG, language: "ts", entry: "solution.ts" }));
}

export const mutant = (name: string): Buffer => readFileSync(join(FIXTURES, "mutants", SLUG, `${name}.ts`));
const fixture = (kind: string, name: string): Buffer => readFileSync(join(FIXTURES, kind, name, "solution.ts"));

/** What each generated submission should grade to. */
export const EXPECTED: Record<string, { status: "pass" | "fail" | "error"; message?: RegExp }> = {
  "proof-folder": { status: "pass" },
  "proof-zip": { status: "pass" },
  "proof-tgz": { status: "pass" },
  "mutant-no-cascade": { status: "fail" },
  "mutant-left-on-list": { status: "fail" },
  "mutant-keeps-pfn-zip": { status: "fail" },
  "broken-compile-error": { status: "error", message: /does not compile/ },
  "broken-throws-at-load": { status: "error", message: /failed while loading/ },
  "hostile-throws-42": { status: "fail" },
  "hostile-process-exit": { status: "fail" },
  "traversal": { status: "error", message: /archive refused: entry "\.\.\/evil\.txt" leaves the archive's folder/ },
  "symlink": { status: "error", message: /archive refused: entry ".*secret\.json" is a SymbolicLink/ },
  "corrupt": { status: "error", message: /archive refused: cannot read the archive/ },
};

/** Fill `dir` with the submissions named in EXPECTED (and a README that is skipped). */
export async function makeSubmissions(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const proof = readFileSync(PROOF);
  folder(join(dir, "proof-folder"), proof, true);
  await writeZip(join(dir, "proof-zip.zip"), { "proof/solution.ts": proof, "proof/.mmkata.json": JSON.stringify({ slug: SLUG, language: "ts", entry: "solution.ts" }) });
  folder(join(dir, ".staging/proof"), proof);
  await writeTgz(join(dir, "proof-tgz.tar.gz"), join(dir, ".staging/proof"), ["solution.ts"]);
  folder(join(dir, "mutant-no-cascade"), mutant("no-cascade"));
  folder(join(dir, "mutant-left-on-list"), mutant("buddy-left-on-list"));
  await writeZip(join(dir, "mutant-keeps-pfn-zip.zip"), { "solution.ts": mutant("keeps-pfn") });
  folder(join(dir, "broken-compile-error"), fixture("broken", "compile-error"));
  folder(join(dir, "broken-throws-at-load"), fixture("broken", "throws-at-load"));
  folder(join(dir, "hostile-throws-42"), fixture("hostile", "throws-42"));
  folder(join(dir, "hostile-process-exit"), fixture("hostile", "process-exit"));
  await writeTraversalZip(join(dir, "traversal.zip"));
  cpSync(join(FIXTURES, "hostile/read-symlink"), join(dir, ".staging/symlink"), { verbatimSymlinks: true, recursive: true });
  await writeTgz(join(dir, "symlink.tgz"), join(dir, ".staging/symlink"), ["solution.ts", "secret.json"]);
  writeFileSync(join(dir, "corrupt.tar.gz"), Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.alloc(200, 0x41)]));
  writeFileSync(join(dir, "README.txt"), "not a submission\n");
}

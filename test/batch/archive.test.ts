/**
 * Safe extraction of submission archives: good zips and tarballs extract;
 * path traversal, symlinks, bombs, too many entries and corrupt bytes are
 * refused with a clear ArchiveError and nothing is written outside the
 * destination.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ArchiveError, archiveKind, extractArchive, safeEntryPath, stripArchiveExt } from "../../graders/engine/archive.js";
import { writeTgz, writeTraversalZip, writeZip } from "./make-submissions.js";

let tmp: string;
let n = 0;
const fresh = (): string => {
  const d = join(tmp, `x${n++}`, "dest");
  mkdirSync(d, { recursive: true });
  return d;
};

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "mmkata-archive-test-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("archive names", () => {
  it("knows the kinds and strips their extensions", () => {
    expect(["a.zip", "a.tar", "a.tar.gz", "a.TGZ", "a.txt"].map(archiveKind)).toEqual(["zip", "tar", "tgz", "tgz", undefined]);
    expect(stripArchiveExt("alice.tar.gz")).toBe("alice");
  });

  it("refuses absolute, parent and drive paths", () => {
    expect(() => safeEntryPath("/d", "/etc/passwd")).toThrow(/absolute path/);
    expect(() => safeEntryPath("/d", "a/../../x")).toThrow(/leaves the archive's folder/);
    expect(() => safeEntryPath("/d", "..\\x")).toThrow(/leaves/);
    expect(() => safeEntryPath("/d", "C:/x")).toThrow(/absolute/);
    expect(safeEntryPath("/d", "a/b.ts")).toBe("/d/a/b.ts");
  });
});

describe("extractArchive", () => {
  it("extracts a zip and a tar.gz", async () => {
    const z = join(tmp, "ok.zip");
    await writeZip(z, { "sub/solution.ts": "export {}\n", "a.txt": "A" });
    const d = fresh();
    await extractArchive(z, d);
    expect(readFileSync(join(d, "sub/solution.ts"), "utf8")).toBe("export {}\n");
    const src = join(tmp, "src");
    mkdirSync(src);
    writeFileSync(join(src, "solution.ts"), "x");
    await writeTgz(join(tmp, "ok.tgz"), src, ["solution.ts"]);
    const d2 = fresh();
    await extractArchive(join(tmp, "ok.tgz"), d2);
    expect(readFileSync(join(d2, "solution.ts"), "utf8")).toBe("x");
  });

  it("refuses a zip entry with ../ and writes nothing outside", async () => {
    const z = join(tmp, "trav.zip");
    await writeTraversalZip(z);
    const d = fresh();
    await expect(extractArchive(z, d)).rejects.toThrow(/"\.\.\/evil\.txt"/);
    expect(existsSync(join(d, "..", "evil.txt"))).toBe(false);
  });

  it("refuses a symlink in a tarball", async () => {
    const src = join(tmp, "sym");
    mkdirSync(src);
    symlinkSync("/etc/passwd", join(src, "link"));
    await writeTgz(join(tmp, "sym.tgz"), src, ["link"]);
    await expect(extractArchive(join(tmp, "sym.tgz"), fresh())).rejects.toThrow(/"link" is a SymbolicLink/);
  });

  it("stops a bomb at the byte cap and too many entries at the entry cap", async () => {
    const z = join(tmp, "bomb.zip");
    await writeZip(z, { "zeros.bin": Buffer.alloc(4 * 1024 * 1024) });
    const limits = { maxEntries: 5, maxTotalBytes: 256 * 1024, maxFileBytes: 1024 * 1024 };
    await expect(extractArchive(z, fresh(), limits)).rejects.toThrow(/more than 262144 bytes \(a zip bomb\?\)/);
    const many = join(tmp, "many.zip");
    await writeZip(many, Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`f${i}`, "x"])));
    await expect(extractArchive(many, fresh(), limits)).rejects.toThrow(/more than 5 entries/);
  });

  it("reports corrupt archives as ArchiveError", async () => {
    for (const name of ["bad.zip", "bad.tar.gz", "bad.tar"]) {
      writeFileSync(join(tmp, name), name === "bad.tar.gz" ? Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.alloc(64, 1)]) : Buffer.alloc(1024, 0x41));
      const err = await extractArchive(join(tmp, name), fresh()).catch((e: unknown) => e);
      expect(err, name).toBeInstanceOf(ArchiveError);
      expect((err as Error).message, name).toMatch(/cannot read the archive/);
    }
  });
});

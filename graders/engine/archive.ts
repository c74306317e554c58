/**
 * Safe extraction of a submission archive (.zip, .tar, .tar.gz, .tgz) into a
 * fresh folder, for batch grading. An archive comes from a learner, so it is
 * read as hostile: every entry name is checked before anything is written —
 * no absolute path, no `..` segment, nothing that resolves outside the
 * destination — only regular files and folders are accepted (a symlink, a
 * hardlink or a device is refused, not skipped), and the number of entries
 * and the bytes actually decompressed are capped while streaming, so a zip
 * bomb stops at the cap instead of filling the disk. Any violation, and any
 * archive the readers cannot parse, rejects with an ArchiveError whose
 * message names the entry; the caller turns that into an error report.
 */

import { createReadStream, mkdirSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { Parser, type ReadEntry } from "tar";
import yauzl from "yauzl";

export interface ArchiveLimits {
  /** most entries (files and folders) */
  maxEntries: number;
  /** most bytes of all files together, after decompression */
  maxTotalBytes: number;
  /** most bytes of one file */
  maxFileBytes: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = { maxEntries: 2000, maxTotalBytes: 50 * 1024 * 1024, maxFileBytes: 10 * 1024 * 1024 };

/** A submission archive we refuse or cannot read; the message is for the gradebook. */
export class ArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ArchiveError";
  }
}

export type ArchiveKind = "zip" | "tar" | "tgz";

/** The archive kind a file name says, or undefined for anything else. */
export function archiveKind(name: string): ArchiveKind | undefined {
  const n = name.toLowerCase();
  if (n.endsWith(".zip")) return "zip";
  if (n.endsWith(".tar")) return "tar";
  if (n.endsWith(".tar.gz") || n.endsWith(".tgz")) return "tgz";
  return undefined;
}

/** The name without its archive extension ("alice.tar.gz" → "alice"). */
export function stripArchiveExt(name: string): string {
  return name.replace(/\.(zip|tar|tar\.gz|tgz)$/i, "");
}

/**
 * The absolute destination of entry `name` under `dest`; throws when the name
 * is absolute, has a `..` segment, or otherwise escapes `dest`.
 */
export function safeEntryPath(dest: string, name: string): string {
  const n = name.replace(/\\/g, "/");
  if (n.includes("\0")) throw new ArchiveError(`entry "${printable(name)}" has a NUL byte in its name`);
  if (isAbsolute(n) || /^[a-zA-Z]:/.test(n)) throw new ArchiveError(`entry "${printable(name)}" has an absolute path`);
  if (n.split("/").includes("..")) throw new ArchiveError(`entry "${printable(name)}" leaves the archive's folder (..)`);
  const target = resolve(dest, n);
  const rel = relative(dest, target);
  if (rel.startsWith("..") || isAbsolute(rel)) throw new ArchiveError(`entry "${printable(name)}" leaves the archive's folder`);
  return target;
}

function printable(s: string): string {
  return s.replace(/[^\x20-\x7e]/g, "?").slice(0, 120);
}

/** Counts entries and bytes against the limits; throws on the first excess. */
class Budget {
  private entries = 0;
  private bytes = 0;
  constructor(private readonly limits: ArchiveLimits) {}

  entry(name: string): void {
    if (++this.entries > this.limits.maxEntries) throw new ArchiveError(`more than ${this.limits.maxEntries} entries (at "${printable(name)}")`);
  }

  add(name: string, fileBytes: number, chunk: number): void {
    this.bytes += chunk;
    if (fileBytes > this.limits.maxFileBytes) throw new ArchiveError(`entry "${printable(name)}" is larger than ${this.limits.maxFileBytes} bytes`);
    if (this.bytes > this.limits.maxTotalBytes) throw new ArchiveError(`archive expands to more than ${this.limits.maxTotalBytes} bytes (a zip bomb?)`);
  }
}

function writeEntry(target: string, data: Buffer[]): void {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, Buffer.concat(data), { flag: "wx", mode: 0o644 });
}

/**
 * Extract `file` (kind from its name) into the existing empty folder `dest`.
 * Rejects with ArchiveError on a hostile or unreadable archive.
 */
export async function extractArchive(file: string, dest: string, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Promise<void> {
  const kind = archiveKind(file);
  if (!kind) throw new ArchiveError(`${file} is not a .zip, .tar, .tar.gz or .tgz archive`);
  try {
    await (kind === "zip" ? extractZip(file, dest, new Budget(limits)) : extractTar(file, dest, new Budget(limits)));
  } catch (e) {
    if (e instanceof ArchiveError) throw e;
    throw new ArchiveError(`cannot read the archive: ${(e as Error).message ?? String(e)}`);
  }
}

/** A zip entry's Unix file type from its external attributes (0 when not recorded). */
function zipFileType(entry: yauzl.Entry): number {
  return ((entry.externalFileAttributes >>> 16) & 0o170000) >>> 0;
}

function extractZip(file: string, dest: string, budget: Budget): Promise<void> {
  return new Promise((resolveP, reject) => {
    yauzl.open(file, { lazyEntries: true, validateEntrySizes: true, decodeStrings: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error("no zip file"));
      const fail = (e: unknown): void => {
        zip.close();
        reject(e);
      };
      zip.on("error", (e: Error) => fail(fromYauzl(e)));
      zip.on("end", () => resolveP());
      zip.on("entry", (entry: yauzl.Entry) => {
        try {
          budget.entry(entry.fileName);
          const target = safeEntryPath(dest, entry.fileName);
          const type = zipFileType(entry);
          if (entry.fileName.endsWith("/")) {
            mkdirSync(target, { recursive: true });
            return zip.readEntry();
          }
          if (type !== 0 && type !== 0o100000) throw new ArchiveError(`entry "${printable(entry.fileName)}" is not a regular file (symlinks and devices are refused)`);
          readZipEntry(zip, entry, target, budget, () => zip.readEntry(), fail);
        } catch (e) {
          fail(e);
        }
      });
      zip.readEntry();
    });
  });
}

/** yauzl's own name checks (it runs them before we see the entry), in our words. */
function fromYauzl(e: Error): Error {
  const m = /^(invalid relative path|absolute path|invalid characters in fileName): (.*)$/.exec(e.message);
  if (!m) return e;
  return new ArchiveError(m[1] === "invalid relative path" ? `entry "${printable(m[2]!)}" leaves the archive's folder (..)` : `entry "${printable(m[2]!)}" has ${m[1] === "absolute path" ? "an absolute path" : "invalid characters in its name"}`);
}

function readZipEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, target: string, budget: Budget, next: () => void, fail: (e: unknown) => void): void {
  zip.openReadStream(entry, (err, stream) => {
    if (err || !stream) return fail(err ?? new Error("no stream"));
    const data: Buffer[] = [];
    let size = 0;
    stream.on("data", (chunk: Buffer) => {
      size += chunk.length;
      data.push(chunk);
      try {
        budget.add(entry.fileName, size, chunk.length);
      } catch (e) {
        stream.destroy();
        fail(e);
      }
    });
    stream.on("error", fail);
    stream.on("end", () => {
      try {
        writeEntry(target, data);
        next();
      } catch (e) {
        fail(e);
      }
    });
  });
}

function extractTar(file: string, dest: string, budget: Budget): Promise<void> {
  return new Promise((resolveP, reject) => {
    let failed = false;
    const input = createReadStream(file);
    const parser = new Parser({ strict: true });
    const fail = (e: unknown): void => {
      if (failed) return;
      failed = true;
      input.destroy();
      reject(e);
    };
    parser.on("entry", (entry: ReadEntry) => {
      try {
        onTarEntry(entry, dest, budget, fail);
      } catch (e) {
        entry.resume();
        fail(e);
      }
    });
    parser.on("error", fail);
    parser.on("warn", (_code: string, message: string | Error) => fail(new Error(typeof message === "string" ? message : message.message)));
    parser.on("end", () => {
      if (!failed) resolveP();
    });
    input.on("error", fail);
    input.pipe(parser);
  });
}

function onTarEntry(entry: ReadEntry, dest: string, budget: Budget, fail: (e: unknown) => void): void {
  budget.entry(entry.path);
  const target = safeEntryPath(dest, entry.path);
  if (entry.type === "Directory") {
    mkdirSync(target, { recursive: true });
    entry.resume();
    return;
  }
  if (entry.type !== "File" && entry.type !== "OldFile" && entry.type !== "ContiguousFile") {
    throw new ArchiveError(`entry "${printable(entry.path)}" is a ${entry.type}, not a regular file (links and devices are refused)`);
  }
  const data: Buffer[] = [];
  let size = 0;
  entry.on("data", (chunk: Buffer) => {
    size += chunk.length;
    data.push(chunk);
    try {
      budget.add(entry.path, size, chunk.length);
    } catch (e) {
      fail(e);
    }
  });
  entry.on("end", () => {
    try {
      writeEntry(target, data);
    } catch (e) {
      fail(e);
    }
  });
}

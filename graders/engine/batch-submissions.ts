/**
 * The submissions of a batch: each entry of the submissions folder is one —
 * a folder (a workspace with .mmkata.json, or a bare folder graded with
 * --exercise), or a .zip/.tar/.tar.gz/.tgz archive. Hidden entries (".…")
 * and other plain files (a README, a roster) are skipped and listed, never
 * graded. A submission's name is the entry's name without the archive
 * extension, with anything outside [A-Za-z0-9._-] replaced by "_" (it names
 * the report file); two entries with the same name are a usage error.
 *
 * Sharding: `--shard i/n` keeps the submissions whose name hashes (sha256,
 * first 32 bits) to i-1 mod n. A name's shard never depends on the other
 * submissions, so adding a late submission moves no one else.
 */

import { createHash } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { usageError } from "../cli/errors.js";
import { archiveKind, stripArchiveExt, type ArchiveKind } from "./archive.js";

export interface Submission {
  /** the report's base name */
  name: string;
  /** absolute path of the folder or archive */
  path: string;
  kind: "folder" | ArchiveKind;
}

export interface Shard {
  /** 1-based */
  index: number;
  count: number;
}

export interface Discovered {
  submissions: Submission[];
  /** entries that are neither a folder nor an archive */
  skipped: string[];
}

export function submissionName(entry: string): string {
  return stripArchiveExt(entry).replace(/[^A-Za-z0-9._-]/g, "_");
}

/** Every submission in dir, sorted by name. */
export function discoverSubmissions(dir: string): Discovered {
  const root = resolve(dir);
  let entries: string[];
  try {
    if (!statSync(root).isDirectory()) throw new Error("not a folder");
    entries = readdirSync(root).sort();
  } catch (e) {
    throw usageError(`submissions folder ${dir}: ${(e as Error).message}`, "pass a folder holding one folder or archive per submission");
  }
  const submissions: Submission[] = [];
  const skipped: string[] = [];
  const seen = new Map<string, string>();
  for (const entry of entries) {
    if (entry.startsWith(".")) continue;
    const path = join(root, entry);
    const kind = statSync(path).isDirectory() ? "folder" : archiveKind(entry);
    if (!kind) {
      skipped.push(entry);
      continue;
    }
    const name = submissionName(entry);
    const clash = seen.get(name);
    if (clash) throw usageError(`submissions ${clash} and ${entry} both have the name "${name}"`, "rename one of them: a submission's name names its report");
    seen.set(name, entry);
    submissions.push({ name, path, kind });
  }
  submissions.sort((a, b) => (a.name < b.name ? -1 : 1));
  return { submissions, skipped };
}

/** Parse "i/n" (1 ≤ i ≤ n ≤ 1000). */
export function parseShard(v: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(v.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || count > 1000 || index < 1 || index > count) throw usageError(`--shard must be i/n with 1 <= i <= n <= 1000, got "${v}"`, "e.g. --shard 2/3 for the second of three CI jobs");
  return { index, count };
}

/** The shard (1-based) a submission name belongs to among `count`. */
export function shardOf(name: string, count: number): number {
  const h = createHash("sha256").update(name).digest().readUInt32BE(0);
  return (h % count) + 1;
}

export function inShard(subs: readonly Submission[], shard?: Shard): Submission[] {
  return shard ? subs.filter((s) => shardOf(s.name, shard.count) === shard.index) : [...subs];
}

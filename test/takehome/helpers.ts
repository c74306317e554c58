/**
 * Helpers for the take-home, CI and Gradescope tests: run the CLI in-process
 * capturing its output and exit code, list files, read zips, and a tiny YAML
 * subset parser (block mappings and sequences, scalars, `[a, b]` flow lists)
 * strict enough to catch bad indentation in our CI templates.
 */

import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import yauzl from "yauzl";
import { vi } from "vitest";
import { main } from "../../graders/cli/main.js";

export interface Run {
  code: number;
  out: string;
  err: string;
}

/** Run `mmkata …args` in this process; stdout/stderr captured. */
export async function mmkata(...args: string[]): Promise<Run> {
  let out = "";
  let err = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
  try {
    const code = await main(["node", "mmkata", ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = undefined;
  }
}

/** Every file under dir, relative, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

export interface ZipFileEntry {
  path: string;
  mode: number;
  data: Buffer;
}

/** Every entry of a zip with its unix mode and content. */
export function readZip(file: string): Promise<ZipFileEntry[]> {
  return new Promise((ok, fail) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return fail(err);
      const entries: ZipFileEntry[] = [];
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e2, stream) => {
          if (e2 || !stream) return fail(e2);
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            entries.push({ path: entry.fileName, mode: (entry.externalFileAttributes >>> 16) & 0o7777, data: Buffer.concat(chunks) });
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => ok(entries));
      zip.on("error", fail);
      zip.readEntry();
    });
  });
}

interface Line {
  indent: number;
  text: string;
  no: number;
}

const KEY = /^([A-Za-z0-9_.$-][A-Za-z0-9_.\- ]*):(?: (.*))?$/;

function scalar(s: string): unknown {
  const t = s.trim();
  if (/^".*"$/.test(t) || /^'.*'$/.test(t)) return t.slice(1, -1);
  if (/^\[.*\]$/.test(t)) return t.slice(1, -1).split(",").map((x) => scalar(x));
  if (/^-?\d+$/.test(t)) return Number(t);
  if (t.startsWith("{") || t.startsWith("*") || t.startsWith("&") || /^[|>]/.test(t)) throw new Error(`unsupported YAML: ${t}`);
  return t;
}

function block(ls: Line[], i: number, indent: number): [unknown, number] {
  const first = ls[i]!;
  if (first.text.startsWith("- ")) {
    const seq: unknown[] = [];
    while (i < ls.length && ls[i]!.indent === indent && ls[i]!.text.startsWith("- ")) {
      const rest = ls[i]!.text.slice(2);
      if (!KEY.test(rest)) {
        seq.push(scalar(rest));
        i++;
        continue;
      }
      ls[i] = { indent: indent + 2, text: rest, no: ls[i]!.no };
      const [v, next] = block(ls, i, indent + 2);
      seq.push(v);
      i = next;
    }
    return [seq, i];
  }
  const map: Record<string, unknown> = {};
  while (i < ls.length && ls[i]!.indent === indent && !ls[i]!.text.startsWith("- ")) {
    const m = KEY.exec(ls[i]!.text);
    if (!m) throw new Error(`line ${ls[i]!.no}: expected "key:" but got ${ls[i]!.text}`);
    if (m[1]! in map) throw new Error(`line ${ls[i]!.no}: duplicate key ${m[1]}`);
    i++;
    if (m[2] !== undefined && m[2] !== "") map[m[1]!] = scalar(m[2]);
    else if (i < ls.length && ls[i]!.indent > indent) [map[m[1]!], i] = block(ls, i, ls[i]!.indent);
    else map[m[1]!] = null;
  }
  if (i < ls.length && ls[i]!.indent > indent) throw new Error(`line ${ls[i]!.no}: unexpected indentation`);
  return [map, i];
}

/** Parse the block-style YAML subset our templates use; throws on anything else. */
export function parseYamlSubset(src: string): unknown {
  const ls: Line[] = [];
  src.split("\n").forEach((raw, n) => {
    if (raw.includes("\t")) throw new Error(`line ${n + 1}: tab character`);
    const text = raw.trim();
    if (text && !text.startsWith("#")) ls.push({ indent: raw.length - raw.trimStart().length, text, no: n + 1 });
  });
  const [v, end] = block(ls, 0, 0);
  if (end !== ls.length) throw new Error(`line ${ls[end]!.no}: not parsed (indentation?)`);
  return v;
}

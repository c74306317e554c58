/**
 * `mmkata list [--json] [--track T]`: the catalog, grouped by track.
 *
 * listKata() returns the data; formatList() renders the table; the command
 * prints one or the other. `--json` output is an array of
 * {slug, title, track, difficulty, minutes, prerequisites}, in catalog order.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { pc } from "../colors.js";
import { loadCatalog } from "../../engine/catalog.js";
import { EXERCISES_DIR } from "../../engine/paths.js";
import { didYouMean, usageError } from "../errors.js";

export interface ListOptions {
  json?: boolean;
  track?: string;
  /** folder holding the kata (tests point it at fixtures) */
  root?: string;
}

export interface KataSummary {
  slug: string;
  title: string;
  track: string;
  difficulty: number;
  minutes: number;
  prerequisites: string[];
}

/** Every track the exercise schema allows, in its order (physical memory first). */
export function knownTracks(): string[] {
  const schema = JSON.parse(readFileSync(join(EXERCISES_DIR, "exercise.schema.json"), "utf8")) as {
    properties: { track: { enum: string[] } };
  };
  return schema.properties.track.enum;
}

/** Difficulty 1..5 as stars: ★★☆☆☆. */
export const stars = (difficulty: number): string => "★".repeat(difficulty) + "☆".repeat(Math.max(0, 5 - difficulty));

/** The kata, optionally of one track; an unknown track is a usage error with a suggestion. */
export async function listKata(opts: ListOptions = {}): Promise<KataSummary[]> {
  const tracks = knownTracks();
  if (opts.track !== undefined && !tracks.includes(opts.track)) {
    const guess = didYouMean(opts.track, tracks);
    throw usageError(`unknown track "${opts.track}"`, guess ? `did you mean "${guess}"?` : `tracks are: ${tracks.join(", ")}`);
  }
  const order = (t: string): number => tracks.indexOf(t);
  return loadCatalog(opts.root)
    .filter((e) => opts.track === undefined || e.track === opts.track)
    .sort((a, b) => order(a.track) - order(b.track) || a.difficulty - b.difficulty || a.slug.localeCompare(b.slug))
    .map(({ slug, title, track, difficulty, minutes, prerequisites }) => ({ slug, title, track, difficulty, minutes, prerequisites }));
}

/** Rows padded to column widths computed on plain text (colour is added after padding). */
function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join("  "));
}

/** The human table: one block per track, with a header row. */
export function formatList(kata: readonly KataSummary[]): string {
  if (kata.length === 0) return "No kata in this track yet.\n";
  const out: string[] = [];
  for (const track of [...new Set(kata.map((k) => k.track))]) {
    const inTrack = kata.filter((k) => k.track === track);
    out.push(pc.bold(`${track} (${inTrack.length} kata)`));
    const rows = [["SLUG", "TITLE", "LEVEL", "TIME", "PREREQUISITES"]];
    for (const k of inTrack) rows.push([k.slug, k.title, stars(k.difficulty), `${k.minutes} min`, k.prerequisites.join(", ") || "-"]);
    const [header, ...body] = table(rows);
    out.push(`  ${pc.dim(header!)}`, ...body.map((line) => `  ${line}`), "");
  }
  out.push(pc.dim("`mmkata show <slug>` for details, `mmkata start <slug>` to begin."));
  return out.join("\n") + "\n";
}

/** What `mmkata list` prints. */
export async function list(opts: ListOptions = {}): Promise<string> {
  const kata = await listKata(opts);
  return opts.json ? JSON.stringify(kata, null, 2) + "\n" : formatList(kata);
}

export function register(program: Command): void {
  program
    .command("list")
    .description("list the kata, grouped by track")
    .option("--json", "print machine-readable JSON")
    .option("--track <track>", "only the kata of one track")
    .action(async (opts: { json?: boolean; track?: string }) => {
      process.stdout.write(await list(opts));
    });
}

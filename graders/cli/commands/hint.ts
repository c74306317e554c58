/**
 * `mmkata hint [slug] [--reset] [--all]`: the next of a kata's hints.
 *
 * hints.md holds the hints under `## Hint 1`, `## Hint 2`, `## Hint 3`
 * headings (text after the number is the hint's title). How many a learner
 * has seen is remembered per kata: inside the kata's workspace in
 * `.mmkata/hints.json`, elsewhere in `$XDG_STATE_HOME/mmkata/hints.json`
 * (default ~/.local/state/mmkata/hints.json). Without a slug, the kata is the
 * one named by the `.mmkata.json` in this folder or above.
 */

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { pc } from "../colors.js";
import { listSlugs } from "../../engine/catalog.js";
import { EXERCISES_DIR } from "../../engine/paths.js";
import { readManifest, type WorkspaceManifest } from "../../engine/workspace.js";
import { didYouMean, inputError, usageError } from "../errors.js";

export interface HintOptions {
  reset?: boolean;
  all?: boolean;
  /** where to look for a workspace (default process.cwd()) */
  cwd?: string;
  /** folder holding the kata (tests point it at fixtures) */
  root?: string;
  /** environment for XDG_STATE_HOME (default process.env) */
  env?: Record<string, string | undefined>;
}

export interface Hint {
  n: number;
  title: string;
  body: string;
}

const HEADING = /^##[ \t]+Hint[ \t]+(\d+)\b[ \t]*[:.\u2014\u2013-]?[ \t]*(.*)$/gm;

/** Split hints.md at its `## Hint N` headings; numbering must run 1, 2, 3… with text under each. */
export function parseHints(markdown: string, file: string): Hint[] {
  const found = [...markdown.matchAll(HEADING)];
  const hints = found.map((m, i) => ({
    n: Number(m[1]),
    title: m[2]!.trim(),
    body: markdown.slice(m.index + m[0].length, found[i + 1]?.index ?? markdown.length).trim(),
  }));
  const malformed = (why: string) =>
    inputError(`${file} is malformed: ${why}`, "hints.md needs `## Hint 1`, `## Hint 2`, `## Hint 3` headings, each followed by its text");
  if (hints.length === 0) throw malformed("it has no `## Hint 1` heading");
  hints.forEach((h, i) => {
    if (h.n !== i + 1) throw malformed(`"## Hint ${h.n}" comes where "## Hint ${i + 1}" should`);
    if (!h.body) throw malformed(`"## Hint ${h.n}" has no text`);
  });
  return hints;
}

interface Workspace {
  dir: string;
  manifest: WorkspaceManifest;
}

/** The workspace holding `from` or a folder above it (the way git finds .git), if any. */
export function findWorkspace(from: string): Workspace | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const manifest = readManifest(dir);
    if (manifest) return { dir, manifest };
    if (dirname(dir) === dir) return undefined;
  }
}

/** The hints of a kata; an unknown slug is a usage error with a suggestion. */
function loadHints(slug: string, root: string): Hint[] {
  const slugs = listSlugs(root);
  if (!slugs.includes(slug)) {
    const guess = didYouMean(slug, slugs);
    throw usageError(`unknown kata "${slug}"`, guess ? `did you mean "${guess}"? (mmkata list shows them all)` : "run `mmkata list` to see every kata");
  }
  const file = join(root, slug, "hints.md");
  if (!existsSync(file)) throw inputError(`${file} is missing: this kata has no hints yet`);
  return parseHints(readFileSync(file, "utf8"), file);
}

/** Where the hint level of `slug` is remembered. */
export function hintStateFile(slug: string, ws: Workspace | undefined, env: Record<string, string | undefined>): string {
  if (ws?.manifest.slug === slug) return join(ws.dir, ".mmkata", "hints.json");
  return join(env.XDG_STATE_HOME || join(homedir(), ".local", "state"), "mmkata", "hints.json");
}

function readState(file: string): Record<string, number> {
  if (!existsSync(file)) return {};
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as unknown;
    if (typeof data === "object" && data !== null && !Array.isArray(data)) return data as Record<string, number>;
  } catch {
    // reported below
  }
  throw inputError(`${file} is not a valid hint state file`, "delete it to start the hints over");
}

function writeState(file: string, state: Record<string, number>): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(state, null, 2) + "\n");
}

const formatHint = (h: Hint, total: number, slug: string): string =>
  `${pc.bold(`Hint ${h.n} of ${total}`)} ${pc.dim(`(${slug})`)}${h.title ? `: ${h.title}` : ""}\n\n${h.body}\n`;

/** What `mmkata hint` prints; updates the remembered level. */
export async function hint(slug: string | undefined, opts: HintOptions = {}): Promise<string> {
  if (opts.reset && opts.all) throw usageError("--reset and --all cannot be used together");
  const ws = findWorkspace(opts.cwd ?? process.cwd());
  const target = slug ?? ws?.manifest.slug;
  if (target === undefined) {
    throw usageError("no kata named, and no .mmkata.json workspace here or above", "name the kata (`mmkata hint <slug>`) or run it inside a workspace made by `mmkata start`");
  }
  const hints = loadHints(target, opts.root ?? EXERCISES_DIR);
  const file = hintStateFile(target, ws, opts.env ?? process.env);
  const state = readState(file);
  const seen = Math.min(Math.max(0, Number(state[target]) || 0), hints.length);
  const cmd = ws?.manifest.slug === target ? "mmkata hint" : `mmkata hint ${target}`;
  const total = hints.length;
  if (opts.reset) {
    writeState(file, { ...state, [target]: 0 });
    return `Hints for ${target} reset: \`${cmd}\` shows hint 1 again.\n`;
  }
  if (opts.all) {
    writeState(file, { ...state, [target]: total });
    return hints.map((h) => formatHint(h, total, target)).join("\n");
  }
  if (seen >= total) {
    return `No more hints for ${target}: you have seen all ${total}.\n  ${cmd} --all     shows them all again\n  ${cmd} --reset   starts over from hint 1\n`;
  }
  writeState(file, { ...state, [target]: seen + 1 });
  const next = seen + 1 < total ? `Run \`${cmd}\` again for hint ${seen + 2} of ${total}.` : "That was the last hint.";
  return `${formatHint(hints[seen]!, total, target)}\n${pc.dim(next)}\n`;
}

export function register(program: Command): void {
  program
    .command("hint")
    .description("show the next hint for a kata (in a workspace, its kata)")
    .argument("[slug]", "the kata (default: the workspace's kata)")
    .option("--reset", "forget the hints seen so far")
    .option("--all", "show every hint at once")
    .action(async (slug: string | undefined, opts: { reset?: boolean; all?: boolean }) => {
      process.stdout.write(await hint(slug, opts));
    });
}

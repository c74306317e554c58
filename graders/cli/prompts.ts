/**
 * The picker `mmkata` opens with no arguments in a terminal: track → kata →
 * workspace folder → `start`. Each prompt has a flag equivalent
 * (`mmkata start <slug> --dir <dir>`), which it prints at the end. Ctrl-C
 * throws ExitPromptError, which reportError turns into exit code 130.
 *
 * The prompt functions are injectable so the flow is testable without a terminal.
 */

import { existsSync, readdirSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { input, select } from "@inquirer/prompts";
import { loadCatalog } from "../engine/catalog.js";
import { inputError } from "./errors.js";
import { knownTracks, stars } from "./commands/list.js";
import { formatStart, start } from "./commands/start.js";

export interface Choice {
  name: string;
  value: string;
  description?: string;
}

export interface PromptFns {
  select: (q: { message: string; choices: Choice[] }) => Promise<string>;
  input: (q: { message: string; default?: string; validate?: (v: string) => boolean | string }) => Promise<string>;
}

export interface PickerOptions {
  cwd?: string;
  root?: string;
  prompts?: PromptFns;
}

/** True when mmkata may prompt: both ends are terminals and this is not CI. */
export function isInteractive(env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY && !env.CI);
}

/** A folder `start` would accept without --force, or why not. */
function usableDir(dir: string, cwd: string): true | string {
  const abs = resolve(cwd, dir.trim());
  if (!dir.trim()) return "enter a folder";
  if (!existsSync(abs)) return true;
  if (!statSync(abs).isDirectory()) return `${dir} is a file`;
  return readdirSync(abs).length === 0 || `${dir} is not empty: choose another folder (or use \`mmkata start --force\`)`;
}

/** Ask for a kata and a folder, create the workspace, return what to print. */
export async function pickAndStart(opts: PickerOptions = {}): Promise<string> {
  const prompts: PromptFns = opts.prompts ?? { select, input };
  const cwd = opts.cwd ?? process.cwd();
  const catalog = loadCatalog(opts.root);
  if (catalog.length === 0) throw inputError("the catalog has no kata");
  const order = knownTracks();
  const tracks = [...new Set(catalog.map((e) => e.track))].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const track = await prompts.select({
    message: "Which track?",
    choices: tracks.map((t) => ({ name: `${t} (${catalog.filter((e) => e.track === t).length} kata)`, value: t })),
  });
  const slug = await prompts.select({
    message: "Which kata?",
    choices: catalog
      .filter((e) => e.track === track)
      .map((e) => ({
        name: `${e.slug.padEnd(24)} ${stars(e.difficulty)} ${String(e.minutes).padStart(3)} min  ${e.title}`,
        value: e.slug,
        description: e.prerequisites.length ? `prerequisites: ${e.prerequisites.join(", ")}` : undefined,
      })),
  });
  const dir = (await prompts.input({ message: "Workspace folder:", default: `./${slug}`, validate: (d) => usableDir(d, cwd) })).trim();
  const result = await start(slug, { dir, cwd, root: opts.root });
  return `${formatStart(result, cwd)}\n(Next time, without prompts: mmkata start ${slug} --dir ${JSON.stringify(dir)})\n`;
}

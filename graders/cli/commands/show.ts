/**
 * `mmkata show <slug>`: a kata's metadata (difficulty, time, prerequisites,
 * kernel references, rubric groups with points) followed by its instructions.
 */

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { pc } from "../colors.js";
import { loadExercise, type Exercise, type RubricGroup } from "../../engine/catalog.js";
import { inputError } from "../errors.js";
import { stars } from "./list.js";

export interface ShowOptions {
  /** folder holding the kata (tests point it at fixtures) */
  root?: string;
}

/** Groups in tree order (each child right after its parent, in listed order), with their depth. */
function treeOrder(rubric: readonly RubricGroup[], parent?: string, depth = 0): [RubricGroup, number][] {
  return rubric
    .filter((g) => g.parent === parent)
    .flatMap((g): [RubricGroup, number][] => [[g, depth], ...treeOrder(rubric, g.id, depth + 1)]);
}

/** The rubric as a tree: points, group id (indented under its parent), title. */
export function formatRubric(rubric: readonly RubricGroup[]): string[] {
  const rows = treeOrder(rubric).map(([g, d]) => [String(g.points).padStart(3), "  ".repeat(d) + g.id, g.title] as const);
  const width = Math.max(...rows.map(([, id]) => id.length));
  const total = rubric.reduce((s, g) => s + g.points, 0);
  return [
    `Rubric (${total} points; an indented group counts only when its parent passes):`,
    ...rows.map(([points, id, title]) => `  ${points}  ${id.padEnd(width)}  ${title}`),
  ];
}

/** The metadata block printed above the instructions. */
export function formatMetadata(ex: Exercise): string {
  const lines = [
    pc.bold(`${ex.slug}: ${ex.title}`),
    `Track:         ${ex.track}`,
    `Difficulty:    ${stars(ex.difficulty)} (${ex.difficulty}/5), about ${ex.minutes} min`,
    `Prerequisites: ${ex.prerequisites.join(", ") || "none"}`,
    `Kernel:        ${ex.kernelRefs.map((r) => `${r.file} ${r.function}`).join("\n               ")}`,
    `You implement: ${ex.api.functions.map((f) => `${f.name}()`).join(", ")}`,
    "",
    ...formatRubric(ex.rubric),
  ];
  return lines.join("\n") + "\n";
}

/** What `mmkata show <slug>` prints. Unknown slug: usage error with a suggestion. */
export async function show(slug: string, opts: ShowOptions = {}): Promise<string> {
  const ex = loadExercise(slug, opts.root);
  const file = join(ex.dir, "instructions.md");
  if (!existsSync(file)) throw inputError(`${file} is missing`);
  const instructions = readFileSync(file, "utf8").trimEnd();
  const rule = pc.dim("─".repeat(72));
  return `${formatMetadata(ex)}${rule}\n\n${instructions}\n\n${rule}\n${pc.dim(`Start it: mmkata start ${ex.slug}`)}\n`;
}

export function register(program: Command): void {
  program
    .command("show")
    .description("show a kata's instructions, rubric and kernel references")
    .argument("<slug>", "the kata (see `mmkata list`)")
    .action(async (slug: string) => {
      process.stdout.write(await show(slug));
    });
}

/**
 * Scoring by rubric groups (gradelib style): a group earns its points when
 * every one of its cases passes and its parent group passed; a group whose
 * parent failed earns nothing and says "Parent failed: <id>". Groups are
 * all-or-nothing so that guessing cannot collect partial credit.
 */

import type { RubricGroup } from "./exercise-types.js";
import type { Case, Group } from "../report/report-types.js";

/** Groups in rubric order with points and status; `cases` are the report's cases. */
export function scoreGroups(rubric: readonly RubricGroup[], cases: readonly Case[]): Group[] {
  const byId = new Map(rubric.map((g) => [g.id, g]));
  const own = new Map<string, boolean>();
  for (const g of rubric) {
    const mine = cases.filter((c) => c.group === g.id);
    own.set(g.id, mine.length > 0 && mine.every((c) => c.status === "pass"));
  }
  const failedAncestor = (g: RubricGroup): string | undefined => {
    for (let p = g.parent; p !== undefined; p = byId.get(p)?.parent) if (!own.get(p)) return p;
    return undefined;
  };
  return rubric.map((g) => {
    const mine = cases.filter((c) => c.group === g.id);
    const passed = mine.filter((c) => c.status === "pass").length;
    const base = { id: g.id, title: g.title, ...(g.parent ? { parent: g.parent } : {}), max: g.points, passed, total: mine.length };
    if (mine.length === 0) return { ...base, points: 0, status: "not-run" as const, message: "no case of this group was run" };
    if (!own.get(g.id)) return { ...base, points: 0, status: "fail" as const };
    const anc = failedAncestor(g);
    if (anc) return { ...base, points: 0, status: "parent-failed" as const, message: `Parent failed: ${anc}` };
    return { ...base, points: g.points, status: "pass" as const };
  });
}

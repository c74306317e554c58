/**
 * Report → the derived numbers every renderer shares. Pure functions of a
 * (schema-valid) Report: per-group and per-case summaries, counts and
 * percentages, per-case replay commands, Exercism task ids, and the data
 * behind the buddy diagrams of the HTML report. Renderers format these and
 * compute nothing themselves (ARCHITECTURE.md: raw report → metrics → renderers).
 */

import { migratetype_names } from "../../reference/core/constants.js";
import type { Case, Counterexample, Diagnostic, Group, Report } from "./report-types.js";

export interface CaseSummary {
  id: string;
  title: string;
  group: string;
  status: Case["status"];
  ops: number;
  /** failure kind when not passed */
  kind?: string;
  invariant?: string;
  /** one line: the case's message, else the failure kind */
  headline: string;
  counterexample?: Counterexample;
  /** the command that replays just this case */
  replay: string;
  /** milliseconds the case took (from the report's timing section), if recorded */
  ms?: number;
}

export interface GroupSummary extends Group {
  /** points as a percentage of max (0 when max is 0) */
  percent: number;
  cases: CaseSummary[];
  failing: CaseSummary[];
}

export interface Counts {
  total: number;
  pass: number;
  fail: number;
  error: number;
  skipped: number;
}

export interface ReportMetrics {
  slug: string;
  title: string;
  status: Report["status"];
  /** the report's message, or a summary when it has none */
  message: string;
  points: number;
  max: number;
  percent: number;
  counts: Counts;
  groups: GroupSummary[];
  /** every case, in report order */
  cases: CaseSummary[];
  /** every case that did not pass, in report order */
  failing: CaseSummary[];
  diagnostics: Diagnostic[];
  stdout: string;
  stderr: string;
  outputTruncated: boolean;
  /** stdout then stderr, for formats with one output field */
  output: string;
  totalSeconds: number;
}

/** Percentage rounded to one decimal. */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;
}

/** The run's replay command narrowed to one case. */
export function caseReplay(r: Report, caseId: string): string {
  const base = r.run.replay.replace(/ --case \S+/g, "");
  return `${base} --case ${caseId}`;
}

function summarizeCase(r: Report, c: Case): CaseSummary {
  const cx = c.failure?.counterexample;
  const headline = c.message ?? (c.status === "pass" ? "passed" : (c.failure?.kind ?? c.status));
  return {
    id: c.id,
    title: c.title,
    group: c.group,
    status: c.status,
    ops: c.ops,
    ...(c.failure && c.status !== "pass" ? { kind: c.failure.kind } : {}),
    ...(c.failure?.invariant ? { invariant: c.failure.invariant } : {}),
    headline,
    ...(cx ? { counterexample: cx } : {}),
    replay: cx?.replay ?? caseReplay(r, c.id),
    ...(r.timing.casesMs[c.id] !== undefined ? { ms: r.timing.casesMs[c.id] } : {}),
  };
}

function countCases(cases: readonly Case[]): Counts {
  const n: Counts = { total: cases.length, pass: 0, fail: 0, error: 0, skipped: 0 };
  for (const c of cases) n[c.status]++;
  return n;
}

/** Everything the renderers show, derived once. */
export function reportMetrics(r: Report): ReportMetrics {
  const cases = r.cases.map((c) => summarizeCase(r, c));
  const groups = r.groups.map((g) => {
    const mine = cases.filter((c) => c.group === g.id);
    return { ...g, percent: percent(g.points, g.max), cases: mine, failing: mine.filter((c) => c.status !== "pass") };
  });
  const counts = countCases(r.cases);
  const stdout = r.output?.stdout ?? "";
  const stderr = r.output?.stderr ?? "";
  return {
    slug: r.exercise.slug,
    title: r.exercise.title,
    status: r.status,
    message: r.message ?? `${counts.pass} of ${counts.total} cases passed`,
    points: r.score.points,
    max: r.score.max,
    percent: percent(r.score.points, r.score.max),
    counts,
    groups,
    cases,
    failing: cases.filter((c) => c.status !== "pass"),
    diagnostics: r.diagnostics,
    stdout,
    stderr,
    outputTruncated: r.output?.truncated ?? false,
    output: stdout && stderr ? `${stdout}${stdout.endsWith("\n") ? "" : "\n"}${stderr}` : stdout + stderr,
    totalSeconds: Math.round(r.timing.totalMs / 100) / 10,
  };
}

/**
 * Exercism task ids (results.json v3) for each rubric group.
 *
 * Tasks are the instructions' `## ` headings that name work: Exercism's
 * `## N. Title` headings, or a heading starting with "Task". Rubric groups are
 * written from basic to advanced, as tasks are, so with k tasks and n groups
 * the i-th group (0-based, rubric order) belongs to task floor(i·k/n) + 1; with
 * one task (our kata have a single `## Task`) every group is task 1. No task
 * heading: no task ids (the field is optional).
 */
export function exercismTaskIds(instructions: string, groupIds: readonly string[]): Record<string, number> {
  const headings = instructions.split(/\r?\n/).filter((l) => /^##\s+(\d+\.\s|task\b)/i.test(l));
  const k = headings.length;
  const out: Record<string, number> = {};
  if (k === 0) return out;
  groupIds.forEach((id, i) => (out[id] = Math.floor((i * k) / groupIds.length) + 1));
  return out;
}

// ---- buddy diagrams (HTML report) ------------------------------------------

export interface MapBlock {
  pfn: number;
  order: number;
  mt: number;
  /** true when this block is not free in the same form in the other end state */
  differs: boolean;
}

export interface MapState {
  label: "start" | "expected" | "actual";
  blocks: MapBlock[];
  /** free blocks per order */
  nrFree: number[];
}

export interface BuddyDiagram {
  zoneName: string;
  zoneStartPfn: number;
  spannedPages: number;
  /** the pfn range the map shows: the smallest aligned power-of-two window holding every free block, within the zone */
  viewStart: number;
  viewPages: number;
  states: MapState[];
  /** highest block count in any state at any order (histogram scale) */
  histMax: number;
  /** migratetypes present, with names, for the legend */
  migratetypes: { mt: number; name: string }[];
}

type FreeTriple = [number, number, number];

/** Orders above this are not drawn (a submission's state may hold anything). */
const MAX_DIAGRAM_ORDER = 20;

function isFreeTriples(x: unknown): x is FreeTriple[] {
  return Array.isArray(x) && x.every((t) => Array.isArray(t) && t.length === 3 && t.every((n) => Number.isInteger(n) && n >= 0) && t[1] <= MAX_DIAGRAM_ORDER);
}

/** A ZoneSetup's free blocks and geometry, or undefined when x is not one. */
function fromSetup(x: unknown): { name: string; start: number; span: number; free: FreeTriple[] } | undefined {
  const s = x as { zone?: { name?: unknown; zoneStartPfn?: unknown; spannedPages?: unknown }; free?: unknown } | null;
  if (!s || typeof s !== "object" || !s.zone || !isFreeTriples(s.free)) return undefined;
  const { name, zoneStartPfn, spannedPages } = s.zone;
  if (!Number.isInteger(zoneStartPfn) || !Number.isInteger(spannedPages)) return undefined;
  return { name: typeof name === "string" ? name : "zone", start: zoneStartPfn as number, span: spannedPages as number, free: s.free };
}

/** A ZoneSnapshot's free blocks, or undefined when x is not one. */
function fromSnapshot(x: unknown): { start: number; span: number; orders: number; free: FreeTriple[] } | undefined {
  const s = x as { zoneStartPfn?: unknown; spannedPages?: unknown; lists?: unknown; nrFree?: unknown } | null;
  if (!s || typeof s !== "object" || !Number.isInteger(s.zoneStartPfn) || !Number.isInteger(s.spannedPages) || (s.spannedPages as number) <= 0 || !Array.isArray(s.lists)) return undefined;
  const free: FreeTriple[] = [];
  for (const l of s.lists as { order?: unknown; mt?: unknown; pfns?: unknown }[]) {
    if (!Number.isInteger(l?.order) || !Number.isInteger(l?.mt) || !Array.isArray(l?.pfns) || (l.order as number) < 0 || (l.order as number) > MAX_DIAGRAM_ORDER) return undefined;
    for (const pfn of l.pfns) if (Number.isInteger(pfn)) free.push([pfn as number, l.order as number, l.mt as number]);
  }
  return { start: s.zoneStartPfn as number, span: s.spannedPages as number, orders: Array.isArray(s.nrFree) ? Math.min(s.nrFree.length, MAX_DIAGRAM_ORDER + 1) : 0, free };
}

function mapState(label: MapState["label"], free: FreeTriple[], other: FreeTriple[] | undefined, orders: number): MapState {
  const key = (t: FreeTriple) => t.join(":");
  const otherKeys = new Set((other ?? free).map(key));
  const nrFree = new Array<number>(orders).fill(0);
  for (const [, order] of free) if (order < orders) nrFree[order]!++;
  const blocks = [...free].sort((a, b) => a[0] - b[0]).map((t) => ({ pfn: t[0], order: t[1], mt: t[2], differs: !otherKeys.has(key(t)) }));
  return { label, blocks, nrFree };
}

/** The smallest naturally aligned power-of-two window (≥ 16 pages) covering every block, clipped to the zone. */
function viewWindow(start: number, span: number, states: readonly MapState[]): { viewStart: number; viewPages: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of states) for (const b of s.blocks) [lo, hi] = [Math.min(lo, b.pfn), Math.max(hi, b.pfn + 2 ** b.order)];
  if (lo === Infinity) return { viewStart: start, viewPages: span };
  for (let size = 16; size < span; size *= 2) {
    const s0 = Math.floor(lo / size) * size;
    if (s0 + size >= hi) {
      const from = Math.max(start, s0);
      return { viewStart: from, viewPages: Math.min(start + span, s0 + size) - from };
    }
  }
  return { viewStart: start, viewPages: span };
}

/**
 * The data for a buddy counterexample's free-area histogram and pfn map, when
 * the report holds its states (disclosure `full`) in the buddy shapes
 * (reference/zone/setup.ts ZoneSetup, reference/zone/snapshot.ts ZoneSnapshot);
 * undefined otherwise, so renderers can leave the diagrams out.
 */
export function buddyDiagram(cx: Counterexample | undefined): BuddyDiagram | undefined {
  if (!cx) return undefined;
  const setup = fromSetup(cx.setupState);
  const expected = fromSnapshot(cx.expectedState);
  const actual = fromSnapshot(cx.actualState);
  if (!expected || !actual) return undefined;
  const orders = Math.max(1, expected.orders, ...[setup?.free, expected.free, actual.free].flatMap((f) => (f ?? []).map((t) => t[1] + 1)));
  const states = [
    ...(setup ? [mapState("start", setup.free, undefined, orders)] : []),
    mapState("expected", expected.free, actual.free, orders),
    mapState("actual", actual.free, expected.free, orders),
  ];
  const mts = [...new Set(states.flatMap((s) => s.blocks.map((b) => b.mt)))].sort((a, b) => a - b);
  return {
    zoneName: setup?.name ?? "zone",
    zoneStartPfn: expected.start,
    spannedPages: expected.span,
    ...viewWindow(expected.start, expected.span, states),
    states,
    histMax: Math.max(1, ...states.flatMap((s) => s.nrFree)),
    migratetypes: mts.map((mt) => ({ mt, name: migratetype_names[mt] ?? `mt${mt}` })),
  };
}

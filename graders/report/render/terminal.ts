/**
 * The report for a person at a terminal: score per rubric group, then the
 * failing cases with their counterexample (as much as the report's disclosure
 * tier holds), then how to replay. Colour only when enabled (a TTY without
 * NO_COLOR); the renderer computes nothing the report does not hold.
 */

import picocolors from "picocolors";
import type { Case, Counterexample, Group, Report } from "../report-types.js";

type Colors = ReturnType<typeof picocolors.createColors>;

/** How many failing cases get a full counterexample; the rest get one line. */
const DETAILED = 3;

function header(r: Report, c: Colors): string[] {
  const n = r.cases.length;
  return [
    `${c.bold("mmkata")} ${c.dim("·")} ${c.bold(r.exercise.slug)} ${c.dim("—")} ${r.exercise.title}`,
    c.dim(`${r.submission.entry} · seed ${r.run.seed} · ${n} case${n === 1 ? "" : "s"} · isolation ${r.run.isolation} · disclosure ${r.run.disclosure}`),
    "",
  ];
}

function groupLine(g: Group, c: Colors, width: number): string {
  if (g.status === "not-run") return c.dim(`  - ${g.id.padEnd(width)} ${`-/${g.max}`.padStart(7)}  ${g.title}  (not run)`);
  const mark = g.status === "pass" ? c.green("✓") : g.status === "parent-failed" ? c.yellow("~") : c.red("✗");
  const pts = `${g.points}/${g.max}`.padStart(7);
  const extra = g.status === "pass" ? "" : c.dim(g.status === "parent-failed" ? `  ${g.message ?? "parent failed"}` : `  ${g.passed}/${g.total} cases passed`);
  return `  ${mark} ${g.id.padEnd(width)} ${pts}  ${g.title}${extra}`;
}

function counterexampleLines(cx: Counterexample, c: Colors): string[] {
  const out = [c.dim(`      counterexample: ${cx.ops.length} op${cx.ops.length === 1 ? "" : "s"}, shrunk from ${cx.shrunkFrom}`)];
  cx.setup.forEach((l, i) => out.push(`        ${i === 0 ? "start " : "      "}${l}`));
  for (const op of cx.ops) {
    const diverged = op.index === cx.divergedAt;
    const line = `        #${op.index} ${op.text}`;
    if (diverged) out.push(c.red(line), op.expected === op.actual ? `           ${op.expected === "done" ? "completed" : `returned ${op.expected}`} as expected, but the state after it differs:` : `           expected ${op.expected}, got ${op.actual}`);
    else out.push(`${line} ${c.dim("→ " + op.expected)}`);
  }
  if (cx.differences.length) {
    out.push(c.dim("      differences after the op:"));
    for (const d of cx.differences) out.push(`        - ${d}`);
  }
  if (cx.replay) out.push(c.dim(`      replay: ${cx.replay}`));
  return out;
}

function caseLines(k: Case, c: Colors, detailed: boolean): string[] {
  const mark = k.status === "skipped" ? c.yellow("-") : c.red("✗");
  const out = [`    ${mark} ${k.id} ${c.dim("— " + k.title)}`];
  const cx = detailed ? k.failure?.counterexample : undefined;
  if (k.message && !cx) out.push(`      ${k.message}`);
  if (cx && k.failure?.invariant) out.push(`      ${c.bold("broken invariant:")} ${k.failure.invariant}`);
  if (cx) out.push(...counterexampleLines(cx, c));
  return out;
}

function failures(r: Report, c: Colors): string[] {
  const bad = r.cases.filter((k) => k.status !== "pass");
  if (!bad.length) return [];
  const out = ["", c.bold(`Failing cases (${bad.length}):`)];
  bad.forEach((k, i) => out.push(...caseLines(k, c, i < DETAILED)));
  if (bad.length > DETAILED) out.push(c.dim(`    (counterexamples shown for the first ${DETAILED}; --format json has them all)`));
  return out;
}

function footer(r: Report, c: Colors): string[] {
  const status = r.status === "pass" ? c.green("pass") : r.status === "fail" ? c.red("fail") : c.red("error");
  const out = [""];
  for (const d of r.diagnostics) out.push(`${d.severity === "error" ? c.red(d.severity) : c.yellow(d.severity)}: ${d.message}`);
  if (r.output && (r.output.stdout || r.output.stderr)) {
    out.push(c.dim("Your code printed (stdout then stderr):"));
    for (const l of (r.output.stdout + r.output.stderr).split("\n").slice(0, 10)) if (l) out.push(c.dim(`  | ${l.slice(0, 160)}`));
    if (r.output.truncated) out.push(c.dim("  | … output truncated (limit)"));
  }
  const summary = r.message && r.status !== "error" ? " · " + r.message : "";
  out.push(`${c.bold(`Score ${r.score.points}/${r.score.max}`)} · ${status}${summary} · ${(r.timing.totalMs / 1000).toFixed(1)} s`);
  return out;
}

/** Render for a terminal; `color` decides whether ANSI colours are used. */
export function renderTerminal(r: Report, color: boolean): string {
  const c = picocolors.createColors(color);
  const width = Math.max(8, ...r.groups.map((g) => g.id.length));
  const lines = [...header(r, c)];
  if (r.status === "error") lines.push(`  ${c.red("✗")} ${(r.message ?? "grading could not run").split("\n")[0]}`);
  else lines.push(...r.groups.map((g) => groupLine(g, c, width)), ...failures(r, c));
  lines.push(...footer(r, c));
  return lines.join("\n") + "\n";
}

/** Whether to colour output written to this stream (TTY, NO_COLOR unset, FORCE_COLOR respected). */
export function wantsColor(stream: NodeJS.WriteStream): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "") return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== "0") return true;
  return Boolean(stream.isTTY);
}

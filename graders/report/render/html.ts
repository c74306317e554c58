/**
 * The report as one self-contained HTML file: inline CSS and SVG only, no
 * script and no network (a Content-Security-Policy says so to the browser).
 * Score table by rubric group with bars; each failing case with its op trace
 * (the diverging op and every expected/actual mismatch highlighted), the
 * differences, and — when the report holds buddy states (disclosure `full`) —
 * a free-area histogram and a pfn map of the start, expected and actual
 * states. Every string from the report is escaped (learner-controlled text).
 */

import type { CaseSummary, ReportMetrics } from "../metrics.js";
import { buddyDiagram, reportMetrics } from "../metrics.js";
import type { Report } from "../report-types.js";
import { esc, histogramSvg, pfnMapSvg, scoreBar, STATE_COLOR } from "./html-svg.js";

/** Failing cases rendered open with diagrams; the rest start collapsed. */
const OPEN = 3;
/** Failing cases rendered at all; the rest are listed by id. */
const DETAILED = 50;

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#212529;margin:2rem auto;max-width:960px;padding:0 1rem}
h1{font-size:1.4rem;margin:0 0 .3rem}h2{font-size:1.1rem;margin:1.6rem 0 .5rem}h3{font-size:1rem;margin:0}
.meta{color:#6c757d}.score{font-size:1.6rem;font-weight:600}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:.6rem;font-size:.8rem;font-weight:600;color:#fff;vertical-align:middle}
.pass{background:#2f9e44}.fail,.error{background:#e03131}.parent-failed{background:#f08c00}.not-run,.skipped{background:#868e96}
table{border-collapse:collapse;width:100%;margin:.4rem 0}th,td{border-bottom:1px solid #dee2e6;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f8f9fa}td.num{text-align:right;white-space:nowrap}code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem}
pre{background:#f8f9fa;border:1px solid #dee2e6;padding:.5rem;overflow:auto;white-space:pre-wrap}
details{border:1px solid #dee2e6;border-radius:.4rem;padding:.5rem .8rem;margin:.6rem 0}summary{cursor:pointer}
tr.diverged td{background:#fff5f5}td.mismatch{background:#ffe3e3;font-weight:600}td.expected{color:${STATE_COLOR.expected}}td.actual{color:${STATE_COLOR.actual}}
ul.diff li{margin:.2rem 0}.diagram{display:block;margin:.6rem 0;max-width:100%;height:auto}
.diagram text{font-size:10px;fill:#495057}.diagram text.legend,.diagram text.rowlabel{font-size:11px}
.diagram rect.blk{stroke:#fff;stroke-width:.6}.diagram rect.blk.differs{stroke:#c92a2a;stroke-width:2}
`;

function header(r: Report, m: ReportMetrics): string {
  return `<header><h1>${esc(m.slug)} — ${esc(m.title)}</h1>
<p><span class="score">${m.points}/${m.max}</span> (${m.percent}%) <span class="badge ${m.status}">${m.status}</span> ${esc(m.message)}</p>
<p class="meta">submission <code>${esc(r.submission.entry)}</code> · sha256 <code>${esc(r.submission.sha256.slice(0, 12))}</code> · seed ${r.run.seed} · disclosure ${esc(r.run.disclosure)} · isolation ${esc(r.run.isolation)} · mmkata ${esc(r.tool.version)} · ${m.totalSeconds} s</p></header>`;
}

function groupTable(m: ReportMetrics): string {
  const rows = m.groups.map((g) => {
    const note = g.status === "pass" ? "" : g.status === "fail" ? `${g.failing.length} failing` : esc(g.message ?? "");
    return `<tr><td><span class="badge ${g.status}">${g.status}</span></td><td><code>${esc(g.id)}</code></td><td>${esc(g.title)}</td><td class="num">${g.points}/${g.max}</td><td>${scoreBar(g.points, g.max)}</td><td class="num">${g.passed}/${g.total}</td><td>${note}</td></tr>`;
  });
  return `<h2>Score by rubric group</h2><table class="groups"><thead><tr><th></th><th>group</th><th>what it checks</th><th>points</th><th></th><th>cases</th><th>note</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function opTrace(c: CaseSummary): string {
  const cx = c.counterexample!;
  const rows = cx.ops.map((op) => {
    const diverged = op.index === cx.divergedAt;
    const mism = op.expected !== op.actual ? " mismatch" : "";
    return `<tr class="op${diverged ? " diverged" : ""}"><td class="num">${op.index}</td><td>${esc(op.text)}${diverged ? " <strong>← diverges</strong>" : ""}</td><td class="expected${mism}"><code>${esc(op.expected)}</code></td><td class="actual${mism}"><code>${esc(op.actual)}</code></td></tr>`;
  });
  return `<table class="trace"><thead><tr><th>#</th><th>op</th><th>expected</th><th>actual</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function counterexample(c: CaseSummary): string {
  const cx = c.counterexample!;
  const d = buddyDiagram(cx);
  const diagrams = d ? `<h4>Free areas after op #${cx.divergedAt}</h4>${histogramSvg(d)}<h4>pfn map (blocks that differ are outlined and marked)</h4>${pfnMapSvg(d)}` : "";
  const diffs = cx.differences.length ? `<p>Differences after op #${cx.divergedAt}:</p><ul class="diff">${cx.differences.map((x) => `<li>${esc(x)}</li>`).join("")}</ul>` : "";
  return `<p>Counterexample: ${cx.ops.length} op${cx.ops.length === 1 ? "" : "s"}, shrunk from ${cx.shrunkFrom}. Start state:</p><pre>${esc(cx.setup.join("\n"))}</pre>${opTrace(c)}${diffs}${diagrams}`;
}

function caseBlock(c: CaseSummary, open: boolean): string {
  const inv = c.invariant ? `<p><strong>Broken invariant:</strong> ${esc(c.invariant)}</p>` : "";
  const body = c.counterexample ? counterexample(c) : `<p>${esc(c.headline)}</p>`;
  return `<details class="case"${open ? " open" : ""}><summary><span class="badge ${c.status}">${c.status}</span> <code>${esc(c.id)}</code> — ${esc(c.title)} <span class="meta">(group ${esc(c.group)}${c.kind ? ", " + esc(c.kind) : ""})</span></summary>
${inv}${body}<p class="meta">replay: <code>${esc(c.replay)}</code></p></details>`;
}

function failures(m: ReportMetrics): string {
  if (!m.failing.length) return "";
  const shown = m.failing.slice(0, DETAILED).map((c, i) => caseBlock(c, i < OPEN));
  const rest = m.failing.slice(DETAILED);
  const more = rest.length ? `<p class="meta">${rest.length} more: ${rest.map((c) => `<code>${esc(c.id)}</code>`).join(", ")} (report.json has them all)</p>` : "";
  return `<h2>Failing cases (${m.failing.length})</h2>${shown.join("\n")}${more}`;
}

function outputSection(m: ReportMetrics): string {
  const parts: string[] = [];
  if (m.diagnostics.length) parts.push(`<h2>Diagnostics</h2><ul>${m.diagnostics.map((d) => `<li><strong>${esc(d.severity)}</strong>${d.source ? ` (${esc(d.source)})` : ""}: ${esc(d.message)}</li>`).join("")}</ul>`);
  if (m.stdout) parts.push(`<h2>Your code printed (stdout)</h2><pre>${esc(m.stdout)}</pre>`);
  if (m.stderr) parts.push(`<h2>Your code printed (stderr)</h2><pre>${esc(m.stderr)}</pre>`);
  if (m.outputTruncated) parts.push(`<p class="meta">Output truncated at the output limit.</p>`);
  return parts.join("\n");
}

/** Render a report as a self-contained HTML page. */
export function renderHtml(r: Report): string {
  const m = reportMetrics(r);
  const body = [header(r, m), m.status === "error" ? "" : groupTable(m), failures(m), outputSection(m), `<p class="meta">Replay the run: <code>${esc(r.run.replay)}</code></p>`];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`mmkata ${m.slug}: ${m.points}/${m.max}`)}</title>
<style>${CSS}</style></head>
<body>
${body.filter(Boolean).join("\n")}
</body></html>
`;
}

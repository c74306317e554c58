/**
 * The HTML report's inline SVG diagrams: a per-group score bar, and for a
 * buddy counterexample (metrics buddyDiagram) the free-area histogram (free
 * blocks per order in the start, expected and actual states) and the pfn map
 * (each state as a strip across the zone, free blocks coloured by
 * migratetype, blocks that differ between expected and actual outlined and
 * marked). Hover titles give exact pfns; no script is needed.
 */

import type { BuddyDiagram, MapState } from "../metrics.js";

/** Escape text for HTML element content and attribute values. */
export function esc(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const hex = (n: number): string => "0x" + n.toString(16);

export const STATE_COLOR: Record<MapState["label"], string> = { start: "#9aa5b1", expected: "#2f9e44", actual: "#e8590c" };
const MT_COLOR = ["#f08c00", "#1c7ed6", "#ae3ec9", "#e03131", "#495057"];
const mtColor = (mt: number): string => MT_COLOR[mt] ?? "#868e96";

/** A horizontal bar showing points of max. */
export function scoreBar(points: number, max: number, width = 120): string {
  const w = max > 0 ? Math.round((points / max) * width) : 0;
  const label = `${points} of ${max} points`;
  return `<svg class="bar" width="${width}" height="12" viewBox="0 0 ${width} 12" role="img" aria-label="${esc(label)}"><title>${esc(label)}</title><rect width="${width}" height="12" rx="3" fill="#e9ecef"/><rect width="${w}" height="12" rx="3" fill="${points === max ? "#2f9e44" : "#e03131"}"/></svg>`;
}

/** Grouped bars: free blocks per order, one bar per state. */
export function histogramSvg(d: BuddyDiagram): string {
  const orders = d.states[0]!.nrFree.length;
  const n = d.states.length;
  const barW = 12;
  const groupW = n * barW + 10;
  const h = 140;
  const top = 16;
  const W = 40 + orders * groupW;
  const parts: string[] = [];
  for (let o = 0; o < orders; o++) {
    const x0 = 40 + o * groupW;
    d.states.forEach((s, i) => {
      const v = s.nrFree[o] ?? 0;
      const bh = Math.round((v / d.histMax) * (h - top));
      const x = x0 + i * barW;
      parts.push(`<rect class="hbar ${s.label}" x="${x}" y="${h - bh}" width="${barW - 2}" height="${bh}" fill="${STATE_COLOR[s.label]}"><title>order ${o}, ${s.label}: ${v} free block${v === 1 ? "" : "s"}</title></rect>`);
      if (v) parts.push(`<text x="${x + (barW - 2) / 2}" y="${h - bh - 3}" class="val" text-anchor="middle">${v}</text>`);
    });
    parts.push(`<text x="${x0 + (n * barW) / 2}" y="${h + 14}" class="axis" text-anchor="middle">${o}</text>`);
  }
  const legend = d.states.map((s, i) => `<rect x="${40 + i * 90}" y="${h + 24}" width="10" height="10" fill="${STATE_COLOR[s.label]}"/><text x="${54 + i * 90}" y="${h + 33}" class="legend">${s.label}</text>`);
  return `<svg class="diagram histogram" width="${W}" height="${h + 40}" viewBox="0 0 ${W} ${h + 40}" role="img" aria-label="free-area histogram"><title>free_area: free blocks per order</title>
<line x1="36" y1="${h}" x2="${W}" y2="${h}" stroke="#adb5bd"/><text x="2" y="${h + 14}" class="axis" text-anchor="start">order</text>
${parts.join("\n")}
${legend.join("")}</svg>`;
}

function stripSvg(d: BuddyDiagram, s: MapState, y: number, W: number, rowH: number): string[] {
  const scale = (W - 90) / d.viewPages;
  const out = [`<text x="0" y="${y + rowH / 2 + 4}" class="rowlabel" fill="${STATE_COLOR[s.label]}">${s.label}</text>`, `<rect x="80" y="${y}" width="${W - 90}" height="${rowH}" fill="#f1f3f5" stroke="#ced4da"><title>in use (not on a free list)</title></rect>`];
  for (const b of s.blocks) {
    if (b.pfn + 2 ** b.order <= d.viewStart || b.pfn >= d.viewStart + d.viewPages) continue;
    const x = 80 + (b.pfn - d.viewStart) * scale;
    const w = Math.max(1.5, 2 ** b.order * scale);
    if (w >= 44) out.push(`<text x="${(x + 3).toFixed(2)}" y="${y - 3}" class="blabel">${hex(b.pfn)}/${b.order}</text>`);
    const cls = b.differs ? "blk differs" : "blk";
    out.push(`<rect class="${cls}" x="${x.toFixed(2)}" y="${y}" width="${w.toFixed(2)}" height="${rowH}" fill="${mtColor(b.mt)}"><title>pfn ${hex(b.pfn)}, order ${b.order} (${2 ** b.order} pages)${b.differs ? ", differs" : ""}</title></rect>`);
    if (b.differs) out.push(`<path class="mark" d="M${(x + w / 2).toFixed(2)} ${y - 2} l-4 -6 h8 z" fill="#e03131"/>`);
  }
  return out;
}

/** One strip per state across the zone's pfns. */
export function pfnMapSvg(d: BuddyDiagram): string {
  const W = 860;
  const rowH = 22;
  const gap = 16;
  const rows = d.states.flatMap((s, i) => stripSvg(d, s, 14 + i * (rowH + gap), W, rowH));
  const yAxis = 14 + d.states.length * (rowH + gap);
  const end = d.viewStart + d.viewPages - 1;
  const whole = d.viewPages === d.spannedPages ? "the whole zone" : `part of the zone (${hex(d.zoneStartPfn)}..${hex(d.zoneStartPfn + d.spannedPages - 1)})`;
  const legend = d.migratetypes.map((t, i) => `<rect x="${80 + i * 130}" y="${yAxis + 18}" width="10" height="10" fill="${mtColor(t.mt)}"/><text x="${94 + i * 130}" y="${yAxis + 27}" class="legend">${esc(t.name)}</text>`);
  return `<svg class="diagram pfnmap" width="${W}" height="${yAxis + 36}" viewBox="0 0 ${W} ${yAxis + 36}" role="img" aria-label="pfn map"><title>${esc(d.zoneName)}: free blocks by pfn</title>
${rows.join("\n")}
<text x="80" y="${yAxis + 4}" class="axis" text-anchor="start">${hex(d.viewStart)}</text><text x="${(W + 70) / 2}" y="${yAxis + 4}" class="axis" text-anchor="middle">pfn ${hex(d.viewStart)}..${hex(end)}: ${whole}</text><text x="${W - 10}" y="${yAxis + 4}" class="axis" text-anchor="end">${hex(end)}</text>
${legend.join("")}<rect x="${80 + d.migratetypes.length * 130}" y="${yAxis + 18}" width="10" height="10" fill="#f1f3f5" stroke="#ced4da"/><text x="${94 + d.migratetypes.length * 130}" y="${yAxis + 27}" class="legend">in use</text></svg>`;
}

/**
 * GitHub workflow commands decoded back by the runner's rules, the step
 * summary's size limit, the gradebook CSV parsed back with csv-parse, and the
 * Markdown report's escaping.
 */

import { parse as parseCsv } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { csvField, csvHeader, csvRow, renderCsv } from "../../graders/report/render/csv.js";
import { escapeData, escapeProperty, MAX_ERROR_ANNOTATIONS, renderGithub, renderGithubSummary, STEP_SUMMARY_LIMIT } from "../../graders/report/render/github.js";
import { mdCode, mdFence, mdText, renderMarkdown } from "../../graders/report/render/markdown.js";
import type { Report } from "../../graders/report/report-types.js";
import { errorReport, hostile, mutantReport, NASTY } from "./fixtures.js";

let full: Report;
let err: Report;
beforeAll(async () => {
  [full, err] = await Promise.all([mutantReport("full"), errorReport()]);
});

interface Cmd {
  name: string;
  props: Record<string, string>;
  data: string;
}

/** Decode one workflow command line as the Actions runner does. */
function decode(line: string): Cmd {
  const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!m) throw new Error(`not a workflow command: ${line}`);
  const unProp = (s: string) => s.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%");
  const props = Object.fromEntries((m[2] ?? "").split(",").filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf("=")), unProp(kv.slice(kv.indexOf("=") + 1))]));
  return { name: m[1]!, props, data: m[3]!.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%") };
}

/** A report with n failing cases (copies of a real failing case). */
function manyFailures(r: Report, n: number, messageLength = 200): Report {
  const bad = r.cases.find((c) => c.status === "fail")!;
  const cases = Array.from({ length: n }, (_, i) => ({ ...bad, id: `buddy.free.random.${1000 + i}`, message: `${i}:` + "m".repeat(messageLength) }));
  return { ...r, cases };
}

describe("GitHub Actions output", () => {
  it("escapes data and properties so the runner decodes them back exactly", () => {
    for (const s of [NASTY, "100%25 literal", "a:b,c", "%0A is not a newline"]) {
      const line = `::error title=${escapeProperty(s)}::${escapeData(s)}`;
      expect(line.split("\n")).toHaveLength(1);
      const d = decode(line);
      expect(d.props.title).toBe(s);
      expect(d.data).toBe(s);
    }
  });

  it("one error per failing case, at most 10, the 10th summarising the rest, plus a score notice", () => {
    const lines = renderGithub(full).trimEnd().split("\n").map(decode);
    const errors = lines.filter((c) => c.name === "error");
    expect(errors).toHaveLength(MAX_ERROR_ANNOTATIONS);
    expect(errors[0]!.props.title).toBe("mmkata buddy-coalesce: buddy.free.placement.tail (placement)");
    expect(errors[0]!.data).toContain("\nreplay: mmkata grade --seed 1 --case buddy.free.placement.tail");
    expect(errors[9]!.props.title).toBe("mmkata buddy-coalesce: 6 more failing cases");
    expect(errors[9]!.data.split("\n")).toHaveLength(6);
    expect(lines.at(-1)).toEqual({ name: "notice", props: { title: "mmkata buddy-coalesce: 70/100" }, data: "fail: 27 of 42 cases passed" });
  });

  it("a hostile message cannot forge a command, and an error report is annotated", () => {
    const text = renderGithub(hostile(full));
    for (const line of text.trimEnd().split("\n")) expect(line).toMatch(/^::(error|notice) title=[^:]*::/);
    expect(decode(text.split("\n")[0]!).data).toContain(NASTY);
    const e = renderGithub(err).trimEnd().split("\n").map(decode);
    expect(e[0]!.name).toBe("error");
    expect(e[0]!.data).toMatch(/does not compile/);
  });

  it("the step summary is a Markdown table that stays under 1 MiB", () => {
    const small = renderGithubSummary(full);
    expect(small).toContain("| | case | group | why |");
    expect(small.split("\n").filter((l) => /^\| (❌|💥|⏭️) \| `buddy\.free\./.test(l))).toHaveLength(15);
    const big = renderGithubSummary(manyFailures(full, 20_000, 300));
    expect(Buffer.byteLength(big)).toBeLessThan(STEP_SUMMARY_LIMIT);
    expect(big).toMatch(/_\d+ more failing cases left out to stay under GitHub's 1 MiB summary limit\._/);
  });
});

describe("gradebook CSV", () => {
  it("header and row parse back (RFC 4180) with one column per group", () => {
    const rows = parseCsv(renderCsv(full), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ slug: "buddy-coalesce", entry: "<solution>/always-head.ts", sha256: full.submission.sha256, seed: "1", score: "70", max: "100", status: "fail" });
    expect(row["group:placement"]).toBe("0");
    expect(row["group:cascade"]).toBe("15");
  });

  it("quotes commas, quotes and newlines, guards formulas, and keeps fixed columns for other reports", () => {
    expect(csvField('a,"b"\nc')).toBe('"a,""b""\nc"');
    expect(csvField("=1+1")).toBe("'=1+1");
    expect(csvField(-3)).toBe("-3");
    const r = { ...full, submission: { ...full.submission, entry: `<solution>/${NASTY}` } };
    const text = csvHeader(["placement", "nope"]) + csvRow(r, ["placement", "nope"]) + csvRow(err, ["placement", "nope"]);
    const rows = parseCsv(text, { columns: true, relax_quotes: false }) as Record<string, string>[];
    expect(rows.map((x) => x.entry)).toEqual([`<solution>/${NASTY}`, "<solution>/solution.ts"]);
    expect(rows[0]!["group:nope"]).toBe("");
    expect(rows[1]!.status).toBe("error");
    expect(text.endsWith("\r\n")).toBe(true);
  });
});

describe("Markdown", () => {
  it("has the score table, the op table with expected/actual and the replay command", () => {
    const md = renderMarkdown(full);
    expect(md).toContain("| ❌ | `placement` |");
    expect(md).toContain("| # | op | expected | actual |");
    expect(md).toContain("| 0 | free order-0 block at pfn 0x0 (freeOnePage) **← diverges** | `done` | `done` |");
    expect(md).toContain("Replay: `mmkata grade --seed 1 --case buddy.free.placement.tail`");
    expect(renderMarkdown(err)).toMatch(/does not compile/);
  });

  it("escapes learner text: no raw HTML, no broken table rows, fences that hold backticks", () => {
    const md = renderMarkdown(hostile(full));
    // outside code (fenced blocks and code spans, where Markdown renders no HTML) every < is escaped
    const prose = md.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1$/gm, "").replace(/(`+)[\s\S]*?[^`]\1(?!`)/g, "");
    expect(prose).toContain("\\<script\\>");
    expect(prose).not.toMatch(/(^|[^\\])</m);
    expect(mdText("a|b<c>\nd")).toBe("a\\|b\\<c\\> d");
    expect(mdCode("x`y|z")).toBe("``x`y\\|z``");
    expect(mdFence("```\nhi")).toBe("````text\n```\nhi\n````");
    const row = md.split("\n").find((l) => l.startsWith("| 0 |") && l.includes("alert"))!;
    expect(row.replace(/\\\|/g, "").split("|")).toHaveLength(6);
  });
});

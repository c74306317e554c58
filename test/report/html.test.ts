/**
 * The HTML report opened in headless Chromium (Debian's `chromium`, driven by
 * playwright-core): no console errors, no network request, no script, the
 * diagrams present, learner text shown as text; and a screenshot
 * (os.tmpdir()/mmkata-report-html*.png) to look at.
 */

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderHtml } from "../../graders/report/render/html.js";
import type { Report } from "../../graders/report/report-types.js";
import { errorReport, hostile, mutantReport } from "./fixtures.js";

const CHROMIUM = "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

let browser: Browser;
let dir: string;
let full: Report;
let cx: Report;
let err: Report;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return;
  dir = mkdtempSync(join(tmpdir(), "mmkata-html-"));
  [full, cx, err] = await Promise.all([mutantReport("full"), mutantReport("counterexample"), errorReport()]);
  // playwright gives the browser a fresh temporary profile (its own --user-data-dir)
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  problems: string[];
}

/** Write the report's HTML, open it, and collect console errors, page errors and network requests. */
async function open(r: Report, name: string): Promise<Opened> {
  const file = join(dir, `${name}.html`);
  writeFileSync(file, renderHtml(r));
  const page = await browser.newPage({ viewport: { width: 1000, height: 1300 } });
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("request", (q) => {
    if (!q.url().startsWith("file:")) problems.push(`request: ${q.url()}`);
  });
  await page.goto(`file://${file}`, { waitUntil: "load" });
  return { page, problems };
}

describe.skipIf(!existsSync(CHROMIUM))("HTML report in headless Chromium (skipped only when /usr/bin/chromium is absent: apt-get install -y chromium)", () => {
  it("a full-disclosure report: diagrams present, no console errors, no requests, no script, learner text as text", async () => {
    const { page, problems } = await open(hostile(full), "full");
    expect(await page.locator("svg.diagram.histogram").count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator("svg.diagram.pfnmap").count()).toBeGreaterThanOrEqual(1);
    const first = page.locator("details.case").first();
    expect(await first.locator("svg.histogram rect.hbar").count()).toBe(3 * 11);
    expect(await first.locator("svg.pfnmap rect.blk").count()).toBeGreaterThan(0);
    expect(await first.locator("tr.op.diverged").count()).toBe(1);
    expect(await first.locator("td.mismatch").count()).toBe(2);
    expect(await page.locator("script, img, iframe").count()).toBe(0);
    expect(await page.locator("pre").filter({ hasText: '<script>alert("x")</script>' }).count()).toBeGreaterThan(0);
    const shot = join(tmpdir(), "mmkata-report-html.png");
    await page.screenshot({ path: shot, fullPage: false });
    await first.screenshot({ path: join(tmpdir(), "mmkata-report-html-case.png") });
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe("PNG");
    expect(problems).toEqual([]);
  });

  it("below full disclosure the diagrams are left out and the op trace remains", async () => {
    const { page, problems } = await open(cx, "cx");
    expect(await page.locator("svg.diagram").count()).toBe(0);
    expect(await page.locator("table.trace").count()).toBe(cx.cases.filter((c) => c.failure?.counterexample).length);
    expect(await page.locator("details.case").count()).toBe(cx.cases.filter((c) => c.status !== "pass").length);
    expect(await page.locator("table.groups svg.bar").count()).toBe(8);
    expect(problems).toEqual([]);
  });

  it("an error report shows the compiler's message", async () => {
    const { page, problems } = await open(err, "error");
    expect(await page.locator("header").innerText()).toMatch(/does not compile/);
    expect(await page.locator("table.groups").count()).toBe(0);
    expect(problems).toEqual([]);
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { formatList, list, listKata, stars } from "../../graders/cli/commands/list.js";
import { MmkataError } from "../../graders/cli/errors.js";
import { makeSandbox } from "./fixture-catalog.js";

const box = makeSandbox();
afterAll(() => box.cleanup());

describe("mmkata list", () => {
  it("--json prints {slug,title,track,difficulty,minutes,prerequisites} in track order", async () => {
    const parsed = JSON.parse(await list({ json: true, root: box.root })) as unknown[];
    expect(parsed).toEqual([
      { slug: "fixture-find-buddy", title: "Fixture: find a buddy", track: "physical-memory", difficulty: 1, minutes: 15, prerequisites: [] },
      { slug: "fixture-free-page", title: "Fixture: free a page", track: "physical-memory", difficulty: 2, minutes: 45, prerequisites: ["fixture-find-buddy"] },
      { slug: "fixture-kmalloc", title: "Fixture: kmalloc size classes", track: "slab", difficulty: 1, minutes: 20, prerequisites: [] },
    ]);
  });

  it("--track filters", async () => {
    expect((await listKata({ track: "slab", root: box.root })).map((k) => k.slug)).toEqual(["fixture-kmalloc"]);
    expect(JSON.parse(await list({ json: true, track: "reclaim", root: box.root }))).toEqual([]);
  });

  it("an unknown track is a usage error with a suggestion", async () => {
    const err = await listKata({ track: "physical-memroy", root: box.root }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MmkataError);
    expect((err as MmkataError).exitCode).toBe(2);
    expect((err as MmkataError).suggestion).toBe('did you mean "physical-memory"?');
  });

  it("the table groups by track with difficulty stars, minutes and prerequisites", async () => {
    const text = formatList(await listKata({ root: box.root }));
    const lines = text.split("\n");
    expect(lines.findIndex((l) => l.includes("physical-memory (2 kata)"))).toBeLessThan(lines.findIndex((l) => l.includes("slab (1 kata)")));
    const row = lines.find((l) => l.includes("fixture-free-page"))!;
    expect(row).toContain(stars(2));
    expect(row).toContain("45 min");
    expect(row).toContain("fixture-find-buddy");
    expect(stars(2)).toBe("★★☆☆☆");
  });
});

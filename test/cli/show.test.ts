import { afterAll, describe, expect, it } from "vitest";
import { show } from "../../graders/cli/commands/show.js";
import { MmkataError } from "../../graders/cli/errors.js";
import { makeSandbox } from "./fixture-catalog.js";
import { rmSync } from "node:fs";
import { join } from "node:path";

const box = makeSandbox();
afterAll(() => box.cleanup());

describe("mmkata show", () => {
  it("prints metadata, the rubric with points, and the instructions", async () => {
    const text = await show("fixture-free-page", { root: box.root });
    expect(text).toContain("★★☆☆☆ (2/5), about 45 min");
    expect(text).toContain("Prerequisites: fixture-find-buddy");
    expect(text).toContain("mm/page_alloc.c __free_one_page");
    expect(text).toContain("mm/internal.h page_is_buddy");
    expect(text).toContain("\n   50  single       No merge\n");
    expect(text).toContain("\n   20      cascade  Cascade\n"); // indented under merge, under single
    expect(text).toContain("Write `freeOnePage(zone, pfn, order, mt)`.");
  });

  it("an unknown slug is a usage error with did-you-mean", async () => {
    const err = (await show("fixture-free-pgae", { root: box.root }).catch((e: unknown) => e)) as MmkataError;
    expect(err).toBeInstanceOf(MmkataError);
    expect(err.code).toBe("usage");
    expect(err.suggestion).toContain('did you mean "fixture-free-page"?');
  });

  it("a kata whose content files are missing is an input error naming the file", async () => {
    const local = makeSandbox();
    try {
      rmSync(join(local.root, "fixture-kmalloc", "instructions.md"));
      const err = (await show("fixture-kmalloc", { root: local.root }).catch((e: unknown) => e)) as MmkataError;
      expect(err.code).toBe("input");
      expect(err.message).toContain("missing file instructions.md");
    } finally {
      local.cleanup();
    }
  });
});

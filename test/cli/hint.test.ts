import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { hint, parseHints } from "../../graders/cli/commands/hint.js";
import { start } from "../../graders/cli/commands/start.js";
import { MmkataError } from "../../graders/cli/errors.js";
import { makeSandbox } from "./fixture-catalog.js";

const box = makeSandbox();
afterAll(() => box.cleanup());
const env = { XDG_STATE_HOME: box.state };
const fail = (p: Promise<unknown>): Promise<MmkataError> => p.then(() => expect.fail("expected an error"), (e: MmkataError) => e);

describe("mmkata hint", () => {
  it("inside a workspace: hints 1, 2, 3, then none; --reset starts over", async () => {
    const ws = await start("fixture-find-buddy", { cwd: box.work, root: box.root, dir: "hint-ws" });
    const sub = join(ws.dir, "deeper");
    mkdirSync(sub);
    const opts = { cwd: sub, root: box.root, env };
    const h1 = await hint(undefined, opts);
    expect(h1).toContain("Hint 1 of 3");
    expect(h1).toContain("Buddies differ in one bit.");
    expect(h1).toContain("hint 2 of 3");
    const h2 = await hint(undefined, opts);
    expect(h2).toContain("Hint 2 of 3");
    expect(h2).toContain(": which bit");
    expect(h2).toContain("Bit number `order`.");
    expect(await hint(undefined, opts)).toContain("That was the last hint.");
    const none = await hint(undefined, opts);
    expect(none).toContain("No more hints for fixture-find-buddy: you have seen all 3.");
    expect(none).toContain("mmkata hint --reset");
    expect(JSON.parse(readFileSync(join(ws.dir, ".mmkata", "hints.json"), "utf8"))).toEqual({ "fixture-find-buddy": 3 });
    expect(existsSync(join(box.state, "mmkata", "hints.json"))).toBe(false);
    expect(await hint(undefined, { ...opts, reset: true })).toContain("reset");
    expect(await hint(undefined, opts)).toContain("Hint 1 of 3");
  });

  it("--all shows every hint; outside a workspace the level lives in XDG_STATE_HOME", async () => {
    const opts = { cwd: box.work, root: box.root, env };
    expect(await hint("fixture-free-page", opts)).toContain("Find the buddy.");
    const all = await hint("fixture-free-page", { ...opts, all: true });
    for (const text of ["Hint 1 of 3", "Hint 2 of 3", "Hint 3 of 3", "Loop."]) expect(all).toContain(text);
    expect(JSON.parse(readFileSync(join(box.state, "mmkata", "hints.json"), "utf8"))).toMatchObject({ "fixture-free-page": 3 });
    expect(await hint("fixture-free-page", opts)).toContain("mmkata hint fixture-free-page --reset");
  });

  it("no slug and no workspace is a usage error; an unknown slug suggests one", async () => {
    expect((await fail(hint(undefined, { cwd: box.work, root: box.root, env }))).code).toBe("usage");
    const err = await fail(hint("fixture-fre-page", { cwd: box.work, root: box.root, env }));
    expect(err.suggestion).toContain('"fixture-free-page"');
  });

  it("a malformed or missing hints.md is an input error naming the file", async () => {
    const file = join(box.root, "fixture-kmalloc", "hints.md");
    const err = await fail(hint("fixture-kmalloc", { cwd: box.work, root: box.root, env }));
    expect(err.exitCode).toBe(3);
    expect(err.message).toContain(file);
    expect(err.message).toContain('"## Hint 3" comes where "## Hint 2" should');
    rmSync(file);
    const missing = await fail(hint("fixture-kmalloc", { cwd: box.work, root: box.root, env }));
    expect(missing.code).toBe("input");
    expect(missing.message).toContain(file);
  });

  it("parseHints splits at ## Hint N headings and rejects empty hints", () => {
    expect(parseHints("intro\n## Hint 1\none\n## Hint 2 — two\ntwo\n", "h.md")).toEqual([
      { n: 1, title: "", body: "one" },
      { n: 2, title: "two", body: "two" },
    ]);
    expect(() => parseHints("# Hints\nnothing\n", "h.md")).toThrow(/h\.md is malformed: it has no `## Hint 1` heading/);
    expect(() => parseHints("## Hint 1\n\n## Hint 2\nx\n", "h.md")).toThrow(/"## Hint 1" has no text/);
  });

  it("a malformed workspace manifest is an input error naming it", async () => {
    const dir = join(box.work, "bad-manifest");
    mkdirSync(dir);
    writeFileSync(join(dir, ".mmkata.json"), '{"slug": 3}');
    const err = await fail(hint(undefined, { cwd: dir, root: box.root, env }));
    expect(err.code).toBe("input");
    expect(err.message).toContain(join(dir, ".mmkata.json"));
  });
});

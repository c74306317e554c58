import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pickAndStart, type PromptFns } from "../../graders/cli/prompts.js";
import { makeSandbox } from "./fixture-catalog.js";

const box = makeSandbox();
afterAll(() => box.cleanup());

describe("the no-argument picker", () => {
  it("asks track, kata and folder, then starts the workspace", async () => {
    const asked: string[] = [];
    const prompts: PromptFns = {
      select: async (q) => {
        asked.push(`${q.message} ${q.choices.map((c) => c.value).join(",")}`);
        return q.choices.at(-1)!.value;
      },
      input: async (q) => {
        asked.push(`${q.message} ${q.default}`);
        expect(q.validate?.("./fresh")).toBe(true);
        return "picked";
      },
    };
    const out = await pickAndStart({ cwd: box.work, root: box.root, prompts });
    expect(asked).toEqual([
      "Which track? physical-memory,slab",
      "Which kata? fixture-kmalloc",
      "Workspace folder: ./fixture-kmalloc",
    ]);
    expect(existsSync(join(box.work, "picked", "solution.ts"))).toBe(true);
    expect(out).toContain('mmkata start fixture-kmalloc --dir "picked"');
  });

  it("an interrupted prompt propagates ExitPromptError (exit 130 in main)", async () => {
    const abort = async (): Promise<string> => {
      throw Object.assign(new Error("User force closed the prompt"), { name: "ExitPromptError" });
    };
    await expect(pickAndStart({ cwd: box.work, root: box.root, prompts: { select: abort, input: abort } })).rejects.toMatchObject({ name: "ExitPromptError" });
  });
});

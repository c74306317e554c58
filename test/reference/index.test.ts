/**
 * reference/index.ts is the one import path for graders, exercises and
 * authors: it must re-export every runtime export of the modules it covers,
 * as the same object.
 */
import { describe, expect, it } from "vitest";
import * as index from "../../reference/index.js";

const modules: Record<string, () => Promise<Record<string, unknown>>> = {
  "core/constants": () => import("../../reference/core/constants.js"),
  "core/assert": () => import("../../reference/core/assert.js"),
  "core/rng": () => import("../../reference/core/rng.js"),
  "zone/zone": () => import("../../reference/zone/zone.js"),
  "zone/free-list": () => import("../../reference/zone/free-list.js"),
  "zone/init": () => import("../../reference/zone/init.js"),
  "zone/setup": () => import("../../reference/zone/setup.js"),
  "zone/snapshot": () => import("../../reference/zone/snapshot.js"),
  "buddy/find-buddy": () => import("../../reference/buddy/find-buddy.js"),
  "buddy/expand": () => import("../../reference/buddy/expand.js"),
  "buddy/rmqueue": () => import("../../reference/buddy/rmqueue.js"),
  "buddy/free-one-page": () => import("../../reference/buddy/free-one-page.js"),
  "procfs/buddyinfo": () => import("../../reference/procfs/buddyinfo.js"),
  "procfs/pagetypeinfo": () => import("../../reference/procfs/pagetypeinfo.js"),
  "procfs/index": () => import("../../reference/procfs/index.js"),
  machine: () => import("../../reference/machine.js"),
  "procfs/zoneinfo": () => import("../../reference/procfs/zoneinfo.js"),
  "fromproc/parse": () => import("../../reference/fromproc/parse.js"),
  "fromproc/place": () => import("../../reference/fromproc/place.js"),
  "fromproc/machine": () => import("../../reference/fromproc/machine.js"),
};

describe("reference/index.ts", () => {
  for (const [name, load] of Object.entries(modules)) {
    it(`re-exports everything reference/${name} exports`, async () => {
      const mod = await load();
      const all = index as Record<string, unknown>;
      const missing = Object.keys(mod).filter((k) => all[k] !== mod[k]);
      expect(missing).toEqual([]);
    });
  }

  it("exposes the kata surface too (mmkata/kata is a subset)", async () => {
    const kata = (await import("../../reference/kata.js")) as Record<string, unknown>;
    const all = index as Record<string, unknown>;
    expect(Object.keys(kata).filter((k) => all[k] !== kata[k])).toEqual([]);
  });
});

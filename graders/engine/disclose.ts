/**
 * Disclosure tiers: how much of a hidden case's failure a report may show.
 *   category       group and case title, pass/fail, resource-limit messages
 *   invariant      + which invariant broke and at which op
 *   counterexample + the minimal op list, expected vs actual, differences (learner default)
 *   full           + the explicit start state and both end states (interviewer)
 * The grader strips before the report is built, so a report handed to a
 * candidate holds nothing beyond its tier.
 */

import type { Case, Disclosure, Report } from "../report/report-types.js";

const RANK: Record<Disclosure, number> = { category: 0, invariant: 1, counterexample: 2, full: 3 };

export const DISCLOSURES = Object.keys(RANK) as Disclosure[];

/** A copy of the case with only what `tier` allows. */
export function disclose(c: Case, tier: Disclosure): Case {
  if (!c.failure || tier === "full") return c;
  const { counterexample, invariant, opIndex, kind } = c.failure;
  if (kind !== "diverged" && kind !== "threw") return c;
  if (RANK[tier] >= RANK.counterexample && counterexample) {
    const { setupState: _s, expectedState: _e, actualState: _a, ...cx } = counterexample;
    return { ...c, failure: { ...c.failure, counterexample: cx } };
  }
  if (tier === "invariant") {
    const message = invariant ? `op #${opIndex}: ${invariant}` : `op #${opIndex}: the state differs from the reference`;
    return { ...c, message, failure: { kind, ...(opIndex !== undefined ? { opIndex } : {}), ...(invariant ? { invariant } : {}) } };
  }
  return { ...c, message: kind === "threw" ? "the submission threw an exception" : "the result differs from the reference", failure: { kind } };
}

/** A copy of the whole report at `tier` (its cases stripped, run.disclosure updated). */
export function discloseReport(r: Report, tier: Disclosure): Report {
  if (RANK[tier] >= RANK[r.run.disclosure]) return r;
  return { ...r, run: { ...r.run, disclosure: tier }, cases: r.cases.map((c) => disclose(c, tier)) };
}

/**
 * `--disclosure` per output: a default tier plus overrides per format, written
 * `counterexample` or `full,gradescope=category,junit=invariant`. Grading runs
 * at the highest tier any output needs; each output is then cut to its own.
 */
export interface DisclosureSpec {
  base: Disclosure;
  per: Record<string, Disclosure>;
}

const isTier = (t: string): t is Disclosure => t in RANK;

/** Parse a --disclosure value; throws with the accepted forms on a bad one. */
export function parseDisclosureSpec(value: string, formats: readonly string[]): DisclosureSpec {
  const spec: DisclosureSpec = { base: "counterexample", per: {} };
  for (const part of value.split(",").map((p) => p.trim()).filter(Boolean)) {
    const [a, b] = part.split("=", 2) as [string, string | undefined];
    const tier = b ?? a;
    if (!isTier(tier)) throw new Error(`unknown disclosure tier "${tier}" (tiers: ${DISCLOSURES.join(", ")})`);
    if (b === undefined) spec.base = tier;
    else if (!formats.includes(a)) throw new Error(`unknown format "${a}" in --disclosure (formats: ${formats.join(", ")})`);
    else spec.per[a] = tier;
  }
  return spec;
}

export function tierFor(spec: DisclosureSpec, format: string): Disclosure {
  return spec.per[format] ?? spec.base;
}

/** The tier grading must run at so that every listed output can be cut from it. */
export function maxTier(spec: DisclosureSpec, formats: readonly string[]): Disclosure {
  return formats.map((f) => tierFor(spec, f)).reduce((a, b) => (RANK[b] > RANK[a] ? b : a), spec.base);
}

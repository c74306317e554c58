/**
 * Disclosure tiers: how much of a hidden case's failure a report may show.
 *   category       group and case title, pass/fail, resource-limit messages
 *   invariant      + which invariant broke and at which op
 *   counterexample + the minimal op list, expected vs actual, differences (learner default)
 *   full           + the explicit start state and both end states (interviewer)
 * The grader strips before the report is built, so a report handed to a
 * candidate holds nothing beyond its tier.
 */

import type { Case, Disclosure } from "../report/report-types.js";

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

import { describe, expect, it } from "vitest";
import { computeAgreement, computeDeskAgreement, describeKappa, minimumClaimsForKappa, readKappa, type RatingPair } from "./agreement";

/** `count` copies of one (first, second) rating pair. */
function times(count: number, first: string, second: string): RatingPair[] {
  return Array.from({ length: count }, () => ({ first, second }));
}

describe("computeAgreement", () => {
  it("matches the hand-computed 2×2 example: p_o 0.70, p_e 0.50, κ 0.40", () => {
    // 50 claims: both TRUE 20, TRUE/FALSE 5, FALSE/TRUE 10, both FALSE 15.
    // p_o = 35/50; rater 1 says TRUE 25/50, rater 2 30/50: p_e = .5·.6 + .5·.4 = .5; κ = .2/.5.
    const stats = computeAgreement([...times(20, "TRUE", "TRUE"), ...times(5, "TRUE", "FALSE"), ...times(10, "FALSE", "TRUE"), ...times(15, "FALSE", "FALSE")]);
    expect(stats.n).toBe(50);
    expect(stats.agreements).toBe(35);
    expect(stats.percentAgreement).toBeCloseTo(0.7, 12);
    expect(stats.expectedAgreement).toBeCloseTo(0.5, 12);
    expect(stats.kappa).toBeCloseTo(0.4, 12);
  });

  it("matches a hand-computed three-category example: κ = 0.25 / 0.65", () => {
    // Rater 1: TRUE 4, FALSE 3, MISLEADING 3; rater 2: TRUE 5, FALSE 3, MISLEADING 2; 6 of 10 agree.
    // p_e = (4·5 + 3·3 + 3·2) / 100 = 0.35; κ = (0.6 − 0.35) / 0.65.
    const stats = computeAgreement([
      ...times(3, "TRUE", "TRUE"),
      ...times(2, "FALSE", "FALSE"),
      ...times(1, "MISLEADING", "MISLEADING"),
      ...times(1, "TRUE", "FALSE"),
      ...times(1, "FALSE", "MISLEADING"),
      ...times(2, "MISLEADING", "TRUE"),
    ]);
    expect(stats.percentAgreement).toBeCloseTo(0.6, 12);
    expect(stats.expectedAgreement).toBeCloseTo(0.35, 12);
    expect(stats.kappa).toBeCloseTo(0.25 / 0.65, 12);
  });

  it("gives κ = 1 for perfect agreement over several ratings", () => {
    const stats = computeAgreement([
      { first: "TRUE", second: "TRUE" },
      { first: "FALSE", second: "FALSE" },
      { first: "UNPROVEN", second: "UNPROVEN" },
    ]);
    expect(stats.percentAgreement).toBe(1);
    expect(stats.expectedAgreement).toBeCloseTo(1 / 3, 12);
    expect(stats.kappa).toBeCloseTo(1, 12);
  });

  it("gives κ = 0 when the raters agree exactly as often as chance predicts", () => {
    const stats = computeAgreement([
      { first: "TRUE", second: "TRUE" },
      { first: "TRUE", second: "FALSE" },
      { first: "FALSE", second: "TRUE" },
      { first: "FALSE", second: "FALSE" },
    ]);
    expect(stats.percentAgreement).toBe(0.5);
    expect(stats.expectedAgreement).toBe(0.5);
    expect(stats.kappa).toBe(0);
  });

  it("gives κ = −1 for systematic disagreement", () => {
    const stats = computeAgreement([
      { first: "TRUE", second: "FALSE" },
      { first: "FALSE", second: "TRUE" },
    ]);
    expect(stats.percentAgreement).toBe(0);
    expect(stats.kappa).toBe(-1);
  });

  it("leaves κ undefined when the expected agreement is 1 (both raters only ever used one rating)", () => {
    const stats = computeAgreement(times(4, "FALSE", "FALSE"));
    expect(stats.percentAgreement).toBe(1);
    expect(stats.expectedAgreement).toBe(1);
    expect(stats.kappa).toBeNull();
  });

  it("has no figures without any pair", () => {
    expect(computeAgreement([])).toEqual({ n: 0, agreements: 0, percentAgreement: null, expectedAgreement: null, kappa: null });
  });
});

describe("computeDeskAgreement", () => {
  it("orients each pair's raters by person and the overall figure by slot", () => {
    const stats = computeDeskAgreement([
      // a and b swap slots between the two claims; each time the primary says TRUE and the second FALSE.
      { claimId: "c1", slot1: { reviewerId: "a", rating: "TRUE" }, slot2: { reviewerId: "b", rating: "FALSE" } },
      { claimId: "c2", slot1: { reviewerId: "b", rating: "TRUE" }, slot2: { reviewerId: "a", rating: "FALSE" } },
    ]);
    // Per person: a said TRUE, FALSE; b said FALSE, TRUE → p_o 0, p_e 0.5, κ −1.
    expect(stats.pairs).toHaveLength(1);
    expect(stats.pairs[0]).toMatchObject({ reviewerIds: ["a", "b"], n: 2, agreements: 0, expectedAgreement: 0.5, kappa: -1 });
    // Per slot: slot 1 always TRUE, slot 2 always FALSE → p_o 0, p_e 0, κ 0.
    expect(stats.overall).toMatchObject({ n: 2, agreements: 0, expectedAgreement: 0, kappa: 0 });
  });

  it("keeps pairs apart, most claims first, and counts every claim overall", () => {
    const stats = computeDeskAgreement([
      { claimId: "c1", slot1: { reviewerId: "c", rating: "TRUE" }, slot2: { reviewerId: "a", rating: "TRUE" } },
      { claimId: "c2", slot1: { reviewerId: "b", rating: "FALSE" }, slot2: { reviewerId: "a", rating: "FALSE" } },
      { claimId: "c3", slot1: { reviewerId: "a", rating: "MISLEADING" }, slot2: { reviewerId: "b", rating: "FALSE" } },
    ]);
    expect(stats.pairs.map((p) => [p.reviewerIds, p.n, p.agreements])).toEqual([
      [["a", "b"], 2, 1],
      [["a", "c"], 1, 1],
    ]);
    // a–c rated one claim TRUE/TRUE: p_e = 1, so κ is undefined for that pair.
    expect(stats.pairs[1]!.kappa).toBeNull();
    expect(stats.overall).toMatchObject({ n: 3, agreements: 2 });
    expect(stats.overall.percentAgreement).toBeCloseTo(2 / 3, 12);
  });
});

describe("describeKappa", () => {
  it("reads kappa on the Landis & Koch bands", () => {
    expect([null, -0.1, 0.1, 0.3, 0.5, 0.7, 0.9].map(describeKappa)).toEqual([
      "undefined",
      "worse than chance",
      "slight",
      "fair",
      "moderate",
      "substantial",
      "almost perfect",
    ]);
  });
});

describe("the minimum sample for reading kappa", () => {
  it("is 2k² claims for k rating categories (Cicchetti 1981), at least k = 2", () => {
    expect(minimumClaimsForKappa(8)).toBe(128);
    expect(minimumClaimsForKappa(3)).toBe(18);
    expect(minimumClaimsForKappa(1)).toBe(8);
  });

  it("labels kappa only from the minimum on, and says how many more claims are needed before", () => {
    expect(readKappa(0.5, 1, 128)).toEqual({ label: null, moreNeeded: 127 });
    expect(readKappa(0.5, 127, 128)).toEqual({ label: null, moreNeeded: 1 });
    expect(readKappa(0.5, 128, 128)).toEqual({ label: "moderate", moreNeeded: 0 });
  });
});

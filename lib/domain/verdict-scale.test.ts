import { describe, expect, it } from "vitest";
import {
  BEST_RATING,
  checkVerdictEvidence,
  DEFAULT_VERDICT_SCALE,
  findRating,
  WORST_RATING,
  type VerdictRating,
} from "./verdict-scale";

describe("default verdict scale", () => {
  it("lists the design's ratings in order, with their ClaimReview values", () => {
    expect(DEFAULT_VERDICT_SCALE.map((r) => [r.label, r.ratingValue])).toEqual([
      ["True", 5],
      ["Mostly true", 4],
      ["Half true / Mixed", 3],
      ["Misleading", 2],
      ["Mostly false", 2],
      ["False", 1],
      ["Unproven", null],
      ["Not checkable / opinion", null],
    ]);
  });

  it("has unique keys and labels", () => {
    const keys = DEFAULT_VERDICT_SCALE.map((r) => r.key);
    const labels = DEFAULT_VERDICT_SCALE.map((r) => r.label);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it("keeps every numeric rating an integer between worst and best, never increasing down the scale", () => {
    expect(WORST_RATING).toBe(1);
    expect(BEST_RATING).toBe(5);
    const values = DEFAULT_VERDICT_SCALE.flatMap((r) => (r.ratingValue === null ? [] : [r.ratingValue]));
    expect(values.length).toBe(6);
    for (const v of values) {
      expect(Number.isInteger(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(WORST_RATING);
      expect(v).toBeLessThanOrEqual(BEST_RATING);
    }
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1]!);
  });

  it("requires evidence exactly for the ratings with a numeric value", () => {
    for (const r of DEFAULT_VERDICT_SCALE) expect(r.requiresEvidence).toBe(r.ratingValue !== null);
  });

  it("gives every rating a hex colour", () => {
    for (const r of DEFAULT_VERDICT_SCALE) expect(r.color).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it("finds ratings by key and nothing else", () => {
    expect(findRating(DEFAULT_VERDICT_SCALE, "FALSE")?.label).toBe("False");
    expect(findRating(DEFAULT_VERDICT_SCALE, "false")).toBeUndefined();
    expect(findRating(DEFAULT_VERDICT_SCALE, "False")).toBeUndefined();
    expect(findRating(DEFAULT_VERDICT_SCALE, "")).toBeUndefined();
  });
});

describe("checkVerdictEvidence", () => {
  const factual: VerdictRating = { key: "X", label: "Pants on fire", ratingValue: 1, color: "#000000", requiresEvidence: true };
  const opinion: VerdictRating = { key: "Y", label: "Opinion", ratingValue: null, color: "#000000", requiresEvidence: false };

  it("refuses a factual rating without evidence, naming the rating", () => {
    const check = checkVerdictEvidence(factual, 0);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.reason).toContain('"Pants on fire"');
      expect(check.reason).toMatch(/evidence/);
    }
  });

  it("accepts a factual rating with one or more pieces of evidence", () => {
    expect(checkVerdictEvidence(factual, 1)).toEqual({ ok: true });
    expect(checkVerdictEvidence(factual, 7)).toEqual({ ok: true });
  });

  it("accepts a rating that needs no evidence with none", () => {
    expect(checkVerdictEvidence(opinion, 0)).toEqual({ ok: true });
  });

  it.each(DEFAULT_VERDICT_SCALE.map((r) => [r.key, r] as const))("default %s without evidence", (_key, rating) => {
    expect(checkVerdictEvidence(rating, 0).ok).toBe(rating.key === "UNPROVEN" || rating.key === "NOT_CHECKABLE");
  });
});

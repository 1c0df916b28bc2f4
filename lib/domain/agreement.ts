/**
 * Agreement between the two reviewers of blind double-reviewed claims: percent agreement and Cohen's
 * kappa on the verdict scale, treated as nominal categories (the scale mixes ordered ratings with
 * "Unproven" and "Not checkable", which have no place on an order, so no weighting).
 *
 *   p_o = share of claims where both reviewers chose the same rating
 *   p_e = Σ_k p_1(k) · p_2(k), the agreement expected by chance from each rater's own rating mix
 *   κ   = (p_o − p_e) / (1 − p_e), undefined (null) when p_e = 1: both raters used one and the same
 *         rating for every claim, so there is nothing chance could get wrong.
 */

/** One double-reviewed claim: the rating each reviewer proposed, in rater order (rater 1, rater 2). */
export interface RatingPair {
  first: string;
  second: string;
}

export interface AgreementStats {
  /** Number of claims rated by both raters. */
  n: number;
  /** Claims on which both chose the same rating. */
  agreements: number;
  /** p_o in [0, 1]; null when n = 0. */
  percentAgreement: number | null;
  /** p_e in [0, 1]; null when n = 0. */
  expectedAgreement: number | null;
  /** Cohen's kappa in [-1, 1]; null when n = 0 or p_e = 1. */
  kappa: number | null;
}

/** Tolerance for treating p_e as 1 (floating-point sums of shares). */
const EPSILON = 1e-12;

export function computeAgreement(pairs: readonly RatingPair[]): AgreementStats {
  const n = pairs.length;
  if (n === 0) return { n: 0, agreements: 0, percentAgreement: null, expectedAgreement: null, kappa: null };
  const firstCounts = new Map<string, number>();
  const secondCounts = new Map<string, number>();
  let agreements = 0;
  for (const { first, second } of pairs) {
    if (first === second) agreements += 1;
    firstCounts.set(first, (firstCounts.get(first) ?? 0) + 1);
    secondCounts.set(second, (secondCounts.get(second) ?? 0) + 1);
  }
  let expected = 0;
  for (const [rating, count] of firstCounts) expected += (count / n) * ((secondCounts.get(rating) ?? 0) / n);
  const observed = agreements / n;
  const kappa = 1 - expected < EPSILON ? null : (observed - expected) / (1 - expected);
  return { n, agreements, percentAgreement: observed, expectedAgreement: expected, kappa };
}

/** A double-reviewed claim with its two reviewers' ratings (slot 1 = primary reviewer, slot 2 = second). */
export interface DoubleReviewRating {
  claimId: string;
  slot1: { reviewerId: string; rating: string };
  slot2: { reviewerId: string; rating: string };
}

export interface PairAgreement extends AgreementStats {
  /** The two reviewers, in a fixed order (by id): rater 1 and rater 2 of this pair's kappa. */
  reviewerIds: [string, string];
}

export interface DeskAgreement {
  /** All double-reviewed claims, rater 1 = primary reviewer (slot 1), rater 2 = second reviewer (slot 2). */
  overall: AgreementStats;
  /** One entry per pair of reviewers who double-reviewed claims together, most claims first. */
  pairs: PairAgreement[];
}

/**
 * Overall and per-pair agreement. Within a pair the raters are the two people (ordered by id, whatever
 * slot each held on a claim), so each person's own rating habits enter the chance correction.
 */
export function computeDeskAgreement(ratings: readonly DoubleReviewRating[]): DeskAgreement {
  const overall = computeAgreement(ratings.map((r) => ({ first: r.slot1.rating, second: r.slot2.rating })));
  const byPair = new Map<string, { ids: [string, string]; pairs: RatingPair[] }>();
  for (const r of ratings) {
    if (r.slot1.reviewerId === r.slot2.reviewerId) continue;
    const [a, b] = r.slot1.reviewerId < r.slot2.reviewerId ? [r.slot1, r.slot2] : [r.slot2, r.slot1];
    const key = `${a.reviewerId}\u0000${b.reviewerId}`;
    const entry = byPair.get(key) ?? { ids: [a.reviewerId, b.reviewerId] as [string, string], pairs: [] };
    entry.pairs.push({ first: a.rating, second: b.rating });
    byPair.set(key, entry);
  }
  const pairs = [...byPair.values()]
    .map((entry) => ({ reviewerIds: entry.ids, ...computeAgreement(entry.pairs) }))
    .sort((x, y) => y.n - x.n || x.reviewerIds.join().localeCompare(y.reviewerIds.join()));
  return { overall, pairs };
}

/**
 * The fewest double-reviewed claims for which kappa is read on a band: N ≈ 2k², k = the number of
 * rating categories. Source: D. V. Cicchetti (1981), "Testing the normal approximation and minimal
 * sample size requirements of weighted kappa when the number of categories is large", Applied
 * Psychological Measurement 5(1):101–104, confirming Cicchetti & Fleiss (1977) for 3 ≤ k ≤ 7; below
 * it kappa's sampling distribution is too wide for a label to mean anything. k is at least 2.
 */
export function minimumClaimsForKappa(categories: number): number {
  const k = Math.max(2, Math.floor(categories));
  return 2 * k * k;
}

/**
 * Kappa's reading for `n` double-reviewed claims: the Landis & Koch band once n reaches `minimum`,
 * else no band and how many more claims are needed.
 */
export function readKappa(kappa: number | null, n: number, minimum: number): { label: string | null; moreNeeded: number } {
  if (n < minimum) return { label: null, moreNeeded: minimum - n };
  return { label: describeKappa(kappa), moreNeeded: 0 };
}

/** How kappa is usually read (Landis & Koch, 1977). */
export function describeKappa(kappa: number | null): string {
  if (kappa === null) return "undefined";
  if (kappa < 0) return "worse than chance";
  if (kappa <= 0.2) return "slight";
  if (kappa <= 0.4) return "fair";
  if (kappa <= 0.6) return "moderate";
  if (kappa <= 0.8) return "substantial";
  return "almost perfect";
}

import "server-only";
import { computeDeskAgreement, minimumClaimsForKappa, type AgreementStats, type DoubleReviewRating } from "@/lib/domain/agreement";
import { activeRatings } from "@/lib/domain/verdict-scale";
import { isBlindStatus } from "@/lib/domain/double-review";
import { getDb } from "./db";
import { assertEditor, type Actor } from "./permissions";
import { getVerdictScale } from "./settings";

/** Upper bound of double-reviewed claims read for the figures (newest first). */
const MAX_CLAIMS = 20_000;

export interface PairAgreementView extends AgreementStats {
  reviewers: [{ id: string; name: string }, { id: string; name: string }];
}

/**
 * Agreement between reviewers over blind double-reviewed claims (editors only). Each claim counts
 * with the first verdict each of its two current reviewers proposed after joining it — their
 * independent, blind judgements; a claim counts once both are proposed. Later rounds (after a return)
 * are left out: by then each reviewer has seen the other's verdict. Two queries, whatever the size.
 */
export async function getReviewerAgreement(actor: Actor) {
  assertEditor(actor, "see reviewer agreement");
  const db = await getDb();
  const claims = await db.claim.findMany({
    where: { reviewers: { some: {} } },
    select: {
      id: true,
      status: true,
      reviewers: { select: { slot: true, userId: true, createdAt: true } },
      verdicts: { select: { proposedById: true, rating: true, state: true, createdAt: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    },
    orderBy: { createdAt: "desc" },
    take: MAX_CLAIMS,
  });
  const ratings: DoubleReviewRating[] = [];
  for (const claim of claims) {
    const [first, second] = [1, 2].map((slot) => {
      const reviewer = claim.reviewers.find((r) => r.slot === slot);
      const verdict = reviewer && claim.verdicts.find((v) => v.proposedById === reviewer.userId && v.createdAt >= reviewer.createdAt);
      return reviewer && verdict ? { reviewerId: reviewer.userId, verdict } : null;
    });
    if (!first || !second) continue;
    // Still blind: one of the two is waiting for the other (cannot normally happen with both present).
    if (isBlindStatus(claim.status) && (first.verdict.state === "PROPOSED" || second.verdict.state === "PROPOSED")) continue;
    ratings.push({
      claimId: claim.id,
      slot1: { reviewerId: first.reviewerId, rating: first.verdict.rating },
      slot2: { reviewerId: second.reviewerId, rating: second.verdict.rating },
    });
  }
  const desk = computeDeskAgreement(ratings);
  const ids = [...new Set(desk.pairs.flatMap((p) => p.reviewerIds))];
  const users = ids.length ? await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [];
  const name = (id: string) => ({ id, name: users.find((u) => u.id === id)?.name ?? "Former user" });
  const pairs: PairAgreementView[] = desk.pairs.map(({ reviewerIds, ...stats }) => ({
    ...stats,
    reviewers: [name(reviewerIds[0]), name(reviewerIds[1])],
  }));
  // Kappa gets a band only from Cicchetti's minimum on, k = the ratings reviewers can choose.
  const kappaMinimum = minimumClaimsForKappa(activeRatings(await getVerdictScale(db)).length);
  return { overall: desk.overall, pairs, doubleReviewedClaims: claims.length, kappaMinimum };
}
export type ReviewerAgreement = Awaited<ReturnType<typeof getReviewerAgreement>>;

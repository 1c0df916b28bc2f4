-- Issue 11: who made each claim (the person or body the article attributes it to), its kind for
-- ClaimReview itemReviewed.author, and its normalised form for the claims list filter.
ALTER TABLE "Claim" ADD COLUMN "claimant" TEXT;
ALTER TABLE "Claim" ADD COLUMN "claimantKind" TEXT;
ALTER TABLE "Claim" ADD COLUMN "claimantSearch" TEXT NOT NULL DEFAULT '';

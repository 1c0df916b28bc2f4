-- Cross-article matching reads candidates through an index instead of re-analysing the desk:
-- each claim keeps its matching signature (Claim.matchFeatures) and one ClaimMatchKey row per term.
-- Existing claims start with matchIndexed = false and are indexed lazily (lib/server/claim-matching.ts).
-- Written by hand: `prisma migrate diff` rebuilds the Claim table for two added columns (RedefineTables),
-- which plain ALTER TABLE ... ADD COLUMN does without copying the table.

-- AlterTable
ALTER TABLE "Claim" ADD COLUMN "matchFeatures" TEXT;
ALTER TABLE "Claim" ADD COLUMN "matchIndexed" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ClaimMatchKey" (
    "key" TEXT NOT NULL,
    "claimId" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,

    PRIMARY KEY ("key", "claimId"),
    CONSTRAINT "ClaimMatchKey_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ClaimMatchKey_claimId_idx" ON "ClaimMatchKey"("claimId");

-- CreateIndex
CREATE INDEX "Claim_matchIndexed_idx" ON "Claim"("matchIndexed");

-- Cross-article matching reads candidates through an index instead of re-analysing the desk:
-- each claim keeps its matching signature (Claim.matchFeatures) and one ClaimMatchKey row per term.
-- Existing claims start with matchIndexed = false and are indexed lazily (lib/server/claim-matching.ts).
-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "matchFeatures" TEXT,
ADD COLUMN     "matchIndexed" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ClaimMatchKey" (
    "key" TEXT NOT NULL,
    "claimId" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,

    CONSTRAINT "ClaimMatchKey_pkey" PRIMARY KEY ("key","claimId")
);

-- CreateIndex
CREATE INDEX "ClaimMatchKey_claimId_idx" ON "ClaimMatchKey"("claimId");

-- CreateIndex
CREATE INDEX "Claim_matchIndexed_idx" ON "Claim"("matchIndexed");

-- AddForeignKey
ALTER TABLE "ClaimMatchKey" ADD CONSTRAINT "ClaimMatchKey_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim"("id") ON DELETE CASCADE ON UPDATE CASCADE;


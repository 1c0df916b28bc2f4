-- The claims page lists the newest changes first and pages with a (updatedAt, id) cursor: this index
-- serves each page straight from the index instead of sorting every matching claim.

-- CreateIndex
CREATE INDEX "Claim_updatedAt_id_idx" ON "Claim"("updatedAt", "id");

-- Reports filtered by assignee page through the claims in id order (keyset): with this index the
-- database walks one assignee's claims in that order instead of sorting all of them for every batch.

-- CreateIndex
CREATE INDEX "Claim_assigneeId_id_idx" ON "Claim"("assigneeId", "id");

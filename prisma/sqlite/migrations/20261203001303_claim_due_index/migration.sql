-- "My claims" by due date (a reviewer's default order): the claims of one assignee in due-date order
-- (soonest first, id as tie-breaker), instead of walking every dated claim of the desk in the dueAt
-- index and checking each one's assignee.

-- CreateIndex
CREATE INDEX "Claim_assigneeId_dueAt_id_idx" ON "Claim"("assigneeId", "dueAt", "id");

-- The desk's workflow (issue 4): a normalised search column for the claim list (filled for existing
-- claims here; lower() folds ASCII only, new claims are normalised in code), due-date and activity
-- feed indexes, and a version on settings for optimistic concurrency.
ALTER TABLE "Claim" ADD COLUMN "searchText" TEXT NOT NULL DEFAULT '';
UPDATE "Claim" SET "searchText" = lower("text");
CREATE INDEX "Claim_dueAt_idx" ON "Claim"("dueAt");
CREATE INDEX "AuditEvent_action_id_idx" ON "AuditEvent"("action", "id");
ALTER TABLE "Setting" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;

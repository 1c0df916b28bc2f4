-- Issue 16: evidence archiving (status, failure reason, WARC file hash, recheck time and diff) and the
-- indexes of the public fact-check site's lists and feeds.
ALTER TABLE "Evidence" ADD COLUMN "archiveStatus" TEXT;
ALTER TABLE "Evidence" ADD COLUMN "archiveError" TEXT;
ALTER TABLE "Evidence" ADD COLUMN "warcSha256" TEXT;
ALTER TABLE "Evidence" ADD COLUMN "recheckedAt" DATETIME;
ALTER TABLE "Evidence" ADD COLUMN "recheckDiff" TEXT;
CREATE INDEX "Verdict_state_publishedAt_idx" ON "Verdict"("state", "publishedAt");
CREATE INDEX "Verdict_state_updatedAt_idx" ON "Verdict"("state", "updatedAt");

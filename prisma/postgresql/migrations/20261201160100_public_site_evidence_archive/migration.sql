-- Issue 16: evidence archiving (status, failure reason, WARC file hash, recheck time and diff) and the
-- indexes of the public fact-check site's lists and feeds.
ALTER TABLE "Evidence" ADD COLUMN "archiveStatus" TEXT,
ADD COLUMN "archiveError" TEXT,
ADD COLUMN "warcSha256" TEXT,
ADD COLUMN "recheckedAt" TIMESTAMP(3),
ADD COLUMN "recheckDiff" TEXT;
CREATE INDEX "Verdict_state_publishedAt_idx" ON "Verdict"("state", "publishedAt");
CREATE INDEX "Verdict_state_updatedAt_idx" ON "Verdict"("state", "updatedAt");

-- A verdict remembers when it was published (the ClaimReview datePublished of reports). Verdicts
-- published before this column existed take their last update, which was the publication.
ALTER TABLE "Verdict" ADD COLUMN "publishedAt" TIMESTAMP(3);
UPDATE "Verdict" SET "publishedAt" = "updatedAt" WHERE "state" = 'PUBLISHED';

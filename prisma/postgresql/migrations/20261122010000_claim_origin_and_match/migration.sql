-- Claims remember whether the extractor suggested them or an editor selected them, and whether an
-- editor confirmed their cross-article match.
ALTER TABLE "Claim" ADD COLUMN "origin" TEXT NOT NULL DEFAULT 'EXTRACTED',
    ADD COLUMN "clusterConfirmed" BOOLEAN NOT NULL DEFAULT false;

-- Issue 12: keyed (HMAC-SHA256) audit chain, and the API token + its creator on each event.
-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "hashAlgorithm" TEXT,
ADD COLUMN     "tokenCreatorId" TEXT,
ADD COLUMN     "tokenId" TEXT;

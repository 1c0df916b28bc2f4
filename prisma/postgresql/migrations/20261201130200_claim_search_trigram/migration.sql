-- Search over claims (Claim.searchText "contains" every word, lib/server/claims.ts claimListWhere)
-- is a substring test; a trigram GIN index (pg_trgm, a trusted extension) serves it without reading
-- every claim, and the planner uses it for the LIKE '%word%' Prisma sends. The index is kept in step
-- by PostgreSQL itself in the same transaction as each write.
-- Prisma's schema cannot declare an operator-class index in models.prisma (shared with SQLite), so
-- `prisma migrate diff` against the schema lists this index as drift: keep it, do not drop it.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "Claim_searchText_trgm_idx" ON "Claim" USING gin ("searchText" gin_trgm_ops);

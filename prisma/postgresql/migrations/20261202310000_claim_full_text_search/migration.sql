-- Ranked full-text search over claims (lib/domain/search-query.ts, lib/server/claim-search.ts):
-- a generated tsvector of each claim's text (weight A) and claimant (weight B) with a GIN index.
-- PostgreSQL computes the column in the same statement as every write to "Claim", and fills it for
-- the claims already there when the column is added (the backfill).
-- Words are split on anything that is not a letter or digit (`[[:alnum:]]` in the UTF-8 database)
-- and lower-cased, with the 'simple' configuration (no stemming, no stop words), so a word matches as
-- the SQLite migration's FTS5 unicode61 tokenizer matches it.
-- Prisma's schema cannot declare a tsvector column (models.prisma is shared with SQLite), so
-- `prisma migrate diff` lists this column and index as drift: keep them. Claim_searchText_trgm_idx
-- (20261201130200) is left as it was.

ALTER TABLE "Claim" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple'::regconfig, regexp_replace(lower("text"), '[^[:alnum:]]+', ' ', 'g')), 'A') ||
    setweight(to_tsvector('simple'::regconfig, regexp_replace(lower(COALESCE("claimant", '')), '[^[:alnum:]]+', ' ', 'g')), 'B')
) STORED;

CREATE INDEX "Claim_searchVector_idx" ON "Claim" USING gin ("searchVector");

-- Search reads the folded words (lib/domain/search-fold.ts) of each claim, not its raw text:
-- "searchVector" is now built from "searchText" and "claimantSearch", which the application writes
-- folded with every write of a claim's text or claimant. The tsvector is written word by word as
-- tsvector input (claim_search_words below), never through to_tsvector's parser, whose split of a
-- word depends on the database's locale (LC_CTYPE): each folded word is one lexeme, at its place
-- (1, 2, …), as SQLite's FTS5 "ascii" tokenizer indexes the same words (same migration name there).
-- The claimant's words are placed after the text's with one place left empty, so no phrase runs from
-- the text into the claimant (FTS5 keeps them in two columns). PostgreSQL keeps places up to 16,383
-- (later words all stand at 16,383). The query is cast to tsquery the same way (lib/server/claim-search.ts).
-- The claims already there are indexed from their "searchText" as stored (case-folded NFKC text);
-- lib/server/search-refold.ts then writes every claim's folded words once (the server does it at
-- start; `npm run search:refold` does it by hand), and the generated column follows.
-- Prisma's schema cannot declare a tsvector column (models.prisma is shared with SQLite), so
-- `prisma migrate diff` lists this column, index and function as drift: keep them.

DROP INDEX "Claim_searchVector_idx";
ALTER TABLE "Claim" DROP COLUMN "searchVector";

-- The tsvector of space-separated words, placed from `first` on. Quotes and backslashes (only in text
-- stored before the fold) are escaped; a word is cut at 255 characters (the fold's own limit, far
-- below the 2,047-byte lexeme limit).
CREATE FUNCTION claim_search_words(words text, first integer) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT COALESCE(string_agg('''' || replace(replace(left(w, 255), '\', '\\'), '''', '''''') || ''':' || LEAST(first + i - 1, 16383), ' '), '')::tsvector
    FROM unnest(string_to_array(words, ' ')) WITH ORDINALITY AS t(w, i)
    WHERE w <> ''
$$;

-- A claim's searchVector: its text's words from place 1, its claimant's after one empty place (`||`
-- moves the right side's places past the left side's last place, so the claimant's start at 2).
-- The column calls claim_search_words itself, and that function names only pg_catalog's functions:
-- pg_dump writes the column with the function's schema (public.claim_search_words) and restores
-- with an empty search_path, under which a function calling another unqualified one is not found.
ALTER TABLE "Claim" ADD COLUMN "searchVector" tsvector GENERATED ALWAYS AS (claim_search_words("searchText", 1) || claim_search_words("claimantSearch", 2)) STORED;

CREATE INDEX "Claim_searchVector_idx" ON "Claim" USING gin ("searchVector");

-- The folded words are written again by search-refold.ts: forget that any fold was done.
DELETE FROM "Setting" WHERE "key" = 'searchFold';

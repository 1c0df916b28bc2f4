-- Search reads the folded words (lib/domain/search-fold.ts) of each claim, not its raw text: the FTS5
-- table now indexes "searchText" and "claimantSearch", which the application writes folded with every
-- write of a claim's text or claimant, and splits them with the "ascii" tokenizer. A folded word holds
-- only lower-case ASCII letters and digits among its ASCII characters, and "ascii" keeps every other
-- character inside a token, so the tokenizer splits at the single spaces between folded words and
-- nowhere else, folds nothing further, and indexes the same words as PostgreSQL's "searchVector"
-- (same migration name there).
-- The claims already there are indexed from their "searchText" as stored (case-folded NFKC text, so
-- nearly every word is found already); lib/server/search-refold.ts then writes every claim's folded
-- words once (the server does it at start; `npm run search:refold` does it by hand), and the triggers
-- below keep the index in step.
-- Prisma's schema cannot declare virtual tables (models.prisma is shared with PostgreSQL), so
-- `prisma migrate diff` lists these tables and triggers as drift: keep them.

DROP TRIGGER "Claim_search_insert";
DROP TRIGGER "Claim_search_update";
DROP TRIGGER "Claim_search_delete";
DROP TABLE "ClaimSearch";

CREATE VIRTUAL TABLE "ClaimSearch" USING fts5("text", "claimant", tokenize = 'ascii');

CREATE TRIGGER "Claim_search_insert" AFTER INSERT ON "Claim" BEGIN
    INSERT INTO "ClaimSearchKey" ("claimId") VALUES (NEW."id");
    INSERT INTO "ClaimSearch" ("rowid", "text", "claimant")
        VALUES ((SELECT "id" FROM "ClaimSearchKey" WHERE "claimId" = NEW."id"), NEW."searchText", NEW."claimantSearch");
END;

CREATE TRIGGER "Claim_search_update" AFTER UPDATE OF "searchText", "claimantSearch" ON "Claim" BEGIN
    UPDATE "ClaimSearch" SET "text" = NEW."searchText", "claimant" = NEW."claimantSearch"
        WHERE "rowid" = (SELECT "id" FROM "ClaimSearchKey" WHERE "claimId" = NEW."id");
END;

CREATE TRIGGER "Claim_search_delete" AFTER DELETE ON "Claim" BEGIN
    DELETE FROM "ClaimSearch" WHERE "rowid" = (SELECT "id" FROM "ClaimSearchKey" WHERE "claimId" = OLD."id");
    DELETE FROM "ClaimSearchKey" WHERE "claimId" = OLD."id";
END;

INSERT INTO "ClaimSearch" ("rowid", "text", "claimant")
    SELECT k."id", c."searchText", c."claimantSearch" FROM "Claim" c JOIN "ClaimSearchKey" k ON k."claimId" = c."id";

-- The folded words are written again by search-refold.ts: forget that any fold was done.
DELETE FROM "Setting" WHERE "key" = 'searchFold';

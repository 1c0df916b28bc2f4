-- Ranked full-text search over claims (lib/domain/search-query.ts, lib/server/claim-search.ts):
-- an FTS5 table over each claim's text and claimant, kept in step by triggers in the same
-- transaction as every write to "Claim", and backfilled here.
-- "ClaimSearchKey" gives each claim a stable integer rowid for the FTS5 table (the implicit rowid of
-- "Claim", whose key is text, may change on VACUUM), and finds a claim's FTS row through its unique
-- index. Tokenizer: unicode61 without removing diacritics, so it splits and folds words as the
-- PostgreSQL migration's `[[:alnum:]]` + 'simple' configuration does.
-- Prisma's schema cannot declare virtual tables (models.prisma is shared with PostgreSQL), so
-- `prisma migrate diff` lists these tables and triggers as drift: keep them.

CREATE TABLE "ClaimSearchKey" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "claimId" TEXT NOT NULL
);
CREATE UNIQUE INDEX "ClaimSearchKey_claimId_key" ON "ClaimSearchKey"("claimId");

CREATE VIRTUAL TABLE "ClaimSearch" USING fts5("text", "claimant", tokenize = 'unicode61 remove_diacritics 0');

CREATE TRIGGER "Claim_search_insert" AFTER INSERT ON "Claim" BEGIN
    INSERT INTO "ClaimSearchKey" ("claimId") VALUES (NEW."id");
    INSERT INTO "ClaimSearch" ("rowid", "text", "claimant")
        VALUES ((SELECT "id" FROM "ClaimSearchKey" WHERE "claimId" = NEW."id"), NEW."text", COALESCE(NEW."claimant", ''));
END;

CREATE TRIGGER "Claim_search_update" AFTER UPDATE OF "text", "claimant" ON "Claim" BEGIN
    UPDATE "ClaimSearch" SET "text" = NEW."text", "claimant" = COALESCE(NEW."claimant", '')
        WHERE "rowid" = (SELECT "id" FROM "ClaimSearchKey" WHERE "claimId" = NEW."id");
END;

CREATE TRIGGER "Claim_search_delete" AFTER DELETE ON "Claim" BEGIN
    DELETE FROM "ClaimSearch" WHERE "rowid" = (SELECT "id" FROM "ClaimSearchKey" WHERE "claimId" = OLD."id");
    DELETE FROM "ClaimSearchKey" WHERE "claimId" = OLD."id";
END;

-- Backfill: every claim already there.
INSERT INTO "ClaimSearchKey" ("claimId") SELECT "id" FROM "Claim" ORDER BY "createdAt", "id";
INSERT INTO "ClaimSearch" ("rowid", "text", "claimant")
    SELECT k."id", c."text", COALESCE(c."claimant", '') FROM "Claim" c JOIN "ClaimSearchKey" k ON k."claimId" = c."id";

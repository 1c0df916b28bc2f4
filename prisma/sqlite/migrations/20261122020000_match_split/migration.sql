-- An editor can split a claim from its cross-article match; such a claim is not matched again automatically.
ALTER TABLE "Claim" ADD COLUMN "matchSplit" BOOLEAN NOT NULL DEFAULT false;

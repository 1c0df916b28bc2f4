-- Desk administration (issue 15): a user created or reset with a one-time password must choose their
-- own at the next sign-in; the users page shows each account's last sign-in.
ALTER TABLE "User" ADD COLUMN "mustChangePassword" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "User" ADD COLUMN "lastSignInAt" DATETIME;

-- A verdict keeps the rating's label, colour and ClaimReview value as the scale had them when it was
-- approved, so reports show the label in force then even after the scale is edited.
ALTER TABLE "Verdict" ADD COLUMN "ratingLabel" TEXT;
ALTER TABLE "Verdict" ADD COLUMN "ratingColor" TEXT;
ALTER TABLE "Verdict" ADD COLUMN "ratingValue" INTEGER;

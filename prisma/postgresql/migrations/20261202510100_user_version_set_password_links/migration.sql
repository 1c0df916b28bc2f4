-- Desk administration (issue 15): user-admin and account forms are version-checked (compare-and-set
-- on "version"), and an admin may hand out a one-time set-password link that expires instead of a
-- one-time password (only the token's SHA-256 is stored).
ALTER TABLE "User" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "SetPasswordLink" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "SetPasswordLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SetPasswordLink_tokenHash_key" ON "SetPasswordLink"("tokenHash");

-- CreateIndex
CREATE INDEX "SetPasswordLink_userId_idx" ON "SetPasswordLink"("userId");

-- AddForeignKey
ALTER TABLE "SetPasswordLink" ADD CONSTRAINT "SetPasswordLink_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SetPasswordLink" ADD CONSTRAINT "SetPasswordLink_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

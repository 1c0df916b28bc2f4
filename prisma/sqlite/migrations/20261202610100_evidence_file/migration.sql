-- Issue 16: a file attached as evidence (SHA-256 of the stored file, size in bytes, detected MIME type, sanitised name).
ALTER TABLE "Evidence" ADD COLUMN "fileSha256" TEXT;
ALTER TABLE "Evidence" ADD COLUMN "fileSize" INTEGER;
ALTER TABLE "Evidence" ADD COLUMN "fileType" TEXT;
ALTER TABLE "Evidence" ADD COLUMN "fileName" TEXT;

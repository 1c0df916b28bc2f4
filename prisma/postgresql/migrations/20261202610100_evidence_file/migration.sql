-- Issue 16: a file attached as evidence (SHA-256 of the stored file, size in bytes, detected MIME type, sanitised name).
ALTER TABLE "Evidence" ADD COLUMN "fileSha256" TEXT,
ADD COLUMN "fileSize" INTEGER,
ADD COLUMN "fileType" TEXT,
ADD COLUMN "fileName" TEXT;

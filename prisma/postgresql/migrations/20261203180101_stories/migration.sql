-- Issue 18: stories (articles of several outlets about one event), each article's named entities stored at
-- import for story suggestion, and editors' resolutions of verdict conflicts inside a story.

-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "entities" TEXT;

-- CreateTable
CREATE TABLE "Story" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'SUGGESTED',
    "origin" TEXT NOT NULL DEFAULT 'SUGGESTED',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT,
    "confirmedById" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Story_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StoryArticle" (
    "storyId" TEXT NOT NULL,
    "articleId" TEXT NOT NULL,
    "suggested" BOOLEAN NOT NULL DEFAULT false,
    "score" DOUBLE PRECISION,
    "addedById" TEXT,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoryArticle_pkey" PRIMARY KEY ("storyId","articleId")
);

-- CreateTable
CREATE TABLE "StoryVerdictResolution" (
    "id" TEXT NOT NULL,
    "storyId" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "resolution" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "verdictIds" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoryVerdictResolution_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Story_updatedAt_id_idx" ON "Story"("updatedAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "StoryArticle_articleId_key" ON "StoryArticle"("articleId");

-- CreateIndex
CREATE INDEX "StoryVerdictResolution_storyId_clusterId_createdAt_idx" ON "StoryVerdictResolution"("storyId", "clusterId", "createdAt");

-- AddForeignKey
ALTER TABLE "StoryArticle" ADD CONSTRAINT "StoryArticle_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoryArticle" ADD CONSTRAINT "StoryArticle_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoryVerdictResolution" ADD CONSTRAINT "StoryVerdictResolution_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story"("id") ON DELETE CASCADE ON UPDATE CASCADE;


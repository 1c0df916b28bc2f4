-- The claims list filtered by assignee (and status) reads its page straight from an index in the
-- list's order (newest change first, id as tie-breaker) instead of sorting every claim of that
-- assignee: (assigneeId, status, updatedAt, id) for status + assignee, (assigneeId, updatedAt, id) for
-- a reviewer's own list and the assignee filter alone. (articleId, assigneeId) answers "does this
-- reviewer have a claim in this article" with one probe per article (the article lists).

-- CreateIndex
CREATE INDEX "Claim_assigneeId_status_updatedAt_id_idx" ON "Claim"("assigneeId", "status", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Claim_assigneeId_updatedAt_id_idx" ON "Claim"("assigneeId", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Claim_articleId_assigneeId_idx" ON "Claim"("articleId", "assigneeId");

-- The article filter's options and the articles page take the 200 articles imported last: from this
-- index, instead of reading every article row (SQLite keeps "importedAt" after the long "text", so a
-- scan walks each article's overflow pages).

-- CreateIndex
CREATE INDEX "Article_importedAt_idx" ON "Article"("importedAt");

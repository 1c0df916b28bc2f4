import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "../db";
import { makePublishedClaim, makeUser } from "../testing/factories";
import { countQueries } from "../testing/query-counter";
import { findClaimVerdictConflict } from "./claim-verdict-conflict";
import { getClaimVerdictConflicts } from "./story-comparison";

/** The story page's answer for the claim (the whole comparison): the one-statement read must agree with it. */
async function storyPageSays(actor: Awaited<ReturnType<typeof makeUser>>, claimId: string) {
  const found = await getClaimVerdictConflicts(actor, claimId);
  return found && { storyId: found.storyId, claimIds: found.conflicts.flatMap((c) => c.verdicts.map((v) => v.claimId)).sort() };
}

/**
 * Two published claims (in two fresh articles, each with its own reviewer) with the given ratings,
 * matched into one cluster, their articles in one story.
 */
async function conflictingPair(ratings: [string, string] = ["FALSE", "MISLEADING"], { inStory = true, pending = false } = {}) {
  const editor = await makeUser("EDITOR");
  const approver = await makeUser("EDITOR");
  const reviewerA = await makeUser("REVIEWER");
  const reviewerB = await makeUser("REVIEWER");
  const a = await makePublishedClaim(editor, approver, reviewerA, ratings[0]);
  const b = await makePublishedClaim(editor, approver, reviewerB, ratings[1]);
  const db = await getDb();
  const clusterId = `cluster-${randomUUID()}`;
  await db.claim.updateMany({ where: { id: { in: [a.claim.id, b.claim.id] } }, data: { clusterId } });
  // The test articles share their sentences, so import may already have suggested them into a story.
  await db.storyArticle.deleteMany({ where: { articleId: { in: [a.article.id, b.article.id] } } });
  const story = await db.story.create({ data: { title: `Story ${clusterId.slice(-8)}`, status: "CONFIRMED", origin: "MANUAL", createdById: editor.id } });
  await db.storyArticle.create({ data: { storyId: story.id, articleId: a.article.id } });
  if (inStory) await db.storyArticle.create({ data: { storyId: story.id, articleId: b.article.id, suggested: pending } });
  const claimA = { id: a.claim.id, articleId: a.article.id, clusterId };
  const claimB = { id: b.claim.id, articleId: b.article.id, clusterId };
  return { editor, reviewerA, story, claimA, claimB, db };
}

describe("a claim's verdict conflict in its story", () => {
  it("is found for both claims of a matched pair with different published verdicts, in one statement", async () => {
    const { editor, story, claimA, claimB } = await conflictingPair();
    const counted = await countQueries(() => findClaimVerdictConflict(editor, claimA));
    expect(counted.result).toEqual({ storyId: story.id, storyTitle: story.title, otherClaimIds: [claimB.id] });
    expect(counted.queries).toBe(1);
    expect(await findClaimVerdictConflict(editor, claimB)).toMatchObject({ storyId: story.id, otherClaimIds: [claimA.id] });
    expect(await storyPageSays(editor, claimA.id)).toEqual({ storyId: story.id, claimIds: [claimA.id, claimB.id].sort() });
  });

  it("costs no statement without a cluster, and is null when the verdicts agree or the other article is in no story", async () => {
    const { editor, claimA } = await conflictingPair(["FALSE", "FALSE"]);
    const none = await countQueries(() => findClaimVerdictConflict(editor, { ...claimA, clusterId: null }));
    expect(none).toMatchObject({ result: null, queries: 0 });
    expect(await findClaimVerdictConflict(editor, claimA)).toBeNull();
    const outside = await conflictingPair(["FALSE", "MISLEADING"], { inStory: false });
    expect(await findClaimVerdictConflict(outside.editor, outside.claimA)).toBeNull();
  });

  it("leaves out an article import suggested for the confirmed story and no editor accepted yet, as the story page does", async () => {
    const { editor, claimA, claimB } = await conflictingPair(["FALSE", "MISLEADING"], { pending: true });
    expect(await storyPageSays(editor, claimA.id)).toBeNull();
    expect(await findClaimVerdictConflict(editor, claimA)).toBeNull();
    expect(await findClaimVerdictConflict(editor, claimB)).toBeNull();
  });

  it("counts only claims the actor may read: a reviewer of one side is not told about the other", async () => {
    const { reviewerA, claimA } = await conflictingPair();
    expect(await findClaimVerdictConflict(reviewerA, claimA)).toBeNull();
  });

  it("is closed by a resolution covering both verdicts, and stays open when a resolution covered other verdicts", async () => {
    const { editor, story, claimA, claimB, db } = await conflictingPair();
    const verdicts = await db.verdict.findMany({ where: { claimId: { in: [claimA.id, claimB.id] }, state: "PUBLISHED" }, select: { id: true } });
    expect(verdicts).toHaveLength(2);
    const resolve = (ids: string[]) =>
      db.storyVerdictResolution.create({
        data: { storyId: story.id, clusterId: claimA.clusterId, resolution: "EXPLAINED", note: "Different framing.", verdictIds: JSON.stringify(ids.sort()), createdById: editor.id },
      });
    await resolve([verdicts[0]!.id, "an-older-verdict"]);
    expect(await findClaimVerdictConflict(editor, claimA)).not.toBeNull();
    expect(await storyPageSays(editor, claimA.id)).not.toBeNull();
    await resolve(verdicts.map((v) => v.id));
    expect(await findClaimVerdictConflict(editor, claimA)).toBeNull();
    expect(await storyPageSays(editor, claimA.id)).toBeNull();
    expect(await findClaimVerdictConflict(editor, claimB)).toBeNull();
  });
});

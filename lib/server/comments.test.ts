import { describe, expect, it } from "vitest";
import { getClaimDetail } from "./claim-detail/get-claim-detail";
import { addComment, listMentionCandidates } from "./comments";
import { getDb } from "./db";
import { countUnreadNotifications } from "./notifications";
import { claimHistory, makeAssignedClaim, makeDoubleReviewClaim, makeUser, proposeWithEvidence } from "./testing/factories";

async function commentsOf(claimId: string) {
  const db = await getDb();
  return db.comment.findMany({ where: { claimId }, orderBy: { createdAt: "asc" } });
}

async function mentionNotifications(userId: string) {
  const db = await getDb();
  return db.notification.findMany({ where: { userId, kind: "MENTIONED" } });
}

describe("addComment", () => {
  it("lets the assignee and editors comment, records it and resolves @name and @email mentions", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const comment = await addComment(reviewer, { claimId: claim.id, body: `Question for @${editor.name}: is the 2019 figure right? cc @${editor.email}` });
    expect(JSON.parse(comment.mentions)).toEqual([editor.id]);
    await addComment(editor, { claimId: claim.id, body: "Yes, see the annex." });
    expect((await commentsOf(claim.id)).map((c) => c.authorId)).toEqual([reviewer.id, editor.id]);
    expect((await claimHistory(claim.id)).filter((a) => a === "comment.add")).toHaveLength(2);
    const detail = await getClaimDetail(reviewer, claim.id);
    expect(detail.comments.map((c) => [c.author.name, c.body])).toEqual([
      [reviewer.name, comment.body],
      [editor.name, "Yes, see the annex."],
    ]);
  });

  it("notifies a mentioned person in the same transaction: unread count goes up by one", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const before = await countUnreadNotifications(reviewer);
    const comment = await addComment(editor, { claimId: claim.id, body: `@${reviewer.name} please add the primary source.` });
    expect(await countUnreadNotifications(reviewer)).toBe(before + 1);
    const [mention] = await mentionNotifications(reviewer.id);
    expect(mention).toMatchObject({ claimId: claim.id, actorId: editor.id, detail: JSON.stringify({ commentId: comment.id }) });
    // A mention of oneself is not news.
    await addComment(editor, { claimId: claim.id, body: `Note to self, @${editor.name}.` });
    expect(await mentionNotifications(editor.id)).toHaveLength(0);
  });

  it("refuses a comment from a reviewer who cannot see the claim; nothing is stored", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const stranger = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    await expect(addComment(stranger, { claimId: claim.id, body: "Let me in" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await commentsOf(claim.id)).toEqual([]);
  });

  it("answers the same for unknown and invisible people: plain text, nobody notified, no name or e-mail oracle", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const stranger = await makeUser("REVIEWER", `Stranger ${Date.now()}`);
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const answers = [];
    for (const who of [stranger.email, stranger.name, `nobody-${Date.now()}@desk.example`, `Nobody ${Date.now()}`]) {
      const comment = await addComment(reviewer, { claimId: claim.id, body: `@${who} what do you think?` });
      answers.push({ mentions: comment.mentions, keys: Object.keys(comment).sort() });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]!.mentions).toBe("[]");
    expect(await mentionNotifications(stranger.id)).toEqual([]);
    expect(await commentsOf(claim.id)).toHaveLength(4);
  });

  it("offers for mention only people who can see the claim, and e-mail addresses to editors only", async () => {
    const editor = await makeUser("EDITOR");
    const admin = await makeUser("ADMIN");
    const reviewer = await makeUser("REVIEWER");
    const stranger = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const forReviewer = await listMentionCandidates(reviewer, claim.id);
    const ids = forReviewer.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([editor.id, admin.id]));
    expect(ids).not.toContain(stranger.id);
    expect(ids).not.toContain(reviewer.id);
    for (const c of forReviewer) expect(c.email).toBe("");
    const forEditor = await listMentionCandidates(editor, claim.id);
    expect(forEditor.find((c) => c.id === reviewer.id)).toMatchObject({ email: reviewer.email });
    expect(forEditor.map((c) => c.id)).not.toContain(stranger.id);
    // A reviewer can still mention an editor by the e-mail they know.
    const comment = await addComment(reviewer, { claimId: claim.id, body: `cc @${editor.email}` });
    expect(JSON.parse(comment.mentions)).toEqual([editor.id]);
  });

  it("stores an XSS payload as the plain text it is", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const payload = `<script>alert("x")</script><img src=x onerror="alert(1)"> [click](javascript:alert(2)) </textarea>`;
    await addComment(reviewer, { claimId: claim.id, body: payload });
    const [stored] = await commentsOf(claim.id);
    expect(stored!.body).toBe(payload);
    expect((await getClaimDetail(editor, claim.id)).comments[0]!.body).toBe(payload);
  });
});

describe("comments in a blind double review", () => {
  it("hides a reviewer's comments from the other reviewer until both proposed; editors' comments reach both", async () => {
    const editor = await makeUser("EDITOR");
    const a = await makeUser("REVIEWER");
    const b = await makeUser("REVIEWER");
    const { claim } = await makeDoubleReviewClaim(editor, a, b);
    await addComment(a, { claimId: claim.id, body: "A thinks it is false" });
    await addComment(editor, { claimId: claim.id, body: "Editor: deadline is Friday" });
    expect((await getClaimDetail(b, claim.id)).comments.map((c) => c.body)).toEqual(["Editor: deadline is Friday"]);
    expect((await getClaimDetail(a, claim.id)).comments.map((c) => c.body)).toEqual(["A thinks it is false", "Editor: deadline is Friday"]);
    expect((await getClaimDetail(editor, claim.id)).comments).toHaveLength(2);

    // A cannot mention B while blind (B could not read it: plain text, no notification, the same answer
    // as for an unknown name), and B is not offered for autocompletion.
    const blindMention = await addComment(a, { claimId: claim.id, body: `@${b.name} what did you find?` });
    expect(blindMention.mentions).toBe("[]");
    expect((await listMentionCandidates(a, claim.id)).map((c) => c.id)).not.toContain(b.id);
    expect(await mentionNotifications(b.id)).toEqual([]);

    await proposeWithEvidence(a, claim.id);
    expect((await getClaimDetail(b, claim.id)).comments.map((c) => c.body)).toEqual(["Editor: deadline is Friday"]);
    await proposeWithEvidence(b, claim.id);
    expect((await getClaimDetail(b, claim.id)).comments.map((c) => c.body)).toEqual(["A thinks it is false", "Editor: deadline is Friday", `@${b.name} what did you find?`]);
    // After both proposed, they may talk to each other.
    await addComment(a, { claimId: claim.id, body: `@${b.name} we disagree on the date.` });
    expect(await mentionNotifications(b.id)).toHaveLength(1);
  });
});

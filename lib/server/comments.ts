import "server-only";
import { isBlindFor } from "@/lib/domain/double-review";
import { notFound } from "@/lib/domain/errors";
import { findMentions, type MentionCandidate } from "@/lib/domain/mentions";
import type { AddCommentInput } from "@/lib/validation/comments";
import { appendAuditEvent } from "./audit";
import { getDb, type Db, type Tx } from "./db";
import { notifyMentioned } from "./notifications";
import { isEditor, visibleClaimsWhere, type Actor } from "./permissions";
import { inTransaction } from "./transaction";

/** How many desk users are considered for @mentions. */
const MAX_DESK_USERS = 1000;

type CommentedClaim = { id: string; status: string; assigneeId: string | null; reviewers: { userId: string }[] };

async function loadCommentedClaim(db: Db | Tx, actor: Actor, claimId: string): Promise<CommentedClaim> {
  const claim = await db.claim.findFirst({
    where: { AND: [{ id: claimId }, visibleClaimsWhere(actor)] },
    select: { id: true, status: true, assigneeId: true, reviewers: { select: { userId: true } } },
  });
  if (!claim) throw notFound();
  return claim;
}

/**
 * Who would read a comment the actor writes on this claim now: the desk's editors and admins and the
 * claim's reviewers — except, in a blind double review, the other reviewer (a reviewer's comments are
 * hidden from them until both have proposed).
 */
async function commentAudience(db: Db | Tx, actor: Actor, claim: CommentedClaim) {
  const desk = await db.user.findMany({
    where: { active: true },
    select: { id: true, name: true, email: true, role: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: MAX_DESK_USERS,
  });
  return audienceOf(actor, claim, desk);
}

/**
 * commentAudience's rule on desk users already read (active ones only), so a page that reads the
 * users for other reasons (the claim page) needs no second read: `audience` excludes nobody but the
 * hidden reviewer; callers drop the actor themselves.
 */
export function audienceOf<U extends { id: string; role: string }>(actor: Actor, claim: CommentedClaim, desk: readonly U[]) {
  const reviewers = new Set([claim.assigneeId, ...claim.reviewers.map((r) => r.userId)].filter((id): id is string => Boolean(id)));
  const hidden = isBlindFor(actor.id, claim) ? new Set([...reviewers].filter((id) => id !== actor.id)) : new Set<string>();
  return desk.filter((u) => !hidden.has(u.id) && (u.role === "EDITOR" || u.role === "ADMIN" || reviewers.has(u.id)));
}

/**
 * People the actor can @mention in a comment on this claim (for autocompletion): only those who can
 * read it, never the actor. E-mail addresses are included for editors and admins only; a reviewer
 * gets names (an empty `email`), so the list is no directory of the desk's addresses (issue 12).
 */
export async function listMentionCandidates(actor: Actor, claimId: string): Promise<MentionCandidate[]> {
  const db = await getDb();
  const claim = await loadCommentedClaim(db, actor, claimId);
  const audience = await commentAudience(db, actor, claim);
  const showEmail = isEditor(actor);
  return audience.filter((u) => u.id !== actor.id).map(({ id, name, email }) => ({ id, name, email: showEmail ? email : "" }));
}

/**
 * Anyone who can see a claim may comment on it. The body is kept as typed (plain text or Markdown,
 * rendered without raw HTML). @mentions are resolved against the people who can read the comment
 * only: an "@" naming anyone else — unknown, deactivated, unable to see the claim, or the other
 * reviewer of a blind double review — stays plain text, with exactly the same answer, so comments are
 * no oracle for who exists or what their address is (issue 12). Mentioned people are notified in the
 * same transaction as the comment and its audit event.
 */
export async function addComment(actor: Actor, input: AddCommentInput) {
  return inTransaction(async (tx) => {
    const claim = await loadCommentedClaim(tx, actor, input.claimId);
    const audience = await commentAudience(tx, actor, claim);
    const mentioned = [...new Set(findMentions(input.body, audience).map((m) => m.userId))];
    const names = new Map(audience.map((u) => [u.id, u.name]));
    const comment = await tx.comment.create({
      data: { claimId: claim.id, authorId: actor.id, body: input.body, mentions: JSON.stringify(mentioned) },
    });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "comment.add",
      entityType: "Comment",
      entityId: comment.id,
      claimId: claim.id,
      after: { body: comment.body, mentions: mentioned.map((id) => names.get(id) ?? id) },
    });
    await notifyMentioned(tx, actor, claim.id, comment.id, mentioned);
    return comment;
  });
}

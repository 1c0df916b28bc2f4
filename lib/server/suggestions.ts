import "server-only";
import { randomUUID } from "node:crypto";
import type { ClaimTransitionName } from "@/lib/domain/claim-status";
import { AppError, notFound } from "@/lib/domain/errors";
import { matchClaims, scoreSentence } from "@/lib/domain/extraction";
import { codePointLength, sliceCodePoints } from "@/lib/domain/text-span";
import type { CreateClaimFromSelectionInput, SuggestionBatchInput } from "@/lib/validation/suggestions";
import { appendAuditEvent } from "./audit";
import { applyTransition, createAnchoredClaim } from "./claims";
import type { Tx } from "./db";
import { assertEditor, type Actor } from "./permissions";
import { inTransaction } from "./transaction";

/** How many recent claims of other articles a new claim is compared with. */
const MATCH_WINDOW = 5000;

const DECISIONS: Record<SuggestionBatchInput["decision"], ClaimTransitionName> = {
  accept: "accept",
  reject: "reject",
  restore: "restore",
};

/**
 * Accepts suggested claims (they join the desk's claims, ready to assign), rejects suggestions that
 * are not claims, or restores rejected ones — one or many at once, all or nothing.
 */
export async function reviewSuggestions(actor: Actor, input: SuggestionBatchInput) {
  const name = DECISIONS[input.decision];
  assertEditor(actor, "review suggestions");
  return inTransaction(async (tx) => {
    const claims = await tx.claim.findMany({ where: { id: { in: input.claimIds }, articleId: input.articleId } });
    if (claims.length !== new Set(input.claimIds).size) throw notFound("claim");
    // One transaction: if any claim cannot move, none does.
    for (const claim of claims) await applyTransition(tx, actor, claim, name);
    return claims.length;
  });
}

/**
 * Links claims of different articles that say the same thing: each new claim joins the cluster of
 * a matching claim of another article (or a new cluster is opened for the pair).
 */
export async function clusterNewClaims(tx: Tx, actor: Actor, newClaimIds: readonly string[]) {
  if (newClaimIds.length === 0) return;
  const fresh = await tx.claim.findMany({ where: { id: { in: [...newClaimIds] } }, select: { id: true, articleId: true, text: true, clusterId: true } });
  const articleIds = [...new Set(fresh.map((c) => c.articleId))];
  const others = await tx.claim.findMany({
    where: { articleId: { notIn: articleIds }, status: { not: "REJECTED" } },
    select: { id: true, articleId: true, text: true, clusterId: true },
    orderBy: { createdAt: "desc" },
    take: MATCH_WINDOW,
  });
  const byId = new Map([...fresh, ...others].map((c) => [c.id, c]));
  const freshIds = new Set(fresh.map((c) => c.id));
  for (const group of matchClaims([...fresh, ...others])) {
    const members = group.map((id) => byId.get(id)!).filter(Boolean);
    if (!members.some((m) => freshIds.has(m.id)) || new Set(members.map((m) => m.articleId)).size < 2) continue;
    const clusterId = members.find((m) => m.clusterId)?.clusterId ?? `cl_${randomUUID().replaceAll("-", "").slice(0, 20)}`;
    for (const member of members) {
      if (member.clusterId === clusterId) continue;
      await tx.claim.update({ where: { id: member.id }, data: { clusterId, clusterConfirmed: false, version: { increment: 1 } } });
      await appendAuditEvent(tx, {
        actorId: actor.id,
        action: "claim.match",
        entityType: "Claim",
        entityId: member.id,
        claimId: member.id,
        before: { clusterId: member.clusterId },
        after: { clusterId },
      });
    }
  }
}

/**
 * An editor creates a claim from a passage they selected. The span is checked against the snapshot
 * (trimmed of surrounding white space) and anchored with its quote and context.
 */
export async function createClaimFromSelection(actor: Actor, input: CreateClaimFromSelectionInput) {
  assertEditor(actor, "create claims");
  return inTransaction(async (tx) => {
    const article = await tx.article.findUnique({ where: { id: input.articleId }, select: { id: true, text: true } });
    if (!article) throw notFound("article");
    const length = codePointLength(article.text);
    if (input.end > length) throw new AppError("VALIDATION", "The selection is outside the article text.", { fields: { start: ["The selection is outside the article text."] } });
    let start = input.start;
    let end = input.end;
    const chars = Array.from(sliceCodePoints(article.text, start, end));
    while (chars.length && /\s/.test(chars[0]!)) (chars.shift(), start++);
    while (chars.length && /\s/.test(chars[chars.length - 1]!)) (chars.pop(), end--);
    if (chars.length === 0) throw new AppError("VALIDATION", "Select some text of the article.", { fields: { start: ["Select some text of the article."] } });
    const quote = sliceCodePoints(article.text, start, end);
    const duplicate = await tx.claim.findFirst({ where: { articleId: article.id, start, end, status: { not: "REJECTED" } }, select: { id: true } });
    if (duplicate) throw new AppError("VALIDATION", "This passage is already a claim.", { fields: { start: ["This passage is already a claim."] } });
    const claim = await createAnchoredClaim(tx, actor, article.text, {
      articleId: article.id,
      text: input.text ?? quote.replace(/\s+/g, " "),
      start,
      end,
      score: scoreSentence(quote),
      origin: "MANUAL",
      status: "NEW",
    });
    await clusterNewClaims(tx, actor, [claim.id]);
    return claim;
  });
}

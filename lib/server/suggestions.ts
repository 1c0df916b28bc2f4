import "server-only";
import { randomUUID } from "node:crypto";
import type { ClaimTransitionName } from "@/lib/domain/claim-status";
import { AppError, notFound, staleVersion } from "@/lib/domain/errors";
import { buildAnchor, matchClaims, scoreSentence } from "@/lib/domain/extraction";
import { codePointLength, sliceCodePoints } from "@/lib/domain/text-span";
import type {
  ClaimMatchInput,
  CreateClaimFromSelectionInput,
  EditClaimWordingInput,
  SuggestionBatchInput,
} from "@/lib/validation/suggestions";
import { appendAuditEvent } from "./audit";
import { applyTransition, loadClaimForUpdate } from "./claims";
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
    const anchor = buildAnchor(article.text, start, end);
    const text = input.text ?? anchor.quote.replace(/\s+/g, " ");
    const duplicate = await tx.claim.findFirst({ where: { articleId: article.id, start, end, status: { not: "REJECTED" } }, select: { id: true } });
    if (duplicate) throw new AppError("VALIDATION", "This passage is already a claim.", { fields: { start: ["This passage is already a claim."] } });
    const claim = await tx.claim.create({
      data: {
        articleId: article.id,
        text,
        start,
        end,
        quote: anchor.quote,
        prefix: anchor.prefix,
        suffix: anchor.suffix,
        checkworthiness: scoreSentence(anchor.quote),
        origin: "MANUAL",
        status: "NEW",
      },
    });
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "claim.create",
      entityType: "Claim",
      entityId: claim.id,
      entityVersion: claim.version,
      claimId: claim.id,
      after: { text, start, end, origin: "MANUAL" },
    });
    await clusterNewClaims(tx, actor, [claim.id]);
    return claim;
  });
}

/** An editor rewords a claim; its anchor in the article (span, quote, context) does not move. */
export async function editClaimWording(actor: Actor, input: EditClaimWordingInput) {
  assertEditor(actor, "edit claims");
  return inTransaction(async (tx) => {
    const claim = await loadClaimForUpdate(tx, actor, input.claimId, input.expectedVersion);
    if (claim.text === input.text) return claim;
    const result = await tx.claim.updateMany({
      where: { id: claim.id, version: claim.version },
      data: { text: input.text, version: { increment: 1 } },
    });
    if (result.count !== 1) throw staleVersion();
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "claim.edit",
      entityType: "Claim",
      entityId: claim.id,
      entityVersion: claim.version + 1,
      claimId: claim.id,
      before: { text: claim.text },
      after: { text: input.text },
    });
    return tx.claim.findUniqueOrThrow({ where: { id: claim.id } });
  });
}

/** An editor confirms that a claim and its cluster say the same thing. */
export async function confirmMatch(actor: Actor, input: ClaimMatchInput) {
  assertEditor(actor, "confirm matches");
  return inTransaction(async (tx) => {
    const claim = await loadClaimForUpdate(tx, actor, input.claimId, input.expectedVersion);
    if (!claim.clusterId) throw new AppError("INVALID_TRANSITION", "This claim is not matched with another article.");
    const members = await tx.claim.findMany({ where: { clusterId: claim.clusterId } });
    for (const member of members) {
      if (member.clusterConfirmed) continue;
      await tx.claim.update({ where: { id: member.id }, data: { clusterConfirmed: true, version: { increment: 1 } } });
      await appendAuditEvent(tx, {
        actorId: actor.id,
        action: "claim.match_confirm",
        entityType: "Claim",
        entityId: member.id,
        claimId: member.id,
        after: { clusterId: claim.clusterId, confirmed: true },
      });
    }
  });
}

/** An editor splits a claim off its cluster (a wrong match); a cluster left with one claim dissolves. */
export async function splitMatch(actor: Actor, input: ClaimMatchInput) {
  assertEditor(actor, "split matches");
  return inTransaction(async (tx) => {
    const claim = await loadClaimForUpdate(tx, actor, input.claimId, input.expectedVersion);
    if (!claim.clusterId) throw new AppError("INVALID_TRANSITION", "This claim is not matched with another article.");
    const rest = await tx.claim.findMany({ where: { clusterId: claim.clusterId, id: { not: claim.id } } });
    const leaving = rest.length <= 1 ? [claim, ...rest] : [claim];
    for (const member of leaving) {
      await tx.claim.update({ where: { id: member.id }, data: { clusterId: null, clusterConfirmed: false, version: { increment: 1 } } });
      await appendAuditEvent(tx, {
        actorId: actor.id,
        action: "claim.match_split",
        entityType: "Claim",
        entityId: member.id,
        claimId: member.id,
        before: { clusterId: claim.clusterId },
        after: { clusterId: null },
      });
    }
  });
}

import "server-only";
import type { ClaimMatch } from "@/lib/domain/claim-match";
import { WORDING_EDITABLE_STATUSES, type ClaimTransitionName } from "@/lib/domain/claim-status";
import { AppError, notFound, staleVersion } from "@/lib/domain/errors";
import { suggestClaimant } from "@/lib/domain/extraction";
import { normalizeSearchText } from "@/lib/domain/search-text";
import { codePointLength, sliceCodePoints } from "@/lib/domain/text-span";
import type {
  CreateClaimFromSelectionInput,
  MatchDecisionInput,
  RewordClaimInput,
  SuggestionBatchInput,
} from "@/lib/validation/suggestions";
import { appendAuditEvent } from "./audit";
import { applyTransition, loadClaimForUpdate } from "./claim/claim-transition";
import { createAnchoredClaim } from "./claim/create-anchored-claims";
import { applyMatches, planMatches, writeMatchIndex } from "./claim-matching";
import { getDb, type Tx } from "./db";
import { runExtractionTask } from "./extraction-pool/run-task";
import { assertEditor, visibleClaimsWhere, type Actor } from "./permissions";
import { inTransaction } from "./transaction";

const DECISIONS: Record<SuggestionBatchInput["decision"], ClaimTransitionName> = {
  accept: "accept",
  reject: "reject",
  restore: "restore",
};

/** The only status a batch decision acts on: accept and reject take suggestions, restore takes rejected ones. */
const BATCH_FROM: Record<SuggestionBatchInput["decision"], "SUGGESTED" | "REJECTED"> = {
  accept: "SUGGESTED",
  reject: "SUGGESTED",
  restore: "REJECTED",
};

/**
 * Accepts suggested claims (they join the desk's claims, ready to assign), rejects suggestions that
 * are not claims, or restores rejected ones — one or many at once, all or nothing. A batch acts only on
 * claims in the state its button names (SUGGESTED for accept/reject, REJECTED for restore): an accepted
 * claim is rejected only by an explicit act on that claim, never by a stale selection. Throws
 * NOT_FOUND (a claim of another article), CONFLICT (a claim left that state since the list was shown;
 * nothing is changed), FORBIDDEN (not an editor).
 */
export async function reviewSuggestions(actor: Actor, input: SuggestionBatchInput) {
  const name = DECISIONS[input.decision];
  assertEditor(actor, "review suggestions");
  return inTransaction(async (tx) => {
    const claims = await tx.claim.findMany({ where: { id: { in: input.claimIds }, articleId: input.articleId } });
    if (claims.length !== new Set(input.claimIds).size) throw notFound("claim");
    const from = BATCH_FROM[input.decision];
    const moved = claims.filter((c) => c.status !== from).length;
    if (moved > 0) {
      throw new AppError(
        "CONFLICT",
        `${moved === 1 ? "One of the selected claims is" : `${moved} of the selected claims are`} no longer ${from === "SUGGESTED" ? "a suggestion" : "rejected"}: ${moved === 1 ? "it was" : "they were"} accepted, rejected or restored since the list was shown. Nothing was changed; the list now shows the current state.`,
      );
    }
    // One transaction: if any claim cannot move, none does.
    for (const claim of claims) await applyTransition(tx, actor, claim, name);
    return claims.length;
  });
}

/** The claim, visible to the actor, still in the cluster the editor saw; a moved match is a conflict. */
async function loadMatchedClaim(tx: Tx, actor: Actor, input: MatchDecisionInput) {
  const claim = await tx.claim.findFirst({ where: { AND: [{ id: input.claimId }, visibleClaimsWhere(actor)] } });
  if (!claim) throw notFound();
  if (claim.clusterId !== input.clusterId) {
    throw new AppError("CONFLICT", "This match changed since you opened the claim. The page now shows the current matches; nothing was changed.");
  }
  return claim;
}

/** An editor confirms that the claims of a cluster say the same thing. */
export async function confirmMatch(actor: Actor, input: MatchDecisionInput) {
  assertEditor(actor, "confirm matches");
  return inTransaction(async (tx) => {
    await loadMatchedClaim(tx, actor, input);
    const members = await tx.claim.findMany({ where: { clusterId: input.clusterId, clusterConfirmed: false }, select: { id: true } });
    await tx.claim.updateMany({ where: { clusterId: input.clusterId }, data: { clusterConfirmed: true } });
    for (const member of members) {
      await appendAuditEvent(tx, {
        actorId: actor.id,
        action: "claim.match.confirm",
        entityType: "Claim",
        entityId: member.id,
        claimId: member.id,
        before: { clusterId: input.clusterId, confirmed: false },
        after: { clusterId: input.clusterId, confirmed: true },
      });
    }
    return members.length;
  });
}

/**
 * An editor splits a claim from its match: it leaves the cluster and is not matched automatically
 * again. A cluster left with claims of a single article is dissolved.
 */
export async function splitMatch(actor: Actor, input: MatchDecisionInput) {
  assertEditor(actor, "split matches");
  return inTransaction(async (tx) => {
    const claim = await loadMatchedClaim(tx, actor, input);
    const moved = await tx.claim.updateMany({
      where: { id: claim.id, clusterId: input.clusterId },
      data: { clusterId: null, clusterConfirmed: false, matchSplit: true },
    });
    if (moved.count !== 1) throw new AppError("CONFLICT", "This match changed since you opened the claim; nothing was changed.");
    const split = (id: string, dissolved: boolean) =>
      appendAuditEvent(tx, {
        actorId: actor.id,
        action: dissolved ? "claim.match.dissolve" : "claim.match.split",
        entityType: "Claim",
        entityId: id,
        claimId: id,
        before: { clusterId: input.clusterId },
        after: { clusterId: null },
      });
    await split(claim.id, false);
    const rest = await tx.claim.findMany({ where: { clusterId: input.clusterId }, select: { id: true, articleId: true } });
    if (new Set(rest.map((r) => r.articleId)).size < 2) {
      await tx.claim.updateMany({ where: { clusterId: input.clusterId }, data: { clusterId: null, clusterConfirmed: false } });
      for (const r of rest) await split(r.id, true);
    }
  });
}

/** Claims of other articles in the same cluster as each given claim, as far as the actor may see them. */
export async function listMatches(actor: Actor, claims: readonly { id: string; articleId: string; clusterId: string | null }[]) {
  const clusterIds = [...new Set(claims.map((c) => c.clusterId).filter((id): id is string => Boolean(id)))];
  const byClaim = new Map<string, ClaimMatch[]>(claims.map((c) => [c.id, []]));
  if (clusterIds.length === 0) return byClaim;
  const db = await getDb();
  const members = await db.claim.findMany({
    where: { AND: [{ clusterId: { in: clusterIds } }, { status: { not: "REJECTED" } }, visibleClaimsWhere(actor)] },
    select: { id: true, text: true, status: true, clusterId: true, clusterConfirmed: true, articleId: true, article: { select: { title: true, outlet: true } } },
    orderBy: [{ articleId: "asc" }, { start: "asc" }],
  });
  for (const claim of claims) {
    byClaim.set(
      claim.id,
      members
        .filter((m) => m.clusterId === claim.clusterId && m.articleId !== claim.articleId)
        .map((m) => ({ id: m.id, text: m.text, status: m.status, confirmed: m.clusterConfirmed, articleTitle: m.article.title, outlet: m.article.outlet })),
    );
  }
  return byClaim;
}

/**
 * An editor rewords a claim (for instance to make it self-contained). The anchor — offsets, quote and
 * context in the snapshot — never changes, so the claim stays tied to the passage it came from.
 */
export async function rewordClaim(actor: Actor, input: RewordClaimInput) {
  assertEditor(actor, "reword claims");
  return inTransaction(async (tx) => {
    const claim = await loadClaimForUpdate(tx, actor, input.claimId, input.expectedVersion);
    if (!(WORDING_EDITABLE_STATUSES as readonly string[]).includes(claim.status)) {
      throw new AppError("INVALID_TRANSITION", "A claim with a proposed, approved or published verdict cannot be reworded; return or reopen it first.");
    }
    if (claim.text === input.text) return claim;
    const result = await tx.claim.updateMany({ where: { id: claim.id, version: claim.version }, data: { text: input.text, searchText: normalizeSearchText(input.text), matchIndexed: false, version: { increment: 1 } } });
    if (result.count !== 1) throw staleVersion();
    await appendAuditEvent(tx, {
      actorId: actor.id,
      action: "claim.reword",
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

const collapseSpace = (text: string) => text.replace(/\s+/g, " ").trim();

/**
 * An editor creates a claim from a passage they selected. The span is checked against the snapshot
 * (trimmed of surrounding white space) and against the passage the form showed (`quote`, white
 * space aside); then anchored with its quote and context.
 * @throws AppError VALIDATION (field `start`) for a span outside the text, empty, already a claim,
 *   or whose text is not the quote sent.
 */
export async function createClaimFromSelection(actor: Actor, input: CreateClaimFromSelectionInput) {
  assertEditor(actor, "create claims");
  // The snapshot never changes, so the span is checked and the passage scored and matched (in the
  // extraction pool) before the transaction, which only writes.
  const db = await getDb();
  const article = await db.article.findUnique({ where: { id: input.articleId }, select: { id: true, text: true } });
  if (!article) throw notFound("article");
  const length = codePointLength(article.text);
  if (input.end > length) throw new AppError("VALIDATION", "The selection is outside the article text.", { fields: { start: ["The selection is outside the article text."] } });
  if (collapseSpace(input.quote) !== collapseSpace(sliceCodePoints(article.text, input.start, input.end))) {
    const message = "The selected passage is not at that place in the article text; nothing was created. Reload the page and select it again.";
    throw new AppError("VALIDATION", message, { fields: { start: [message] } });
  }
  let start = input.start;
  let end = input.end;
  const chars = Array.from(sliceCodePoints(article.text, start, end));
  while (chars.length && /\s/.test(chars[0]!)) (chars.shift(), start++);
  while (chars.length && /\s/.test(chars[chars.length - 1]!)) (chars.pop(), end--);
  if (chars.length === 0) throw new AppError("VALIDATION", "Select some text of the article.", { fields: { start: ["Select some text of the article."] } });
  const quote = sliceCodePoints(article.text, start, end);
  const text = input.text ?? quote.replace(/\s+/g, " ");
  const score = await runExtractionTask("score", { text: quote });
  const [features] = await runExtractionTask("features", { texts: [text] });
  const matches = await planMatches([{ id: "new:0", articleId: article.id, features: features! }]);
  return inTransaction(async (tx) => {
    const duplicate = await tx.claim.findFirst({ where: { articleId: article.id, start, end, status: { not: "REJECTED" } }, select: { id: true } });
    if (duplicate) throw new AppError("VALIDATION", "This passage is already a claim.", { fields: { start: ["This passage is already a claim."] } });
    const claim = await createAnchoredClaim(tx, actor, article.text, {
      articleId: article.id,
      text,
      start,
      end,
      score,
      claimant: suggestClaimant(quote),
      origin: "MANUAL",
      status: "NEW",
      matchFeatures: features,
    });
    await writeMatchIndex(tx, [{ id: claim.id, articleId: article.id, features: features! }]);
    await applyMatches(tx, actor, matches, (id) => (id === "new:0" ? claim.id : id));
    return claim;
  });
}

import "server-only";
/**
 * Creates claims anchored to code-point spans of their article's snapshot, with their audit events
 * (one claim, or many of one article in two multi-row INSERTs).
 */
import type { MatchFeatures } from "@/lib/domain/extraction/tasks";
import type { ClaimStatus } from "@/lib/domain/claim-status";
import { normalizeSearchText } from "@/lib/domain/search-text";
import { buildAnchor, buildAnchors, type TextAnchor } from "@/lib/domain/text-span";
import { appendAuditEvent, appendAuditEvents, type AuditInput } from "../audit";
import { matchFeaturesColumn } from "../claim-matching";
import type { Tx } from "../db";
import type { Actor } from "../permissions";
import { insertClaims, type NewClaimRow } from "../row-inserts";

/** What createAnchoredClaim(s) need of one claim. */
export interface AnchoredClaimInput {
  articleId: string;
  text: string;
  start: number;
  end: number;
  score: number;
  kind?: string;
  reasons?: string[];
  origin: "EXTRACTED" | "MANUAL";
  status: ClaimStatus;
  /** Who the article attributes the claim to, as the extractor suggests it. */
  claimant?: { name: string; kind: string } | null;
  /** Matching features computed in the extraction pool; the caller writes the key rows (writeMatchIndex). */
  matchFeatures?: MatchFeatures;
}

/** The Claim row of `input`, with `anchor` (quote, prefix and suffix of its span in the article). */
function anchoredClaimData(anchor: TextAnchor, input: AnchoredClaimInput) {
  return {
    articleId: input.articleId,
    text: input.text,
    start: input.start,
    end: input.end,
    quote: anchor.quote,
    prefix: anchor.prefix,
    suffix: anchor.suffix,
    checkworthiness: input.score,
    kind: input.kind ?? "OTHER",
    reasons: JSON.stringify(input.reasons ?? []),
    searchText: normalizeSearchText(input.text),
    origin: input.origin,
    status: input.status,
    ...(input.claimant ? { claimant: input.claimant.name, claimantKind: input.claimant.kind, claimantSearch: normalizeSearchText(input.claimant.name) } : {}),
    ...(input.matchFeatures ? matchFeaturesColumn(input.matchFeatures) : {}),
  };
}

/** anchoredClaimData with every column insertClaims writes (defaults filled in as the schema has them). */
function anchoredClaimRow(anchor: TextAnchor, input: AnchoredClaimInput): NewClaimRow {
  const data = anchoredClaimData(anchor, input);
  return {
    ...data,
    claimant: data.claimant ?? null,
    claimantKind: data.claimantKind ?? null,
    claimantSearch: data.claimantSearch ?? "",
    matchFeatures: data.matchFeatures ?? null,
    matchIndexed: data.matchIndexed ?? false,
  };
}

type CreatedClaimFields = { id: string; version: number; text: string; start: number; end: number; checkworthiness: number; kind: string; origin: string; claimant: string | null; claimantKind: string | null };

/** The `claim.create` audit event of a claim just written. */
function claimCreatedEvent(actor: Actor, claim: CreatedClaimFields): AuditInput {
  return {
    actorId: actor.id,
    action: "claim.create",
    entityType: "Claim",
    entityId: claim.id,
    entityVersion: claim.version,
    claimId: claim.id,
    after: { text: claim.text, start: claim.start, end: claim.end, score: claim.checkworthiness, kind: claim.kind, origin: claim.origin, ...(claim.claimant ? { claimant: claim.claimant, claimantKind: claim.claimantKind } : {}) },
  };
}

/**
 * Creates a claim anchored to a code-point span of its article's snapshot (quote plus context, so the
 * span can be re-found) and records it, inside the caller's transaction.
 */
export async function createAnchoredClaim(tx: Tx, actor: Actor, articleText: string, input: AnchoredClaimInput) {
  const claim = await tx.claim.create({ data: anchoredClaimData(buildAnchor(articleText, input.start, input.end), input) });
  await appendAuditEvent(tx, claimCreatedEvent(actor, claim));
  return claim;
}

/**
 * Creates many claims of one article at once: one multi-row INSERT for the claims (RETURNING their
 * ids) and one for their `claim.create` audit events, instead of two statements per claim, so the
 * write transaction (SQLite's single writer, and on SQLite the event loop, since every statement is
 * synchronous) is held for a few statements whatever the number of claims. Returns the created
 * claims in the order of `inputs`. Spans must be distinct within the article (an import's are).
 */
export async function createAnchoredClaims(tx: Tx, actor: Actor, articleText: string, inputs: readonly AnchoredClaimInput[]): Promise<CreatedClaimFields[]> {
  if (inputs.length === 0) return [];
  // One pass over the article for all the anchors (a 2 MB article: a few ms, not one pass per claim).
  const anchors = buildAnchors(articleText, inputs);
  // Hand-written INSERT (lib/server/row-inserts.ts): the rows are known here, nothing is read back.
  const rows = inputs.map((input, i) => anchoredClaimRow(anchors[i]!, input));
  const ids = await insertClaims(tx, rows);
  const created = rows.map((row, i) => ({
    id: ids[i]!,
    articleId: row.articleId,
    version: 1,
    text: row.text,
    start: row.start,
    end: row.end,
    checkworthiness: row.checkworthiness,
    kind: row.kind,
    origin: row.origin,
    claimant: row.claimant,
    claimantKind: row.claimantKind,
  }));
  await appendAuditEvents(tx, created.map((claim) => claimCreatedEvent(actor, claim)));
  return created;
}

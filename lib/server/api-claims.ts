import "server-only";
import { encodeClaimCursor } from "@/lib/domain/claim-cursor";
import { claimEtag } from "@/lib/domain/etag";
import { findRating } from "@/lib/domain/verdict-scale";
import type { ApiClaim, ApiClaimListQuery, ApiClaimPage, ApiClaimSummary, ApiEvidence } from "@/lib/validation/api";
import { claimListWhere, getClaimDetail } from "./claims";
import { getDb } from "./db";
import type { Actor } from "./permissions";

/**
 * Claims as the REST API shows them. Rights come from the same places as the pages: the list uses the
 * claims page's filter (claimListWhere: visibility + filters), a single claim is read through
 * getClaimDetail, so a claim the actor may not see is not found (404) here either.
 */

const iso = (date: Date) => date.toISOString();
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null);

const summarySelect = {
  id: true,
  text: true,
  status: true,
  priority: true,
  kind: true,
  checkworthiness: true,
  dueAt: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  article: { select: { id: true, title: true, outlet: true } },
  assignee: { select: { id: true, name: true } },
} as const;

/**
 * One page of the claim list in keyset order (createdAt, id): a page holds up to `limit` claims after
 * the cursor; `nextCursor` is null on the last page. Each claim present when paging starts comes
 * exactly once, whatever is inserted in between.
 */
export async function listClaimsPage(actor: Actor, query: ApiClaimListQuery): Promise<ApiClaimPage> {
  const { cursor, limit, ...filter } = query;
  const db = await getDb();
  const after = cursor
    ? { OR: [{ createdAt: { gt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { gt: cursor.id } }] }
    : {};
  const rows = await db.claim.findMany({
    where: { AND: [claimListWhere(actor, filter), after] },
    select: summarySelect,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map(toApiClaimSummary),
    nextCursor: rows.length > limit && last ? encodeClaimCursor({ createdAt: last.createdAt, id: last.id }) : null,
  };
}

type SummaryRow = {
  id: string;
  text: string;
  status: string;
  priority: string;
  kind: string;
  checkworthiness: number;
  dueAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  article: { id: string; title: string; outlet: string };
  assignee: { id: string; name: string } | null;
};

function toApiClaimSummary(row: SummaryRow): ApiClaimSummary {
  return {
    id: row.id,
    text: row.text,
    status: row.status,
    priority: row.priority,
    kind: row.kind,
    checkworthiness: row.checkworthiness,
    dueAt: isoOrNull(row.dueAt),
    version: row.version,
    etag: claimEtag(row.version),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    article: { id: row.article.id, title: row.article.title, outlet: row.article.outlet },
    assignee: row.assignee ? { id: row.assignee.id, name: row.assignee.name } : null,
  };
}

type EvidenceRow = Awaited<ReturnType<typeof getClaimDetail>>["claim"]["evidence"][number];

export function toApiEvidence(row: Omit<EvidenceRow, "addedBy"> & { addedBy: { id: string; name: string } }): ApiEvidence {
  return {
    id: row.id,
    url: row.url,
    title: row.title,
    publisher: row.publisher,
    quote: row.quote,
    stance: row.stance as ApiEvidence["stance"],
    addedBy: { id: row.addedBy.id, name: row.addedBy.name },
    createdAt: iso(row.createdAt),
    version: row.version,
  };
}

function parseReasons(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((r): r is string => typeof r === "string") : [];
  } catch {
    return [];
  }
}

/** One claim with its evidence and verdicts; 404 when the actor may not see it. */
export async function getApiClaim(actor: Actor, claimId: string): Promise<ApiClaim> {
  const { claim, scale } = await getClaimDetail(actor, claimId);
  const { article } = claim;
  return {
    ...toApiClaimSummary(claim),
    article: {
      id: article.id,
      title: article.title,
      outlet: article.outlet,
      author: article.author,
      url: article.url,
      publishedAt: isoOrNull(article.publishedAt),
    },
    start: claim.start,
    end: claim.end,
    quote: claim.quote,
    prefix: claim.prefix,
    suffix: claim.suffix,
    reasons: parseReasons(claim.reasons),
    origin: claim.origin,
    clusterId: claim.clusterId,
    evidence: claim.evidence.map(toApiEvidence),
    verdicts: claim.verdicts.map((v) => ({
      id: v.id,
      rating: v.rating,
      label: findRating(scale, v.rating)?.label ?? null,
      rationale: v.rationale,
      state: v.state as ApiClaim["verdicts"][number]["state"],
      proposedBy: { id: v.proposedBy.id, name: v.proposedBy.name },
      approvedBy: v.approvedBy ? { id: v.approvedBy.id, name: v.approvedBy.name } : null,
      approvedAt: isoOrNull(v.approvedAt),
      returnReason: v.returnReason,
      createdAt: iso(v.createdAt),
    })),
  };
}

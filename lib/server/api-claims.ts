import "server-only";
import { encodeClaimCursor, type ClaimCursor } from "@/lib/domain/claim-cursor";
import { claimEtag } from "@/lib/domain/etag";
import { ARCHIVE_STATUSES } from "@/lib/domain/evidence-file";
import { findRating } from "@/lib/domain/verdict-scale";
import type { ApiClaim, ApiClaimListQuery, ApiClaimPage, ApiClaimSummary, ApiEvidence } from "@/lib/validation/api";
import { notFound } from "@/lib/domain/errors";
import { BLIND_STATUSES } from "@/lib/domain/double-review";
import { Prisma } from "@/lib/generated/sqlite/client";
import { findClaimSearchMatches, orderByRank, type ClaimSearchMatches } from "./claim-search";
import { readClaimListRows } from "./claim-list-rows";
import type { getClaimDetail } from "./claim-detail/get-claim-detail";
import { CLAIM_LIST_KEY, claimListWhere } from "./claim/claim-list-where";
import { getDb } from "./db";
import { readRows } from "./direct-read";
import { visibleClaimSql, visibleClaimsWhere, type Actor } from "./permissions";
import { getVerdictScale } from "./settings";
import type { VerdictRating } from "@/lib/domain/verdict-scale";

/**
 * Claims as the REST API shows them. Rights come from the same places as the pages: the list uses the
 * claims page's filter (claimListWhere: visibility + filters), a single claim through the same
 * visibility rules as getClaimDetail, so a claim the actor may not see is not found (404) here either.
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
  claimant: true,
  claimantKind: true,
} as const;

/**
 * One page of the claim list in keyset order (createdAt, id): a page holds up to `limit` claims after
 * the cursor; `nextCursor` is null on the last page. Each claim present when paging starts comes
 * exactly once, whatever is inserted in between. With a text search `q` that has words, the matches
 * come best first instead (listRankedClaimsPage).
 */
export async function listClaimsPage(actor: Actor, query: ApiClaimListQuery): Promise<ApiClaimPage> {
  const { cursor, limit, ...filter } = query;
  const db = await getDb();
  const search = await findClaimSearchMatches(db, actor, filter.q);
  if (search) return listRankedClaimsPage(actor, filter, search, cursor, limit);
  const after = cursor
    ? { OR: [{ createdAt: { gt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { gt: cursor.id } }] }
    : {};
  const rows = await db.claim.findMany({
    where: { AND: [claimListWhere(actor, filter, new Date(), null), after] },
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

/**
 * A text search's page: the matches that pass the filter, best ranked first (lib/server/claim-search.ts:
 * the desk's SEARCH_MATCH_LIMIT newest matches at most; `searchCapped` when more matched), `limit`
 * after the cursor's claim. The cursor has the same form
 * as the unranked list's; a page continues after its claim's place in the ranking (when that claim no
 * longer matches, the list ends there). Three statements whatever the desk: the search, the matches'
 * keys, the page's rows (readClaimListRows).
 */
async function listRankedClaimsPage(actor: Actor, filter: Omit<ApiClaimListQuery, "cursor" | "limit">, search: ClaimSearchMatches, cursor: ClaimCursor | undefined, limit: number): Promise<ApiClaimPage> {
  const db = await getDb();
  const matching = orderByRank(await db.claim.findMany({ where: claimListWhere(actor, filter, new Date(), search), select: CLAIM_LIST_KEY }), search);
  const start = cursor ? matching.findIndex((r) => r.id === cursor.id) + 1 : 0;
  const rows = start === 0 && cursor ? [] : await readClaimListRows(actor, matching.slice(start, start + limit));
  const last = rows.at(-1);
  return {
    data: rows.map(toApiClaimSummary),
    nextCursor: last && start + limit < matching.length ? encodeClaimCursor({ createdAt: last.createdAt, id: last.id }) : null,
    searchCapped: search.capped,
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
  claimant: string | null;
  claimantKind: string | null;
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
    claimant: row.claimant,
    // The kind goes with a claimant only; an unknown stored value reads as an organization, as in reports.
    claimantKind: row.claimant ? (row.claimantKind === "PERSON" ? "PERSON" : "ORGANIZATION") : null,
  };
}

type EvidenceRow = Awaited<ReturnType<typeof getClaimDetail>>["claim"]["evidence"][number];

/** The evidence columns the API shows. */
type ApiEvidenceColumns = Pick<
  EvidenceRow,
  "id" | "url" | "title" | "publisher" | "quote" | "stance" | "createdAt" | "version" | "archiveStatus" | "archiveError" | "fetchedAt" | "snapshotSha256" | "recheckedAt" | "fileSha256" | "fileSize" | "fileType" | "fileName"
>;

export function toApiEvidence(row: ApiEvidenceColumns & { addedBy: { id: string; name: string } }): ApiEvidence {
  return {
    id: row.id,
    // "" is how a file-only piece of evidence (no web address) is stored: null in the API.
    url: row.url || null,
    title: row.title,
    publisher: row.publisher,
    quote: row.quote,
    stance: row.stance as ApiEvidence["stance"],
    addedBy: { id: row.addedBy.id, name: row.addedBy.name },
    createdAt: iso(row.createdAt),
    version: row.version,
    archive: {
      status: (ARCHIVE_STATUSES as readonly string[]).includes(row.archiveStatus ?? "") ? (row.archiveStatus as ApiEvidence["archive"]["status"]) : "PENDING",
      error: row.archiveError,
      archivedAt: isoOrNull(row.fetchedAt),
      sha256: row.snapshotSha256,
      recheckedAt: isoOrNull(row.recheckedAt),
    },
    file:
      row.fileSha256 && row.fileSize !== null && row.fileType
        ? { sha256: row.fileSha256, size: row.fileSize, type: row.fileType, name: row.fileName ?? "" }
        : null,
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

/**
 * A claim's status, version and ETag only (one statement); 404 when the actor may not see it. For
 * responses to writes, which need the new ETag but not the whole claim.
 */
export async function getApiClaimTag(actor: Actor, claimId: string): Promise<{ id: string; status: string; version: number; etag: string }> {
  const db = await getDb();
  const claim = await db.claim.findFirst({ where: { AND: [{ id: claimId }, visibleClaimsWhere(actor)] }, select: { id: true, status: true, version: true } });
  if (!claim) throw notFound();
  return { ...claim, etag: claimEtag(claim.version) };
}

interface ApiClaimSqlRow {
  id: string;
  text: string;
  status: string;
  priority: string;
  kind: string;
  checkworthiness: number;
  dueAt: Date | null;
  version: number | bigint;
  createdAt: Date;
  updatedAt: Date;
  assigneeId: string | null;
  claimant: string | null;
  claimantKind: string | null;
  start: number | bigint;
  end: number | bigint;
  quote: string;
  prefix: string;
  suffix: string;
  reasons: string;
  origin: string;
  clusterId: string | null;
  articleId: string;
  articleTitle: string;
  articleOutlet: string;
  articleAuthor: string | null;
  articleUrl: string | null;
  articlePublishedAt: Date | null;
  blind: boolean | number | bigint;
}

/**
 * The claim's columns the API shows and its article's metadata (never its text), if the actor may
 * see the claim: one hand-written statement (the same SQL on SQLite and PostgreSQL), where Prisma
 * sent two (the claim, then its article) and read every column.
 */
async function readApiClaimRow(actor: Actor, claimId: string) {
  const [row] = await readRows<ApiClaimSqlRow>(Prisma.sql`SELECT c."id", c."text", c."status", c."priority", c."kind", c."checkworthiness", c."dueAt", c."version", c."createdAt", c."updatedAt",
    c."assigneeId", c."claimant", c."claimantKind", c."start", c."end", c."quote", c."prefix", c."suffix", c."reasons", c."origin", c."clusterId",
    a."id" AS "articleId", a."title" AS "articleTitle", a."outlet" AS "articleOutlet", a."author" AS "articleAuthor", a."url" AS "articleUrl", a."publishedAt" AS "articlePublishedAt",
    CASE WHEN c."status" IN (${Prisma.join([...BLIND_STATUSES])}) AND EXISTS (SELECT 1 FROM "ClaimReviewer" r WHERE r."claimId" = c."id" AND r."userId" = ${actor.id}) THEN 1 ELSE 0 END AS "blind"
    FROM "Claim" c JOIN "Article" a ON a."id" = c."articleId" WHERE c."id" = ${claimId}${visibleClaimSql(actor, "c")}`);
  if (!row) return null;
  const { articleId, articleTitle, articleOutlet, articleAuthor, articleUrl, articlePublishedAt, blind, ...claim } = row;
  return {
    ...claim,
    // blindClaimsWhere for this claim (permissions.ts: double-reviewed with the actor as a reviewer,
    // still in review): only the actor's own evidence and verdicts are shown then.
    blind: Number(blind) === 1,
    version: Number(claim.version),
    start: Number(claim.start),
    end: Number(claim.end),
    checkworthiness: Number(claim.checkworthiness),
    article: { id: articleId, title: articleTitle, outlet: articleOutlet, author: articleAuthor, url: articleUrl, publishedAt: articlePublishedAt },
  };
}

interface ApiEvidenceSqlRow {
  id: string;
  url: string;
  title: string;
  publisher: string;
  quote: string;
  stance: string;
  addedById: string;
  createdAt: Date;
  version: number | bigint;
  archiveStatus: string | null;
  archiveError: string | null;
  fetchedAt: Date | null;
  snapshotSha256: string | null;
  recheckedAt: Date | null;
  fileSha256: string | null;
  fileSize: number | bigint | null;
  fileType: string | null;
  fileName: string | null;
}

/**
 * A claim's evidence (not removed) as the API shows it, oldest first: one hand-written statement (the
 * same SQL on SQLite and PostgreSQL) with only the columns shown — never the archived text or the
 * recheck diff. `onlyBy` = the actor on a claim blind for them (visibleEvidenceWhere: their own only).
 */
async function readApiEvidence(claimId: string, onlyBy: string | null) {
  const rows = await readRows<ApiEvidenceSqlRow>(Prisma.sql`SELECT "id", "url", "title", "publisher", "quote", "stance", "addedById", "createdAt", "version",
    "archiveStatus", "archiveError", "fetchedAt", "snapshotSha256", "recheckedAt", "fileSha256", "fileSize", "fileType", "fileName"
    FROM "Evidence" WHERE "claimId" = ${claimId} AND "deletedAt" IS NULL${onlyBy ? Prisma.sql` AND "addedById" = ${onlyBy}` : Prisma.empty} ORDER BY "createdAt" ASC, "id" ASC`);
  return rows.map((e) => ({ ...e, version: Number(e.version), fileSize: e.fileSize === null ? null : Number(e.fileSize) }));
}

interface ApiVerdictSqlRow {
  id: string;
  rating: string;
  rationale: string;
  state: string;
  proposedById: string;
  approvedById: string | null;
  approvedAt: Date | null;
  returnReason: string | null;
  createdAt: Date;
}

/**
 * A claim's verdicts as the API shows them, newest first: one hand-written statement (the same SQL on
 * both databases). `onlyBy` = the actor on a claim blind for them (visibleVerdictsWhere).
 */
async function readApiVerdicts(claimId: string, onlyBy: string | null) {
  return readRows<ApiVerdictSqlRow>(Prisma.sql`SELECT "id", "rating", "rationale", "state", "proposedById", "approvedById", "approvedAt", "returnReason", "createdAt"
    FROM "Verdict" WHERE "claimId" = ${claimId}${onlyBy ? Prisma.sql` AND "proposedById" = ${onlyBy}` : Prisma.empty} ORDER BY "createdAt" DESC, "id" DESC`);
}

/**
 * One claim with its evidence and verdicts; 404 when the actor may not see it. Reads what it shows
 * — the claim with its article's metadata (not its text) and whether it is blind for the actor,
 * evidence and verdicts the actor may see (the rule of visibleEvidenceWhere / visibleVerdictsWhere:
 * on a blind claim their own only), the scale (unless `known` gives it) and the people named other
 * than the actor (one IN, none when only the actor is named) — five statements at most, whatever the
 * claim holds, all hand-written and, but for the scale, run on the driver's read connection
 * (lib/server/direct-read.ts readRows: no Prisma query compiler). They see what is committed, so never
 * call this inside a transaction: a write's answer is read after its commit.
 */
export async function getApiClaim(actor: Actor, claimId: string, known: { scale?: readonly VerdictRating[] } = {}): Promise<ApiClaim> {
  const row = await readApiClaimRow(actor, claimId);
  if (!row) throw notFound();
  const [evidence, verdicts, scale] = await Promise.all([readApiEvidence(row.id, row.blind ? actor.id : null), readApiVerdicts(row.id, row.blind ? actor.id : null), known.scale ?? getDb().then(getVerdictScale)]);
  const ids = [row.assigneeId, ...evidence.map((e) => e.addedById), ...verdicts.flatMap((v) => [v.proposedById, v.approvedById])].filter((id): id is string => Boolean(id));
  // The actor's own name is known: people are read only when someone else is named.
  const others = [...new Set(ids)].filter((id) => id !== actor.id);
  const users = new Map((others.length ? await readRows<{ id: string; name: string }>(Prisma.sql`SELECT "id", "name" FROM "User" WHERE "id" IN (${Prisma.join(others)})`) : []).map((u) => [u.id, u]));
  users.set(actor.id, { id: actor.id, name: actor.name });
  const person = (id: string) => users.get(id) ?? { id, name: "(unknown user)" };
  const claim = {
    ...row,
    assignee: row.assigneeId ? person(row.assigneeId) : null,
    evidence: evidence.map((e) => ({ ...e, addedBy: person(e.addedById) })),
    verdicts: verdicts.map((v) => ({ ...v, proposedBy: person(v.proposedById), approvedBy: v.approvedById ? person(v.approvedById) : null })),
  };
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

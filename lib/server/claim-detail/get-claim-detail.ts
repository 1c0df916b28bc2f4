import "server-only";
import { isBlindFor } from "@/lib/domain/double-review";
import { notFound } from "@/lib/domain/errors";
import { Prisma } from "@/lib/generated/sqlite/client";
import type { AuditEvent, Comment, Evidence, Verdict } from "@/lib/generated/sqlite/client";
import { withTokenOrigins } from "../audit-token-origins";
import { audienceOf } from "../comments";
import { getDb, type Db } from "../db";
import { readRows } from "../direct-read";
import { isEditor, visibleClaimSql, visibleCommentsWhere, visibleHistoryWhere, visibleVerdictsWhere, type Actor } from "../permissions";
import { parseVerdictScale } from "../settings";

/** Most desk users read at once for names (evidence, verdicts, comments, history) and @mentions. */
const MAX_DESK_USERS = 1000;

type DeskUser = { id: string; name: string; email: string; role: string; active: boolean };

type ClaimRow = Prisma.ClaimGetPayload<object>;

interface ClaimPageRow extends ClaimRow {
  articleTitle: string;
  articleOutlet: string;
  articleAuthor: string | null;
  articleUrl: string | null;
  articlePublishedAt: Date | string | number | null;
  articleText: string;
  reviewer1: string | null;
  reviewer2: string | null;
  scaleValue: string | null;
}

/** A DateTime column read by `readRows` (as by `$queryRaw`): a Date on both databases; text or ms tolerated. */
function asDate(value: Date | string | number | null): Date | null {
  if (value === null || value instanceof Date) return value;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

const CLAIM_COLUMNS = Prisma.raw(Object.values(Prisma.ClaimScalarFieldEnum).map((f) => `c."${f}"`).join(", "));

/**
 * One statement, the same SQL on both dialects: the claim if the actor may see it
 * (permissions.ts visibleClaimSql, the rule of visibleClaimsWhere), with its article (what the page
 * shows of it), its double reviewers (slots 1 and 2) and the desk's stored verdict scale. Null when
 * there is no such claim or the actor may not see it.
 */
async function readClaimForPage(actor: Actor, claimId: string) {
  const [found] = await readRows<ClaimPageRow>(Prisma.sql`
    SELECT ${CLAIM_COLUMNS},
      a."title" AS "articleTitle", a."outlet" AS "articleOutlet", a."author" AS "articleAuthor", a."url" AS "articleUrl",
      a."publishedAt" AS "articlePublishedAt", a."text" AS "articleText",
      (SELECT r."userId" FROM "ClaimReviewer" r WHERE r."claimId" = c."id" AND r."slot" = 1) AS "reviewer1",
      (SELECT r."userId" FROM "ClaimReviewer" r WHERE r."claimId" = c."id" AND r."slot" = 2) AS "reviewer2",
      (SELECT s."value" FROM "Setting" s WHERE s."key" = 'verdictScale') AS "scaleValue"
    FROM "Claim" c JOIN "Article" a ON a."id" = c."articleId"
    WHERE c."id" = ${claimId}${visibleClaimSql(actor, "c")}`);
  if (!found) return null;
  const { articleTitle, articleOutlet, articleAuthor, articleUrl, articlePublishedAt, articleText, reviewer1, reviewer2, scaleValue, ...claim } = found;
  const reviewers = [...(reviewer1 ? [{ slot: 1, userId: reviewer1 }] : []), ...(reviewer2 ? [{ slot: 2, userId: reviewer2 }] : [])];
  const article = { id: claim.articleId, title: articleTitle, outlet: articleOutlet, author: articleAuthor, url: articleUrl, publishedAt: asDate(articlePublishedAt), text: articleText };
  return { claim: claim as ClaimRow, article, reviewers, scale: parseVerdictScale(scaleValue) };
}

/** Every column of a model, quoted, for a hand-written SELECT that returns what Prisma's would. */
const columns = (fields: Record<string, string>, alias: string) => Prisma.raw(Object.values(fields).map((f) => `${alias}."${f}"`).join(", "));
const EVIDENCE_COLUMNS = columns(Prisma.EvidenceScalarFieldEnum, "e");
const VERDICT_COLUMNS = columns(Prisma.VerdictScalarFieldEnum, "v");
const COMMENT_COLUMNS = columns(Prisma.CommentScalarFieldEnum, "m");
const AUDIT_COLUMNS = columns(Prisma.AuditEventScalarFieldEnum, "h");

/**
 * A claim's evidence (not removed), verdicts (newest first), comments and history, and the desk's
 * users, in hand-written statements (the same SQL on SQLite and PostgreSQL; Prisma's per-query cost
 * was most of the page's database time), run on the driver (direct-read.ts) like the claim's read. Only for a claim the actor was found to see and that is
 * NOT blind for them: then everything of the claim is visible (permissions.ts: the evidence,
 * verdict, comment and history rules narrow only blind claims), so each read needs only the claim id.
 */
function readOpenClaimRows(claimId: string) {
  return Promise.all([
    readRows<Evidence>(Prisma.sql`SELECT ${EVIDENCE_COLUMNS} FROM "Evidence" e WHERE e."claimId" = ${claimId} AND e."deletedAt" IS NULL ORDER BY e."createdAt" ASC`),
    readRows<Verdict>(Prisma.sql`SELECT ${VERDICT_COLUMNS} FROM "Verdict" v WHERE v."claimId" = ${claimId} ORDER BY v."createdAt" DESC`),
    readRows<Comment>(Prisma.sql`SELECT ${COMMENT_COLUMNS} FROM "Comment" m WHERE m."claimId" = ${claimId} ORDER BY m."createdAt" ASC, m."id" ASC`),
    readRows<AuditEvent>(Prisma.sql`SELECT ${AUDIT_COLUMNS} FROM "AuditEvent" h WHERE h."claimId" = ${claimId} ORDER BY h."id" ASC`),
    readDeskUsers(),
  ]);
}

function readDeskUsers(): Promise<DeskUser[]> {
  return readRows<DeskUser>(Prisma.sql`SELECT u."id", u."name", u."email", u."role", u."active" FROM "User" u ORDER BY u."name" ASC, u."id" ASC LIMIT ${Prisma.raw(String(MAX_DESK_USERS))}`);
}

/**
 * A claim with its article, evidence, verdicts, comments and history; 404 (AppError NOT_FOUND) when
 * the actor may not see it. On a blind double review, a reviewer gets only their own evidence and
 * verdicts, and neither the other reviewer's comments nor their steps in the history, until both
 * have proposed.
 * A constant number of statements whatever the claim holds (issue 13: ≤ 8): the claim, checked
 * against the actor's visibility, with its article, double reviewers and the verdict scale in one
 * hand-written statement (readClaimForPage); then at once its evidence, verdicts, comments, history and the desk's
 * users (one query gives every name on the page and the @mention candidates; hand-written too unless
 * the claim is blind for the actor, see readOpenClaimRows) — 6 in all, double review or not.
 * On a claim blind for the actor, the evidence read is the actor's own (removed
 * ones too, which their history entries need) and the history waits for the visible rows' ids —
 * still 6. Plus one for the API tokens named in the history, when any step came through one.
 * `mentionCandidates`: who the actor may @mention here (lib/server/comments.ts's audience rule);
 * `assignable`: for editors, the active users to assign (as listAssignableUsers), else empty.
 */
export async function getClaimDetail(actor: Actor, claimId: string) {
  const db = await getDb();
  const found = await readClaimForPage(actor, claimId);
  if (!found) throw notFound();
  const { article, reviewers, scale } = found;
  const row = { ...found.claim, reviewers };
  const blind = isBlindFor(actor.id, row);
  const blindHistory = (visibleEntityIds: readonly string[]) =>
    db.auditEvent.findMany({ where: { AND: [{ claimId: row.id }, visibleHistoryWhere(actor, row, visibleEntityIds)] }, orderBy: { id: "asc" } });
  const [evidenceRead, verdicts, comments, openHistory, deskUsers] = blind
    ? await Promise.all([
        // Blind: only the actor's own evidence is visible (visibleEvidenceWhere), and their removed
        // evidence is read with it for the history.
        db.evidence.findMany({ where: { claimId: row.id, addedById: actor.id }, orderBy: { createdAt: "asc" } }),
        db.verdict.findMany({ where: { AND: [{ claimId: row.id }, visibleVerdictsWhere(actor)] }, orderBy: { createdAt: "desc" } }),
        db.comment.findMany({ where: { AND: [{ claimId: row.id }, visibleCommentsWhere(actor, row)] }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
        null,
        readDeskUsers(),
      ])
    : await readOpenClaimRows(row.id);
  const evidence = blind ? evidenceRead.filter((e) => e.deletedAt === null) : evidenceRead;
  // Blind: history entries about evidence, verdicts and comments show only those the actor can see
  // (their own evidence counts even once removed).
  const history = openHistory ?? (await blindHistory([...evidenceRead, ...verdicts, ...comments].map((r) => r.id)));
  const users = await withMissingUsers(db, deskUsers, [
    row.assigneeId,
    ...row.reviewers.map((r) => r.userId),
    ...evidence.map((e) => e.addedById),
    ...verdicts.flatMap((v) => [v.proposedById, v.approvedById]),
    ...comments.map((c) => c.authorId),
    ...history.map((h) => h.actorId),
  ]);
  const person = (id: string) => {
    const u = users.get(id);
    return { id, name: u?.name ?? "(unknown user)" };
  };
  const claim = {
    ...row,
    article,
    assignee: row.assigneeId ? { ...person(row.assigneeId), email: users.get(row.assigneeId)?.email ?? "" } : null,
    reviewers: row.reviewers.map((r) => ({ ...r, user: person(r.userId) })),
    evidence: evidence.map((e) => ({ ...e, addedBy: person(e.addedById) })),
    verdicts: verdicts.map((v) => ({ ...v, proposedBy: person(v.proposedById), approvedBy: v.approvedById ? person(v.approvedById) : null })),
  };
  // Only people who can read the claim; e-mail addresses for editors only (as listMentionCandidates).
  const showEmail = isEditor(actor);
  const mentionCandidates = audienceOf(actor, row, deskUsers.filter((u) => u.active))
    .filter((u) => u.id !== actor.id)
    .map(({ id, name, email }) => ({ id, name, email: showEmail ? email : "" }));
  // Editors assign from the active users (listAssignableUsers' order: role, then name).
  const assignable = isEditor(actor)
    ? deskUsers.filter((u) => u.active).map(({ id, name, email, role }) => ({ id, name, email, role })).sort((a, b) => (a.role === b.role ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.role < b.role ? 1 : -1))
    : [];
  return {
    claim,
    assignable,
    comments: comments.map((c) => ({ ...c, author: person(c.authorId) })),
    history: await withTokenOrigins(db, history.map((h) => ({ ...h, actor: h.actorId ? person(h.actorId) : null }))),
    scale,
    blind,
    mentionCandidates,
  };
}
export type ClaimDetail = Awaited<ReturnType<typeof getClaimDetail>>;

/** The desk users by id, plus (one query, only on a desk of more than MAX_DESK_USERS) those referenced but not among them. */
async function withMissingUsers(db: Db, deskUsers: DeskUser[], referenced: (string | null)[]): Promise<Map<string, DeskUser>> {
  const users = new Map<string, DeskUser>(deskUsers.map((u) => [u.id, u]));
  const missing = [...new Set(referenced.filter((id): id is string => Boolean(id) && !users.has(id!)))];
  if (missing.length) for (const u of await db.user.findMany({ where: { id: { in: missing } }, select: { id: true, name: true, email: true, role: true, active: true } })) users.set(u.id, u);
  return users;
}

import "server-only";
import { BLIND_STATUSES } from "@/lib/domain/double-review";
import { reportInputFromRow, type ReportClaimInput, type ReportSqlRow } from "@/lib/domain/report";
import { provider, type Db } from "./db";
import type { Actor } from "./permissions";

/**
 * The report rows of a page of claims in ONE query, whatever the page's size: each claim with its
 * article, assignee, current verdict (the latest that is not superseded) with the people's names,
 * its live evidence aggregated as JSON and, for a blind double review past its review stage, both
 * reviewers' latest proposals aggregated as JSON. Written once per dialect; the claim ids come from a
 * Prisma query that applies the scope and the actor's visibility; the evidence and verdict
 * conditions narrow blind claims to the actor's own work (see readReportRows).
 */
const COLUMNS = `
SELECT c.id, c.text, c.status, c.quote, c.prefix, c.suffix, c."updatedAt", c.claimant, c."claimantKind",
       a.id AS "articleId", a.title, a.outlet, a.author, a.url, a."publishedAt",
       u.name AS "assigneeName",
       v.rating, v.rationale, v.state, v."createdAt" AS "proposedAt", v."approvedAt", v."publishedAt" AS "verdictPublishedAt",
       v."ratingLabel", v."ratingColor", v."ratingValue",
       pu.name AS "proposedByName", au.name AS "approvedByName",`;
const FROM = `FROM "Claim" c
JOIN "Article" a ON a.id = c."articleId"
LEFT JOIN "User" u ON u.id = c."assigneeId"`;
const PEOPLE = `
LEFT JOIN "User" pu ON pu.id = v."proposedById"
LEFT JOIN "User" au ON au.id = v."approvedById"`;

interface SqlParts {
  ids: string;
  /** The review-stage statuses as bound parameters: a double review shows both proposals only past them. */
  reviewStage: string;
  /** Extra conditions on the evidence (alias e) and on the verdict (alias v2); empty when none. */
  evidence: string;
  verdict: string;
}

const SQLITE = (parts: SqlParts) => `
${COLUMNS}
       (SELECT json_group_array(json_array(e.url, e.title, e.publisher, e.quote, e.stance, e."fetchedAt", e."snapshotSha256", e."fileName", e."fileSha256"))
          FROM (SELECT * FROM "Evidence" e WHERE e."claimId" = c.id AND e."deletedAt" IS NULL${parts.evidence} ORDER BY e."createdAt", e.id) e) AS evidence,
       (SELECT json_group_array(json_array(p.slot, p.name, p.rating, p.state, p.rationale, p."createdAt", p."ratingLabel"))
          FROM (SELECT r.slot, ru.name, pv.rating, pv.state, pv.rationale, pv."createdAt", pv."ratingLabel"
                  FROM "ClaimReviewer" r JOIN "User" ru ON ru.id = r."userId"
                  JOIN "Verdict" pv ON pv.id = (SELECT v3.id FROM "Verdict" v3 WHERE v3."claimId" = c.id AND v3."proposedById" = r."userId" ORDER BY v3."createdAt" DESC, v3.id DESC LIMIT 1)
                 WHERE r."claimId" = c.id AND c.status NOT IN (${parts.reviewStage}) ORDER BY r.slot) p) AS proposals
${FROM}
LEFT JOIN "Verdict" v ON v.id = (
  SELECT v2.id FROM "Verdict" v2 WHERE v2."claimId" = c.id AND v2.state <> 'SUPERSEDED'${parts.verdict} ORDER BY v2."createdAt" DESC, v2.id DESC LIMIT 1)
${PEOPLE}
WHERE c.id IN (${parts.ids})`;

const POSTGRESQL = (parts: SqlParts) => `
${COLUMNS}
       COALESCE((SELECT json_agg(json_build_array(e.url, e.title, e.publisher, e.quote, e.stance, e."fetchedAt", e."snapshotSha256", e."fileName", e."fileSha256") ORDER BY e."createdAt", e.id)
                   FROM "Evidence" e WHERE e."claimId" = c.id AND e."deletedAt" IS NULL${parts.evidence})::text, '[]') AS evidence,
       COALESCE((SELECT json_agg(json_build_array(r.slot, ru.name, pv.rating, pv.state, pv.rationale, pv."createdAt", pv."ratingLabel") ORDER BY r.slot)
                   FROM "ClaimReviewer" r JOIN "User" ru ON ru.id = r."userId"
                   JOIN LATERAL (SELECT * FROM "Verdict" v3 WHERE v3."claimId" = c.id AND v3."proposedById" = r."userId" ORDER BY v3."createdAt" DESC, v3.id DESC LIMIT 1) pv ON true
                  WHERE r."claimId" = c.id AND c.status NOT IN (${parts.reviewStage}))::text, '[]') AS proposals
${FROM}
LEFT JOIN LATERAL (
  SELECT * FROM "Verdict" v2 WHERE v2."claimId" = c.id AND v2.state <> 'SUPERSEDED'${parts.verdict} ORDER BY v2."createdAt" DESC, v2.id DESC LIMIT 1) v ON true
${PEOPLE}
WHERE c.id IN (${parts.ids})`;

/**
 * SQL with bound parameters, numbered in the order they are written ($1… for PostgreSQL, ? for SQLite):
 * every fragment must be bound in the order it appears in the statement.
 */
export function sqlParameters() {
  const values: unknown[] = [];
  const bind = (value: unknown) => {
    values.push(value);
    return provider === "postgresql" ? `$${values.length}` : "?";
  };
  return { values, bind };
}

/**
 * permissions.ts blindClaimsWhere as SQL on the claim aliased `alias`: true when that claim is blind
 * for `actorId` (a double review they take part in, still in the review stage). Binds its values in
 * the order written (the statuses, then the actor).
 */
export function blindClaimSql(bind: (value: unknown) => string, actorId: string, alias: string): string {
  return `(${alias}.status IN (${BLIND_STATUSES.map(bind).join(", ")}) AND EXISTS (SELECT 1 FROM "ClaimReviewer" r WHERE r."claimId" = ${alias}.id AND r."userId" = ${bind(actorId)}))`;
}

/**
 * The claims' report rows mapped one by one (`map`, e.g. to report entries), in the order given.
 * On the claims that are blind for the actor (a blind double review they take part in, still in
 * review) a row carries only the actor's own evidence and verdict, as on every other read. The rule is
 * permissions.ts blindClaimsWhere, written here as SQL on the row's claim (`blindSql`) so that a batch
 * is one query; double-review.test.ts checks every report format against it. Each raw row is dropped
 * as soon as it is mapped, so a batch holds one representation at a time.
 */
export async function readReportRows<T>(
  db: Db,
  actor: Actor,
  claims: readonly { id: string }[],
  map: (input: ReportClaimInput) => T,
): Promise<T[]> {
  if (claims.length === 0) return [];
  const ids = claims.map((c) => c.id);
  const { values, bind } = sqlParameters();
  // Always applied, on the claim's status as this query reads it: a claim that entered review since
  // its batch was listed is still covered. On a claim in a final state it costs one comparison.
  const blindSql = () => blindClaimSql(bind, actor.id, "c");
  const ownOnly = (column: string) => ` AND (${column} = ${bind(actor.id)} OR NOT ${blindSql()})`;
  // Bound in statement order: the evidence subquery, the proposals subquery, the verdict subquery, then the ids.
  const evidence = ownOnly('e."addedById"');
  // A double review's two proposals, only once the claim has left the review stage (both have
  // proposed): before that, the blind rule above is the only view anyone gets of the verdicts.
  const reviewStage = BLIND_STATUSES.map(bind).join(", ");
  const verdict = ownOnly('v2."proposedById"');
  const parts: SqlParts = { evidence, reviewStage, verdict, ids: ids.map(bind).join(", ") };
  const sql = provider === "postgresql" ? POSTGRESQL(parts) : SQLITE(parts);
  const rows: (ReportSqlRow | undefined)[] = await db.$queryRawUnsafe<ReportSqlRow[]>(sql, ...values);
  const position = new Map(ids.map((id, i) => [id, i]));
  const out: (T | undefined)[] = new Array(ids.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    rows[i] = undefined;
    const at = position.get(row.id);
    if (at !== undefined) out[at] = map(reportInputFromRow(row));
  }
  return out.filter((x): x is T => x !== undefined);
}

import "server-only";
import { reportInputFromRow, type ReportClaimInput, type ReportSqlRow } from "@/lib/domain/report";
import { provider, type Db } from "./db";

/**
 * The report rows of a page of claims in ONE query, whatever the page's size: each claim with its
 * article, assignee, current verdict (the latest that is not superseded) with the people's names,
 * and its live evidence aggregated as JSON. Written once per dialect; the claim ids come from a
 * Prisma query that applies the scope and the actor's visibility.
 */
const COLUMNS = `
SELECT c.id, c.text, c.status, c.quote, c.prefix, c.suffix, c."updatedAt",
       a.id AS "articleId", a.title, a.outlet, a.author, a.url, a."publishedAt",
       u.name AS "assigneeName",
       v.rating, v.rationale, v.state, v."createdAt" AS "proposedAt", v."approvedAt", v."publishedAt" AS "verdictPublishedAt",
       pu.name AS "proposedByName", au.name AS "approvedByName",`;
const FROM = `FROM "Claim" c
JOIN "Article" a ON a.id = c."articleId"
LEFT JOIN "User" u ON u.id = c."assigneeId"`;
const PEOPLE = `
LEFT JOIN "User" pu ON pu.id = v."proposedById"
LEFT JOIN "User" au ON au.id = v."approvedById"`;

const SQLITE = (placeholders: string) => `
${COLUMNS}
       (SELECT json_group_array(json_array(e.url, e.title, e.publisher, e.quote, e.stance))
          FROM (SELECT * FROM "Evidence" e WHERE e."claimId" = c.id AND e."deletedAt" IS NULL ORDER BY e."createdAt", e.id) e) AS evidence
${FROM}
LEFT JOIN "Verdict" v ON v.id = (
  SELECT v2.id FROM "Verdict" v2 WHERE v2."claimId" = c.id AND v2.state <> 'SUPERSEDED' ORDER BY v2."createdAt" DESC, v2.id DESC LIMIT 1)
${PEOPLE}
WHERE c.id IN (${placeholders})`;

const POSTGRESQL = (placeholders: string) => `
${COLUMNS}
       COALESCE((SELECT json_agg(json_build_array(e.url, e.title, e.publisher, e.quote, e.stance) ORDER BY e."createdAt", e.id)
                   FROM "Evidence" e WHERE e."claimId" = c.id AND e."deletedAt" IS NULL)::text, '[]') AS evidence
${FROM}
LEFT JOIN LATERAL (
  SELECT * FROM "Verdict" v2 WHERE v2."claimId" = c.id AND v2.state <> 'SUPERSEDED' ORDER BY v2."createdAt" DESC, v2.id DESC LIMIT 1) v ON true
${PEOPLE}
WHERE c.id IN (${placeholders})`;

/**
 * The claims' report rows mapped one by one (`map`, e.g. to report entries), in the order of `ids`.
 * Each raw row is dropped as soon as it is mapped, so a batch holds one representation at a time
 * (less garbage survives into the old generation: flatter memory). Ids are bound parameters.
 */
export async function readReportRows<T>(db: Db, ids: readonly string[], map: (input: ReportClaimInput) => T): Promise<T[]> {
  if (ids.length === 0) return [];
  const placeholders = ids.map((_, i) => (provider === "postgresql" ? `$${i + 1}` : "?")).join(", ");
  const sql = provider === "postgresql" ? POSTGRESQL(placeholders) : SQLITE(placeholders);
  const rows: (ReportSqlRow | undefined)[] = await db.$queryRawUnsafe<ReportSqlRow[]>(sql, ...ids);
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

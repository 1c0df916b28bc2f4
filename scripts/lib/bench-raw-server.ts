/**
 * The raw baseline of bench:pages (issue 13): a bare node:http server that answers the benchmarked
 * requests with hand-written SQL (better-sqlite3 for SQLite, `pg` for PostgreSQL) and renders
 * comparable HTML / JSON — what the app's pages and REST writes cost without a framework, an ORM or
 * checks beyond the ones written here. Run as its own process by bench-pages.ts:
 *
 *   RAW_DATABASE_URL=file:… RAW_PORT=4211 tsx scripts/lib/bench-raw-server.ts
 *
 * Requests name their user in `x-bench-user` (the desk's user id; reads apply the app's visibility
 * rule for reviewers) or carry the REST token in Authorization (looked up by its sha-256, as the app
 * does). Routes: GET /claims/:id, GET /claims?status&assigneeId&q (HTML); GET /api/claims?q (JSON);
 * POST /api/claims/:id/evidence, POST /api/claims/:id/verdict (If-Match "vN"), POST /api/articles.
 * Listens on 127.0.0.1 only; answers /health when ready.
 */
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import Database from "better-sqlite3";
import pg from "pg";
import { claimExcerpt } from "../../lib/domain/claim-excerpt";
import { extractArticleTask } from "../../lib/domain/extraction/tasks";
import { normalizeSearchText, searchTerms } from "../../lib/domain/search-text";

const url = process.env.RAW_DATABASE_URL ?? "";
const port = Number(process.env.RAW_PORT ?? 0);
const isPg = /^postgres(ql)?:\/\//.test(url);

type Row = Record<string, unknown>;
interface Conn {
  all(sql: string, params?: unknown[]): Promise<Row[]>;
  run(sql: string, params?: unknown[]): Promise<void>;
}
interface RawDb extends Conn {
  tx<T>(work: (c: Conn) => Promise<T>): Promise<T>;
  fts: boolean;
}

const LISTED = `('NEW','ASSIGNED','IN_REVIEW','PROPOSED','APPROVED','PUBLISHED','RETURNED','REOPENED','CORRECTED','NEEDS_SECOND_REVIEW')`;

/** `?` placeholders → `$1…` for pg (the SQL below has no `?` inside literals). */
const toPg = (sql: string) => {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
};

async function openDb(): Promise<RawDb> {
  if (isPg) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    const conn = (c: pg.Pool | pg.PoolClient): Conn => ({
      all: async (sql, params = []) => (await c.query(toPg(sql), params)).rows as Row[],
      run: async (sql, params = []) => void (await c.query(toPg(sql), params)),
    });
    const fts = (await pool.query(`SELECT 1 FROM information_schema.columns WHERE table_name = 'Claim' AND column_name = 'searchVector'`)).rowCount! > 0;
    return {
      ...conn(pool),
      fts,
      async tx(work) {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          const result = await work(conn(client));
          await client.query("COMMIT");
          return result;
        } catch (error) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      },
    };
  }
  const db = new Database(url.replace(/^file:/, "").replace(/\?.*$/, ""));
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("synchronous = NORMAL");
  const cache = new Map<string, Database.Statement>();
  const prep = (sql: string) => {
    let st = cache.get(sql);
    if (!st) cache.set(sql, (st = db.prepare(sql)));
    return st;
  };
  const fix = (params: unknown[]) => params.map((v) => (typeof v === "boolean" ? (v ? 1 : 0) : v));
  const conn: Conn = {
    all: async (sql, params = []) => prep(sql).all(...fix(params)) as Row[],
    run: async (sql, params = []) => void prep(sql).run(...fix(params)),
  };
  const fts = Boolean(db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'ClaimSearch'`).get());
  return {
    ...conn,
    fts,
    async tx(work) {
      // better-sqlite3 is synchronous: the work's awaits resolve at once, nothing interleaves.
      db.exec("BEGIN IMMEDIATE");
      try {
        const result = await work(conn);
        db.exec("COMMIT");
        return result;
      } catch (error) {
        db.exec("ROLLBACK");
        throw error;
      }
    },
  };
}

const esc = (v: unknown) =>
  String(v ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const now = () => (isPg ? new Date() : new Date().toISOString().replace("Z", "+00:00"));
const cuid = () => `c${randomBytes(12).toString("hex")}`;
const page = (title: string, body: string) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} · ClaimLedger</title></head><body><header><nav><a href="/claims">Claims</a> <a href="/articles">Articles</a></nav></header><main>${body}</main></body></html>`;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function userOf(db: Conn, req: http.IncomingMessage): Promise<{ id: string; role: string; name: string }> {
  const auth = req.headers.authorization;
  if (auth?.startsWith("Bearer ")) {
    const rows = await db.all(
      `SELECT u.id, u.role, u.name, u.active, t."revokedAt", t."expiresAt" FROM "ApiToken" t JOIN "User" u ON u.id = t."userId" WHERE t."tokenHash" = ?`,
      [createHash("sha256").update(auth.slice(7), "utf8").digest("hex")],
    );
    const u = rows[0];
    if (!u || !u.active || u.revokedAt) throw new HttpError(401, "Invalid token.");
    return { id: String(u.id), role: String(u.role), name: String(u.name) };
  }
  const rows = await db.all(`SELECT id, role, name, active, "sessionVersion" FROM "User" WHERE id = ?`, [String(req.headers["x-bench-user"] ?? "")]);
  const u = rows[0];
  if (!u || !u.active) throw new HttpError(401, "Please sign in.");
  return { id: String(u.id), role: String(u.role), name: String(u.name) };
}

const isEditor = (u: { role: string }) => u.role === "EDITOR" || u.role === "ADMIN";
/** The app's visibility rule (lib/server/permissions.ts visibleClaimsWhere) as SQL on alias c. */
const visible = (u: { id: string; role: string }): [string, unknown[]] =>
  isEditor(u) ? ["", []] : [` AND (c."assigneeId" = ? OR EXISTS (SELECT 1 FROM "ClaimReviewer" r WHERE r."claimId" = c.id AND r."userId" = ?))`, [u.id, u.id]];

async function claimPage(db: RawDb, req: http.IncomingMessage, claimId: string): Promise<string> {
  const user = await userOf(db, req);
  const [vis, visParams] = visible(user);
  const [claim] = await db.all(
    `SELECT c.*, a.title AS "articleTitle", a.outlet, a.url AS "articleUrl", a.text AS "articleText", a."publishedAt" AS "articlePublishedAt", u.name AS "assigneeName"
     FROM "Claim" c JOIN "Article" a ON a.id = c."articleId" LEFT JOIN "User" u ON u.id = c."assigneeId" WHERE c.id = ?${vis}`,
    [claimId, ...visParams],
  );
  if (!claim) throw new HttpError(404, "No such claim.");
  const [evidence, verdicts, comments, history, users] = await Promise.all([
    db.all(`SELECT e.id, e.url, e.title, e.publisher, e.quote, e.stance, e."createdAt", u.name FROM "Evidence" e JOIN "User" u ON u.id = e."addedById" WHERE e."claimId" = ? AND e."deletedAt" IS NULL ORDER BY e."createdAt"`, [claimId]),
    db.all(`SELECT v.id, v.rating, v.rationale, v.state, v."createdAt", p.name AS proposer, ap.name AS approver FROM "Verdict" v JOIN "User" p ON p.id = v."proposedById" LEFT JOIN "User" ap ON ap.id = v."approvedById" WHERE v."claimId" = ? ORDER BY v."createdAt" DESC`, [claimId]),
    db.all(`SELECT m.body, m."createdAt", u.name FROM "Comment" m JOIN "User" u ON u.id = m."authorId" WHERE m."claimId" = ? ORDER BY m."createdAt", m.id`, [claimId]),
    db.all(`SELECT e.id, e.at, e.action, e."entityType", e.after, u.name FROM "AuditEvent" e LEFT JOIN "User" u ON u.id = e."actorId" WHERE e."claimId" = ? ORDER BY e.id`, [claimId]),
    db.all(`SELECT id, name, role FROM "User" WHERE active = ? ORDER BY name, id LIMIT 500`, [true]),
  ]);
  // The page shows the claim's paragraph and its neighbours (lib/domain/claim-excerpt.ts), as the app does.
  const excerpt = claimExcerpt(String(claim.articleText), { start: Number(claim.start), end: Number(claim.end) });
  const body = [
    `<h1>${esc(claim.text)}</h1>`,
    `<p>Status ${esc(claim.status)} · priority ${esc(claim.priority)} · assignee ${esc(claim.assigneeName ?? "nobody")} · version ${esc(claim.version)}</p>`,
    `<section><h2>${esc(claim.articleTitle)}</h2><p>${esc(claim.outlet)}</p><div class="article">${excerpt.clippedStart ? "… " : ""}${esc(excerpt.before)}<mark>${esc(excerpt.quote)}</mark>${esc(excerpt.after)}${excerpt.clippedEnd ? " …" : ""}</div><p><a href="/articles/${esc(claim.articleId)}#claim-${esc(claim.id)}">Read the whole article</a></p></section>`,
    `<section><h2>Evidence</h2><ul>${evidence.map((e) => `<li><a href="${esc(e.url)}">${esc(e.title)}</a> — ${esc(e.publisher)} (${esc(e.stance)}) <blockquote>${esc(e.quote)}</blockquote> added by ${esc(e.name)}</li>`).join("")}</ul></section>`,
    `<section><h2>Verdicts</h2><ul>${verdicts.map((v) => `<li>${esc(v.rating)} (${esc(v.state)}) by ${esc(v.proposer)}${v.approver ? `, approved by ${esc(v.approver)}` : ""}<div>${esc(v.rationale)}</div></li>`).join("")}</ul></section>`,
    `<form method="post"><select name="assigneeId">${users.map((u) => `<option value="${esc(u.id)}">${esc(u.name)}</option>`).join("")}</select></form>`,
    `<section><h2>Comments</h2><ul>${comments.map((m) => `<li>${esc(m.name)}: ${esc(m.body)}</li>`).join("")}</ul></section>`,
    `<section><h2>History</h2><ol>${history.map((h) => `<li>${esc(h.at)} ${esc(h.name)} ${esc(h.action)} ${esc(h.entityType)} <code>${esc(h.after)}</code></li>`).join("")}</ol></section>`,
  ].join("");
  return page(String(claim.text), body);
}

/** The search condition on alias c: the full-text index when the database has one, else the LIKE on searchText. */
function searchCondition(db: RawDb, q: string | null): [string, unknown[]] {
  const terms = searchTerms(q ?? "");
  if (terms.length === 0) return ["", []];
  if (db.fts && isPg) {
    const words = terms.flatMap((t) => t.split(/[^\p{L}\p{N}]+/u)).filter(Boolean);
    return [` AND c."searchVector" @@ to_tsquery('simple', ?)`, [words.join(" & ")]];
  }
  if (db.fts) {
    const words = terms.flatMap((t) => t.split(/[^\p{L}\p{N}]+/u)).filter(Boolean);
    return [
      // The app's bounded read (lib/server/claim-search.ts): the desk's 1,001 newest matches, by rowid.
      ` AND c.id IN (SELECT k."claimId" FROM (SELECT rowid AS at FROM "ClaimSearch" WHERE "ClaimSearch" MATCH ? ORDER BY rowid DESC LIMIT 1001) m JOIN "ClaimSearchKey" k ON k.id = m.at)`,
      [words.map((w) => `"${w}"`).join(" ")],
    ];
  }
  return [terms.map(() => ` AND c."searchText" LIKE ?`).join(""), terms.map((t) => `%${normalizeSearchText(t)}%`)];
}

async function listRows(db: RawDb, user: { id: string; role: string }, params: URLSearchParams, limit: number) {
  const [vis, visParams] = visible(user);
  let where = `c.status IN ${LISTED}${vis}`;
  const args: unknown[] = [...visParams];
  const status = params.get("status");
  if (status) {
    where += ` AND c.status = ?`;
    args.push(status);
  }
  const assignee = params.get("assigneeId");
  if (assignee) {
    where += ` AND c."assigneeId" = ?`;
    args.push(assignee);
  }
  const [search, searchArgs] = searchCondition(db, params.get("q"));
  where += search;
  args.push(...searchArgs);
  const rowsSql = `SELECT c.id, c.text, c.status, c.priority, c."dueAt", c.version, c.claimant, c."updatedAt", a.id AS "articleId", a.title, a.outlet, u.id AS "assigneeId", u.name AS "assigneeName", v.rating, v.state
    FROM "Claim" c JOIN "Article" a ON a.id = c."articleId" LEFT JOIN "User" u ON u.id = c."assigneeId"
    LEFT JOIN "Verdict" v ON v.id = (SELECT v2.id FROM "Verdict" v2 WHERE v2."claimId" = c.id AND v2.state IN ('PROPOSED','APPROVED','PUBLISHED') ORDER BY v2."createdAt" DESC LIMIT 1)
    WHERE ${where} ORDER BY c."updatedAt" DESC, c.id DESC LIMIT ${limit + 1}`;
  const countSql = `SELECT count(*) AS n FROM (SELECT 1 FROM "Claim" c WHERE ${where} LIMIT 1001) x`;
  const [rows, [count]] = await Promise.all([db.all(rowsSql, args), db.all(countSql, args)]);
  return { rows: rows.slice(0, limit), more: rows.length > limit, total: Number(count!.n) };
}

async function listPage(db: RawDb, req: http.IncomingMessage, params: URLSearchParams): Promise<string> {
  const user = await userOf(db, req);
  const [{ rows, total }, users] = await Promise.all([listRows(db, user, params, 200), db.all(`SELECT id, name FROM "User" WHERE active = ? ORDER BY name, id LIMIT 500`, [true])]);
  const body = [
    `<h1>Claims</h1><form><input name="q" value="${esc(params.get("q"))}"><select name="assigneeId">${users.map((u) => `<option value="${esc(u.id)}">${esc(u.name)}</option>`).join("")}</select></form>`,
    `<p>${total > 1000 ? "1,000+" : total} claims</p><table><tbody>`,
    rows.map((r) => `<tr><td><a href="/claims/${esc(r.id)}">${esc(r.text)}</a></td><td>${esc(r.status)}</td><td>${esc(r.priority)}</td><td>${esc(r.title)} (${esc(r.outlet)})</td><td>${esc(r.assigneeName ?? "—")}</td><td>${esc(r.rating ?? "")} ${esc(r.state ?? "")}</td></tr>`).join(""),
    `</tbody></table>`,
  ].join("");
  return page("Claims", body);
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : new Date(String(v)).toISOString());

async function searchJson(db: RawDb, req: http.IncomingMessage, params: URLSearchParams) {
  const user = await userOf(db, req);
  const { rows, more } = await listRows(db, user, params, Math.min(Number(params.get("limit") ?? 50) || 50, 200));
  return {
    data: rows.map((r) => ({ id: r.id, text: r.text, status: r.status, priority: r.priority, dueAt: iso(r.dueAt), version: r.version, etag: `"v${r.version}"`, updatedAt: iso(r.updatedAt), article: { id: r.articleId, title: r.title, outlet: r.outlet }, assignee: r.assigneeId ? { id: r.assigneeId, name: r.assigneeName } : null })),
    nextCursor: more ? String(rows.at(-1)?.id) : null,
  };
}

async function appendAudit(c: Conn, e: { actorId: string; action: string; entityType: string; entityId: string; entityVersion: number | null; claimId: string | null; after: unknown }) {
  const [last] = await c.all(`SELECT hash FROM "AuditEvent" ORDER BY id DESC LIMIT 1`);
  const prevHash = String(last?.hash ?? "0".repeat(64));
  const after = JSON.stringify(e.after);
  const hash = createHash("sha256").update(`${prevHash}|${e.action}|${e.entityId}|${after}`).digest("hex");
  await c.run(`INSERT INTO "AuditEvent" (at, "actorId", action, "entityType", "entityId", "entityVersion", "claimId", after, "prevHash", hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [now(), e.actorId, e.action, e.entityType, e.entityId, e.entityVersion, e.claimId, after, prevHash, hash]);
}

async function readBody(req: http.IncomingMessage, max: number): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new HttpError(413, "Too large.");
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, string>;
}

async function addEvidence(db: RawDb, req: http.IncomingMessage, claimId: string) {
  const body = await readBody(req, 64 * 1024);
  const user = await userOf(db, req);
  return db.tx(async (c) => {
    const [claim] = await c.all(`SELECT id, status, "assigneeId", version FROM "Claim" WHERE id = ?`, [claimId]);
    if (!claim || claim.assigneeId !== user.id) throw new HttpError(404, "No such claim.");
    if (!["ASSIGNED", "IN_REVIEW", "RETURNED", "REOPENED"].includes(String(claim.status))) throw new HttpError(409, "Not editable.");
    let version = Number(claim.version);
    if (claim.status !== "IN_REVIEW") {
      await c.run(`UPDATE "Claim" SET status = 'IN_REVIEW', version = version + 1, "updatedAt" = ? WHERE id = ? AND version = ?`, [now(), claimId, version]);
      version += 1;
      await appendAudit(c, { actorId: user.id, action: "claim.start", entityType: "Claim", entityId: claimId, entityVersion: version, claimId, after: { status: "IN_REVIEW" } });
    }
    const id = cuid();
    const at = now();
    await c.run(`INSERT INTO "Evidence" (id, "claimId", url, title, publisher, quote, stance, "sourceType", "addedById", version, "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, 'OTHER', ?, 1, ?, ?)`, [id, claimId, body.url, body.title, body.publisher, body.quote, body.stance, user.id, at, at]);
    await appendAudit(c, { actorId: user.id, action: "evidence.add", entityType: "Evidence", entityId: id, entityVersion: 1, claimId, after: { url: body.url, title: body.title, publisher: body.publisher, quote: body.quote, stance: body.stance } });
    return { data: { id, url: body.url, title: body.title, publisher: body.publisher, quote: body.quote, stance: body.stance, addedBy: { id: user.id, name: user.name } }, claim: { id: claimId, status: "IN_REVIEW", version, etag: `"v${version}"` } };
  });
}

async function proposeVerdict(db: RawDb, req: http.IncomingMessage, claimId: string) {
  const expected = Number(/^"?v(\d+)"?$/.exec(String(req.headers["if-match"] ?? ""))?.[1] ?? Number.NaN);
  const body = await readBody(req, 64 * 1024);
  const user = await userOf(db, req);
  await db.tx(async (c) => {
    const [claim] = await c.all(`SELECT id, status, "assigneeId", version FROM "Claim" WHERE id = ?`, [claimId]);
    if (!claim || claim.assigneeId !== user.id) throw new HttpError(404, "No such claim.");
    if (Number(claim.version) !== expected) throw new HttpError(412, "Changed.");
    const [{ n }] = (await c.all(`SELECT count(*) AS n FROM "Evidence" WHERE "claimId" = ? AND "deletedAt" IS NULL`, [claimId])) as [{ n: number }];
    if (Number(n) === 0) throw new HttpError(400, "Add evidence first.");
    const id = cuid();
    const at = now();
    await c.run(`INSERT INTO "Verdict" (id, "claimId", rating, rationale, "proposedById", state, version, "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, 'PROPOSED', 1, ?, ?)`, [id, claimId, body.rating, body.rationale, user.id, at, at]);
    await appendAudit(c, { actorId: user.id, action: "verdict.propose", entityType: "Verdict", entityId: id, entityVersion: 1, claimId, after: { rating: body.rating, rationale: body.rationale } });
    await c.run(`UPDATE "Claim" SET status = 'PROPOSED', version = version + 1, "updatedAt" = ? WHERE id = ? AND version = ?`, [at, claimId, expected]);
    await appendAudit(c, { actorId: user.id, action: "claim.propose", entityType: "Claim", entityId: claimId, entityVersion: expected + 1, claimId, after: { status: "PROPOSED", verdictId: id } });
  });
  // The response: the claim as GET /claims/{id} gives it (no article text, comments or history).
  const [[claim], evidence, verdicts] = await Promise.all([
    db.all(`SELECT c.id, c.text, c.status, c.priority, c.version, c."updatedAt", a.id AS "articleId", a.title, a.outlet, u.name AS "assigneeName" FROM "Claim" c JOIN "Article" a ON a.id = c."articleId" LEFT JOIN "User" u ON u.id = c."assigneeId" WHERE c.id = ?`, [claimId]),
    db.all(`SELECT e.id, e.url, e.title, e.publisher, e.quote, e.stance, u.name FROM "Evidence" e JOIN "User" u ON u.id = e."addedById" WHERE e."claimId" = ? AND e."deletedAt" IS NULL ORDER BY e."createdAt"`, [claimId]),
    db.all(`SELECT v.id, v.rating, v.state, v."createdAt", p.name AS proposer FROM "Verdict" v JOIN "User" p ON p.id = v."proposedById" WHERE v."claimId" = ? ORDER BY v."createdAt" DESC`, [claimId]),
  ]);
  return { data: { ...claim, updatedAt: iso(claim!.updatedAt), etag: `"v${claim!.version}"`, evidence, verdicts: verdicts.map((v) => ({ ...v, createdAt: iso(v.createdAt) })) } };
}

/** Import: the app's extraction (run here on the request thread), the match-candidate query, and the writes in one transaction. */
async function importArticle(db: RawDb, req: http.IncomingMessage) {
  const body = await readBody(req, 8 * 1024 * 1024);
  const user = await userOf(db, req);
  if (!isEditor(user)) throw new HttpError(403, "Editors import.");
  const text = String(body.text).replace(/\r\n?/g, "\n");
  const contentHash = createHash("sha256").update(text).digest("hex");
  const [existing] = await db.all(`SELECT id FROM "Article" WHERE "contentHash" = ?`, [contentHash]);
  if (existing) return { data: { id: existing.id, created: false } };
  const suggestions = extractArticleTask({ text, limit: 40 });
  if ("refused" in suggestions) throw new HttpError(400, suggestions.refused);
  const keys = [...new Set(suggestions.flatMap((s) => s.matchKeys))];
  if (keys.length > 0) {
    await db.all(`SELECT "claimId", count(*) AS n FROM "ClaimMatchKey" WHERE key IN (${keys.map(() => "?").join(", ")}) GROUP BY "claimId" ORDER BY n DESC, "claimId" LIMIT 500`, keys);
  }
  const articleId = cuid();
  await db.tx(async (c) => {
    const at = now();
    await c.run(`INSERT INTO "Article" (id, title, outlet, author, url, "publishedAt", text, "contentHash", "importedById", "importedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [articleId, body.title, body.outlet, body.author ?? null, body.url ?? null, null, text, contentHash, user.id, at]);
    await appendAudit(c, { actorId: user.id, action: "article.import", entityType: "Article", entityId: articleId, entityVersion: null, claimId: null, after: { title: body.title, contentHash, claims: suggestions.length } });
    for (const s of suggestions) {
      const id = cuid();
      const claimText = s.text.includes("\n") ? s.text.replace(/\s*\n\s*/g, " ") : s.text;
      await c.run(
        `INSERT INTO "Claim" (id, "articleId", text, start, "end", quote, prefix, suffix, checkworthiness, kind, reasons, status, priority, version, "createdAt", "updatedAt", origin, "searchText", claimant, "claimantKind", "claimantSearch", "matchFeatures", "matchIndexed")
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'SUGGESTED', 'NORMAL', 1, ?, ?, 'EXTRACTED', ?, ?, ?, ?, ?, ?)`,
        [id, articleId, claimText, s.start, s.end, text.slice(s.start, s.end), text.slice(Math.max(0, s.start - 32), s.start), text.slice(s.end, s.end + 32), s.score, s.kind, JSON.stringify(s.reasons), at, at, normalizeSearchText(claimText), s.claimant?.name ?? null, s.claimant?.kind ?? null, s.claimant ? normalizeSearchText(s.claimant.name) : "", JSON.stringify(s.signature), true],
      );
      for (const key of new Set(s.matchKeys)) await c.run(`INSERT INTO "ClaimMatchKey" (key, "claimId", "articleId") VALUES (?, ?, ?)`, [key, id, articleId]);
      await appendAudit(c, { actorId: user.id, action: "claim.create", entityType: "Claim", entityId: id, entityVersion: 1, claimId: id, after: { text: claimText, status: "SUGGESTED" } });
    }
  });
  return { data: { id: articleId, created: true } };
}

async function main() {
  const db = await openDb();
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? "/", "http://127.0.0.1");
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { "Content-Type": type, "Cache-Control": "private, no-store" });
      res.end(body);
    };
    (async () => {
      const parts = u.pathname.split("/").filter(Boolean);
      if (u.pathname === "/health") return send(200, "text/plain", "ok");
      if (req.method === "GET" && parts[0] === "claims" && parts.length === 2) return send(200, "text/html; charset=utf-8", await claimPage(db, req, parts[1]!));
      if (req.method === "GET" && u.pathname === "/claims") return send(200, "text/html; charset=utf-8", await listPage(db, req, u.searchParams));
      if (req.method === "GET" && u.pathname === "/api/claims") return send(200, "application/json", JSON.stringify(await searchJson(db, req, u.searchParams)));
      if (req.method === "POST" && parts[0] === "api" && parts[1] === "claims" && parts[3] === "evidence") return send(201, "application/json", JSON.stringify(await addEvidence(db, req, parts[2]!)));
      if (req.method === "POST" && parts[0] === "api" && parts[1] === "claims" && parts[3] === "verdict") return send(200, "application/json", JSON.stringify(await proposeVerdict(db, req, parts[2]!)));
      if (req.method === "POST" && u.pathname === "/api/articles") return send(201, "application/json", JSON.stringify(await importArticle(db, req)));
      send(404, "text/plain", "not found");
    })().catch((error: unknown) => {
      if (error instanceof HttpError) send(error.status, "application/json", JSON.stringify({ error: error.message }));
      else {
        console.error(error);
        send(500, "text/plain", String(error));
      }
    });
  });
  server.keepAliveTimeout = 30_000;
  server.listen(port, "127.0.0.1");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

/**
 * Generated desks for bench:pages (issue 13), shaped like the issue's desk of 100,000 claims: 200
 * articles (one per 500 claims), 14 users (1 admin, 3 editors, 10 reviewers), ~1.14 evidence rows and
 * ~4.3 audit events per claim, scaled down proportionally for smaller desks. Claims carry what the app
 * writes at creation: the search column, matching features and their index keys
 * (ClaimMatchKey); full-text search rows come from the database's own triggers / generated column.
 *
 * SQLite desks are cached as prisma/data/bench-pages/desk-<n>.db with a version stamp (Setting
 * "benchPages"); PostgreSQL desks are (re)created in a database the bench creates and drops. Rows go
 * in bulk: prepared statements in large transactions (better-sqlite3) or multi-row INSERTs (pg).
 * Generation is bounded: at most MAX_DESK_CLAIMS claims, progress printed every 20,000.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { hash } from "@node-rs/argon2";
import Database from "better-sqlite3";
import pg from "pg";
import { matchFeaturesOf } from "../../lib/domain/extraction/tasks";
import { searchFoldKey } from "../../lib/domain/search-fold";
import { normalizeSearchText } from "../../lib/domain/search-text";
import { MAX_DESK_CLAIMS } from "./bench-stats";

/** Bump when the desk's shape changes: cached SQLite desks with another stamp are regenerated. */
export const DESK_VERSION = "1";
export const DESK_PASSWORD = "bench-pages-password-2026";
export const CLAIMS_PER_ARTICLE = 500;
/** Distinct claim sentences (and feature computations) at most; larger desks repeat them, as desks repeat claims. */
const DISTINCT_TEXTS = 20_000;

export type Role = "ADMIN" | "EDITOR" | "REVIEWER";
export interface DeskUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** The desk's 14 users: u00 admin, u01–u03 editors, u04–u13 reviewers. */
export const DESK_USERS: readonly DeskUser[] = Array.from({ length: 14 }, (_, i) => {
  const role: Role = i === 0 ? "ADMIN" : i <= 3 ? "EDITOR" : "REVIEWER";
  const id = `u${String(i).padStart(2, "0")}`;
  return { id, email: `${role.toLowerCase()}${i}@bench.claimledger.test`, name: `${role[0]}${role.slice(1).toLowerCase()} ${i}`, role };
});
export const REVIEWERS = DESK_USERS.filter((u) => u.role === "REVIEWER");

/** The workflow status of claim k (by k mod 10): 10 % new, 10 % assigned, 30 % in review, 10 % proposed, 10 % approved, 30 % published. */
export function statusOf(k: number): string {
  return ["NEW", "ASSIGNED", "IN_REVIEW", "IN_REVIEW", "IN_REVIEW", "PROPOSED", "APPROVED", "PUBLISHED", "PUBLISHED", "PUBLISHED"][k % 10]!;
}
/** The reviewer claim k is assigned to (none when NEW). */
export function assigneeOf(k: number): string | null {
  return statusOf(k) === "NEW" ? null : REVIEWERS[Math.floor(k / 10) % REVIEWERS.length]!.id;
}
export const claimIdOf = (k: number) => `cp${k.toString(36).padStart(9, "0")}`;
export const articleIdOf = (a: number) => `ap${a.toString(36).padStart(8, "0")}`;
/** The version every generated claim has (an API client sends it as If-Match "v3"). */
export const CLAIM_VERSION = 3;

const SUBJECTS = ["The minister", "The governor", "A spokesperson", "The senator", "The mayor", "The central bank", "The opposition leader", "The health agency", "The union", "The company"];
const METRICS = ["unemployment", "inflation", "the deficit", "crime", "emissions", "wages", "rents", "exports", "school funding", "hospital waiting times", "energy prices", "migration", "tax revenue", "the debt", "child poverty"];
const VERBS = ["fell to", "rose to", "doubled to", "reached", "dropped below", "climbed above", "stayed at", "tripled to"];
const PLACES = ["the capital", "the north", "rural areas", "the region", "the country", "coastal towns", "the eastern provinces", "the city", "the south", "border areas", "the suburbs", "mining towns"];
const CLAIMANTS = ["Maria Lopez", "John Carter", "Ministry of Finance", "Anna Schmidt", "Statistics Office", "Paul Martin"];

/** Claim sentence i of the pool: varied words and figures, so search and matching see a realistic spread. */
export function claimSentence(i: number): string {
  const s = SUBJECTS[i % SUBJECTS.length]!;
  const m = METRICS[Math.floor(i / 10) % METRICS.length]!;
  const v = VERBS[Math.floor(i / 150) % VERBS.length]!;
  const p = PLACES[Math.floor(i / 1200) % PLACES.length]!;
  return `${s} said ${m} ${v} ${(i % 97) + 1}.${i % 10} percent in ${p} in ${2000 + (i % 25)}, case ${i}.`;
}

export interface DeskShape {
  claims: number;
  articles: number;
  evidence: number;
  auditEvents: number;
  verdicts: number;
  matchKeys: number;
}

/** Where generated rows go: one call per table and batch (rows in `columns` order). */
export interface DeskSink {
  insert(table: string, columns: readonly string[], rows: unknown[][]): Promise<void>;
}

/**
 * A DeskSink writing into an open better-sqlite3 database for bulk generation: WAL, no fsync
 * (`synchronous = OFF`: a scratch desk, never a real one), one prepared INSERT per table and column
 * list, each batch in one transaction; booleans are stored as 0/1 like Prisma does.
 */
export function sqliteDeskSink(db: Database.Database): DeskSink {
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const statements = new Map<string, Database.Statement>();
  return {
    async insert(table, columns, rows) {
      if (rows.length === 0) return;
      const key = `${table}:${columns.join(",")}`;
      let statement = statements.get(key);
      if (!statement) {
        statement = db.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
        statements.set(key, statement);
      }
      const st = statement;
      db.transaction(() => {
        for (const row of rows) st.run(row.map((v) => (typeof v === "boolean" ? (v ? 1 : 0) : v)));
      })();
    },
  };
}

const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

/**
 * Writes a desk of `n` claims (0 = users only) into `sink`. Deterministic: the same n gives the same
 * rows. Returns the row counts. Prints progress every 20,000 claims.
 */
export async function generateDesk(sink: DeskSink, n: number, log: (line: string) => void = console.log): Promise<DeskShape> {
  if (!Number.isInteger(n) || n < 0 || n > MAX_DESK_CLAIMS) throw new Error(`a desk has 0 … ${MAX_DESK_CLAIMS} claims, not ${n}`);
  const t0 = Date.parse("2026-01-01T00:00:00Z");
  const passwordHash = await hash(DESK_PASSWORD, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  await sink.insert(
    "User",
    ["id", "email", "name", "role", "passwordHash", "active", "sessionVersion", "createdAt", "updatedAt"],
    DESK_USERS.map((u) => [u.id, u.email, u.name, u.role, passwordHash, true, 1, iso(t0), iso(t0)]),
  );
  // The claims' search words are written with this fold: the server has none to fold again (lib/server/search-refold.ts).
  await sink.insert("Setting", ["key", "value", "version", "updatedAt"], [["searchFold", JSON.stringify(searchFoldKey()), 1, iso(t0)]]);
  const shape: DeskShape = { claims: n, articles: 0, evidence: 0, auditEvents: 0, verdicts: 0, matchKeys: 0 };
  if (n === 0) return shape;

  const distinct = Math.min(n, DISTINCT_TEXTS);
  const featureStarted = performance.now();
  const features = Array.from({ length: distinct }, (_, i) => matchFeaturesOf(claimSentence(i)));
  log(`  matching features of ${distinct.toLocaleString("en-US")} distinct claim sentences in ${((performance.now() - featureStarted) / 1000).toFixed(1)} s`);

  const articles = Math.max(1, Math.ceil(n / CLAIMS_PER_ARTICLE));
  shape.articles = articles;
  const editor = (k: number) => DESK_USERS[1 + (k % 3)]!.id;
  const ratings = ["TRUE", "MOSTLY_TRUE", "HALF_TRUE", "MISLEADING", "MOSTLY_FALSE", "FALSE"];
  const stances = ["SUPPORTS", "REFUTES", "CONTEXT"];
  let chainHash = "0".repeat(64);
  const audit = (row: { at: number; actorId: string; action: string; entityType: string; entityId: string; entityVersion: number | null; claimId: string | null; after: unknown }) => {
    const after = JSON.stringify(row.after);
    const prevHash = chainHash;
    chainHash = createHash("sha256").update(`${prevHash}|${row.action}|${row.entityId}|${after}`).digest("hex");
    shape.auditEvents += 1;
    return [iso(row.at), row.actorId, row.action, row.entityType, row.entityId, row.entityVersion, row.claimId, null, after, prevHash, chainHash];
  };
  const AUDIT_COLUMNS = ["at", "actorId", "action", "entityType", "entityId", "entityVersion", "claimId", "before", "after", "prevHash", "hash"];

  for (let a = 0; a < articles; a++) {
    const from = a * CLAIMS_PER_ARTICLE;
    const to = Math.min(n, from + CLAIMS_PER_ARTICLE);
    const articleId = articleIdOf(a);
    const at = t0 + a * 3_600_000;
    // The article's text is its claims' sentences, each followed by a sentence of context.
    const sentences: { k: number; text: string; start: number; end: number }[] = [];
    let text = `Bench article ${a}: what officials said about the economy.\n\n`;
    for (let k = from; k < to; k++) {
      const sentence = claimSentence(k % distinct);
      sentences.push({ k, text: sentence, start: text.length, end: text.length + sentence.length });
      text += `${sentence} Officials declined to comment further on the figures. `;
    }
    await sink.insert(
      "Article",
      ["id", "title", "outlet", "author", "url", "publishedAt", "text", "contentHash", "importedById", "importedAt"],
      [[articleId, `Bench article ${a}: the economy, in numbers`, ["The Daily Example", "Example Wire", "Le Monde d'exemple"][a % 3], a % 2 ? `Writer ${a % 50}` : null, `https://news.example/bench/${a}`, iso(at), text, createHash("sha256").update(`bench-pages:${DESK_VERSION}:${n}:${a}`).digest("hex"), editor(a), iso(at)]],
    );
    const claimRows: unknown[][] = [];
    const keyRows: unknown[][] = [];
    const evidenceRows: unknown[][] = [];
    const verdictRows: unknown[][] = [];
    const auditRows: unknown[][] = [audit({ at, actorId: editor(a), action: "article.import", entityType: "Article", entityId: articleId, entityVersion: null, claimId: null, after: { title: `Bench article ${a}`, claims: to - from } })];
    for (const s of sentences) {
      const k = s.k;
      const id = claimIdOf(k);
      const status = statusOf(k);
      const assignee = assigneeOf(k);
      const claimAt = at + (k - from) * 1000;
      const claimant = k % 3 === 0 ? CLAIMANTS[k % CLAIMANTS.length]! : null;
      const f = features[k % distinct]!;
      claimRows.push([
        id, articleId, s.text, s.start, s.end, s.text, text.slice(Math.max(0, s.start - 32), s.start), text.slice(s.end, s.end + 32),
        0.4 + (k % 60) / 100, "STATISTIC", "[]", status, assignee, k % 17 === 0 ? "HIGH" : "NORMAL", k % 5 === 0 ? iso(t0 + 90 * 86_400_000 + (k % 60) * 86_400_000) : null,
        CLAIM_VERSION, iso(claimAt), iso(claimAt + 60_000 + k), "EXTRACTED", normalizeSearchText(s.text), claimant, claimant ? "PERSON" : null, claimant ? normalizeSearchText(claimant) : "",
        JSON.stringify(f.signature), true,
      ]);
      for (const key of new Set(f.matchKeys)) keyRows.push([key, id, articleId]);
      auditRows.push(audit({ at: claimAt, actorId: editor(k), action: "claim.create", entityType: "Claim", entityId: id, entityVersion: 1, claimId: id, after: { text: s.text, status: "NEW" } }));
      if (!assignee) continue;
      auditRows.push(audit({ at: claimAt + 1000, actorId: editor(k), action: "claim.assign", entityType: "Claim", entityId: id, entityVersion: 2, claimId: id, after: { assigneeId: assignee, status: "ASSIGNED" } }));
      const evidenceCount = 1 + (k % 100 < 27 ? 1 : 0);
      for (let j = 0; j < evidenceCount; j++) {
        const eid = `e${j}${id}`;
        const row = { url: `https://source.example/${k}/${j}`, title: `Source ${j} on claim ${k}`, publisher: ["Statistics Office", "Example Wire", "Ministry"][j % 3]!, quote: `A quoted passage ${j} from the source of claim ${k}.`, stance: stances[(k + j) % 3]! };
        evidenceRows.push([eid, id, row.url, row.title, row.publisher, row.quote, row.stance, "OTHER", assignee, 1, iso(claimAt + 2000 + j), iso(claimAt + 2000 + j)]);
        auditRows.push(audit({ at: claimAt + 2000 + j, actorId: assignee, action: "evidence.add", entityType: "Evidence", entityId: eid, entityVersion: 1, claimId: id, after: row }));
      }
      if (["PROPOSED", "APPROVED", "PUBLISHED"].includes(status)) {
        const approved = status !== "PROPOSED";
        const rating = ratings[k % ratings.length]!;
        verdictRows.push([`v${id}`, id, rating, `**Rationale ${k}.** The office's figures show otherwise.`, assignee, approved ? editor(k) : null, approved ? iso(claimAt + 4000) : null, status, 1, iso(claimAt + 3000), iso(claimAt + 5000), status === "PUBLISHED" ? iso(claimAt + 5000) : null]);
        auditRows.push(audit({ at: claimAt + 3000, actorId: assignee, action: "verdict.propose", entityType: "Verdict", entityId: `v${id}`, entityVersion: 1, claimId: id, after: { rating } }));
        if (approved) auditRows.push(audit({ at: claimAt + 4000, actorId: editor(k), action: "verdict.approved", entityType: "Verdict", entityId: `v${id}`, entityVersion: 2, claimId: id, after: { state: "APPROVED" } }));
        if (status === "PUBLISHED") auditRows.push(audit({ at: claimAt + 5000, actorId: editor(k), action: "verdict.published", entityType: "Verdict", entityId: `v${id}`, entityVersion: 3, claimId: id, after: { state: "PUBLISHED" } }));
      }
    }
    await sink.insert(
      "Claim",
      ["id", "articleId", "text", "start", "end", "quote", "prefix", "suffix", "checkworthiness", "kind", "reasons", "status", "assigneeId", "priority", "dueAt", "version", "createdAt", "updatedAt", "origin", "searchText", "claimant", "claimantKind", "claimantSearch", "matchFeatures", "matchIndexed"],
      claimRows,
    );
    await sink.insert("ClaimMatchKey", ["key", "claimId", "articleId"], keyRows);
    await sink.insert("Evidence", ["id", "claimId", "url", "title", "publisher", "quote", "stance", "sourceType", "addedById", "version", "createdAt", "updatedAt"], evidenceRows);
    await sink.insert("Verdict", ["id", "claimId", "rating", "rationale", "proposedById", "approvedById", "approvedAt", "state", "version", "createdAt", "updatedAt", "publishedAt"], verdictRows);
    await sink.insert("AuditEvent", AUDIT_COLUMNS, auditRows);
    shape.matchKeys += keyRows.length;
    shape.evidence += evidenceRows.length;
    shape.verdicts += verdictRows.length;
    if (Math.floor(to / 20_000) > Math.floor(from / 20_000)) log(`  … ${to.toLocaleString("en-US")} of ${n.toLocaleString("en-US")} claims`);
  }
  return shape;
}

const describeShape = (s: DeskShape) =>
  `${s.claims.toLocaleString("en-US")} claims, ${s.articles} articles, ${DESK_USERS.length} users, ${s.evidence.toLocaleString("en-US")} evidence rows, ${s.verdicts.toLocaleString("en-US")} verdicts, ${s.auditEvents.toLocaleString("en-US")} audit events, ${s.matchKeys.toLocaleString("en-US")} match keys`;

function migrate(root: string, url: string) {
  const r = spawnSync(path.join(root, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], { cwd: root, env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`prisma migrate deploy failed:\n${r.stdout}\n${r.stderr}`);
}

/** The cache stamp of a SQLite desk: generator version, size and the newest migration (a new one regenerates). */
function deskStamp(root: string, n: number): string {
  const migrations = readdirSync(path.join(root, "prisma", "sqlite", "migrations")).filter((d) => /^\d/.test(d)).sort();
  return JSON.stringify({ version: DESK_VERSION, n, migration: migrations.at(-1) ?? null });
}

/** True when the cached SQLite desk exists with this generator's stamp for `n` claims. */
function sqliteDeskReady(file: string, stamp: string): boolean {
  if (!existsSync(file)) return false;
  try {
    const db = new Database(file, { readonly: true });
    try {
      const row = db.prepare(`SELECT value FROM "Setting" WHERE key = 'benchPages'`).get() as { value: string } | undefined;
      return row?.value === stamp;
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

/**
 * The SQLite desk of `n` claims: reused from prisma/data/bench-pages/ when its stamp matches, else
 * generated (migrations, then bulk inserts). `fresh` makes a throwaway copy-free new file instead
 * (for desks the bench writes into and must not keep, e.g. the empty desk). Returns the database URL.
 */
export async function sqliteDesk(root: string, n: number, options: { fresh?: boolean } = {}): Promise<string> {
  const dir = path.join(root, "prisma", "data", "bench-pages");
  const file = path.join(dir, options.fresh ? `scratch-${n}.db` : `desk-${n}.db`);
  const stamp = deskStamp(root, n);
  if (!options.fresh && sqliteDeskReady(file, stamp)) {
    console.log(`  reusing ${path.relative(root, file)} (desk version ${DESK_VERSION})`);
    return `file:${file}`;
  }
  mkdirSync(dir, { recursive: true });
  for (const s of ["", "-wal", "-shm", "-journal"]) rmSync(file + s, { force: true });
  const started = performance.now();
  migrate(root, `file:${file}`);
  const db = new Database(file);
  const sink = sqliteDeskSink(db);
  const shape = await generateDesk(sink, n);
  db.prepare(`INSERT INTO "Setting" (key, value, updatedAt) VALUES ('benchPages', ?, ?)`).run(stamp, new Date().toISOString());
  db.exec("ANALYZE");
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  console.log(`  generated ${path.relative(root, file)}: ${describeShape(shape)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return `file:${file}`;
}

/** Drops and creates the PostgreSQL database of `url` (through the `postgres` maintenance database). */
export async function recreatePgDatabase(url: string, drop = false): Promise<void> {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unexpected database name ${JSON.stringify(name)}`);
  parsed.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: parsed.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    if (!drop) await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
}

/** A PostgreSQL desk of `n` claims in the (re)created database of `url`: migrations, then multi-row INSERTs. */
export async function pgDesk(root: string, url: string, n: number): Promise<string> {
  const started = performance.now();
  await recreatePgDatabase(url);
  migrate(root, url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET synchronous_commit = off");
    const sink: DeskSink = {
      async insert(table, columns, rows) {
        // At most 65,535 parameters per statement.
        const per = Math.max(1, Math.floor(60_000 / columns.length));
        for (let i = 0; i < rows.length; i += per) {
          const batch = rows.slice(i, i + per);
          const values: unknown[] = [];
          const tuples = batch.map((row) => `(${row.map((v) => (values.push(v), `$${values.length}`)).join(", ")})`);
          await client.query(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples.join(", ")}`, values);
        }
      },
    };
    const shape = await generateDesk(sink, n);
    await client.query("ANALYZE");
    console.log(`  generated PostgreSQL desk: ${describeShape(shape)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await client.end();
  }
  return url;
}

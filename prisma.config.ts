// Prisma CLI configuration. The DATABASE_URL scheme picks the schema folder, its migrations and the
// driver adapter; the JS engine + WebAssembly schema engine mean the CLI downloads nothing.
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { loadEnvConfig } from "@next/env";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

// With a config file the CLI no longer reads .env: load it the way Next does.
loadEnvConfig(process.cwd());

const url = process.env.DATABASE_URL ?? "file:./prisma/data/claimledger.db";
const provider = /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";
// SQLite creates the database file but not its folder (prisma/data/ is not in a fresh clone).
if (provider === "sqlite") mkdirSync(path.dirname(path.resolve(url.replace(/^file:/, "").replace(/\?.*$/, ""))), { recursive: true });

/**
 * Prisma 6.19.3's SQLite shadow database replays each migration through a one-statement prepare(),
 * so multi-statement migrations (our triggers) break `migrate dev`. Argument-less raw calls go to
 * executeScript instead.
 */
function createSqliteAdapter(fileUrl: string) {
  const factory = new PrismaBetterSQLite3({ url: fileUrl });
  const connectShadow = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => {
    const shadow = await connectShadow();
    const executeRaw = shadow.executeRaw.bind(shadow);
    shadow.executeRaw = async (query) =>
      query.args.length === 0 ? (await shadow.executeScript(query.sql), 0) : executeRaw(query);
    return shadow;
  };
  return factory;
}

/**
 * PostgreSQL through adapter-pg on the CLI path needs two fixes in 6.19.3:
 * catalog columns typed `name` (oid 19) / `"char"` (oid 18) are not deserialisable (prisma/orm#27403),
 * so they are relabelled as text (oid 25); scripts are sent whole (see below); and the built-in shadow database would reuse the real
 * database, so a throwaway database is created and dropped instead (needs CREATEDB).
 */
function createPgAdapter(pgUrl: string) {
  const parsed = new URL(pgUrl);
  const config = {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    database: decodeURIComponent(parsed.pathname.slice(1)),
    user: decodeURIComponent(parsed.username) || undefined,
    password: decodeURIComponent(parsed.password) || undefined,
    allowExitOnIdle: true,
  };
  type Queryable = {
    performIO: (q: unknown) => Promise<{ fields?: { dataTypeID: number }[] }>;
    executeScript: (script: string) => Promise<void>;
    client: { query: (sql: string) => Promise<unknown> };
    onError: (error: unknown) => never;
  };
  const relabelCatalogTypes = <T,>(conn: T): T => {
    const target = conn as unknown as Queryable;
    // adapter-pg splits scripts on every ";", which breaks dollar-quoted function bodies (our
    // append-only trigger). Send the script whole: PostgreSQL's simple protocol runs many statements.
    target.executeScript = async (script) => {
      try {
        await target.client.query(script);
      } catch (error) {
        target.onError(error);
      }
    };
    const performIO = target.performIO.bind(target);
    target.performIO = async (q) => {
      const result = await performIO(q);
      for (const field of result.fields ?? []) {
        if (field.dataTypeID === 19 || field.dataTypeID === 18) field.dataTypeID = 25;
      }
      return result;
    };
    return conn;
  };
  const factory = new PrismaPg(config);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => relabelCatalogTypes(await connect());
  factory.connectToShadowDb = async () => {
    const admin = await factory.connect();
    const name = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
    await admin.executeScript(`CREATE DATABASE "${name}"`);
    const shadow = relabelCatalogTypes(await new PrismaPg({ ...config, database: name }).connect());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await admin.executeScript(`DROP DATABASE IF EXISTS "${name}"`);
      await admin.dispose();
    };
    return shadow;
  };
  return factory;
}

export default defineConfig({
  schema: `prisma/${provider}`,
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => (provider === "postgresql" ? createPgAdapter(url) : createSqliteAdapter(url)),
});

// The wasm schema engine arms long timers it never clears; unref them so CLI runs exit promptly.
if (provider === "postgresql") {
  const nativeSetTimeout = globalThis.setTimeout;
  globalThis.setTimeout = ((fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const timer = nativeSetTimeout(fn, ms, ...args);
    if ((ms ?? 0) >= 10_000) timer.unref();
    return timer;
  }) as typeof setTimeout;
}

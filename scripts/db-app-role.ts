/**
 * npm run db:app-role -- --role claimledger_app [--password …]
 * PostgreSQL only: run with DATABASE_URL = the owner's connection (the one `prisma migrate deploy`
 * uses). Creates (or updates) the role the app should connect as: it can read and write the app's
 * tables but only SELECT and INSERT the audit log, and, owning nothing, can neither drop nor disable
 * the audit triggers nor alter any table. Without --password (or CLAIMLEDGER_APP_DB_PASSWORD) a new
 * role gets a generated password, printed once; an existing role keeps its password.
 * Run it again after migrations that add tables. Exit code 0 done, 1 bad input or refused.
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { getDb, provider } from "@/lib/server/db";
import { grantAppRole } from "@/lib/server/db-app-role";

const { values } = parseArgs({ options: { role: { type: "string", default: "claimledger_app" }, password: { type: "string" } }, strict: true });

if (provider !== "postgresql") {
  console.error("✗ db:app-role is for PostgreSQL: set DATABASE_URL=postgresql://owner@host/db (SQLite has no roles; protect the file instead).");
  process.exit(1);
}
try {
  const db = await getDb();
  const exists = (await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM pg_roles WHERE rolname = $1`, values.role))[0]!.n > 0;
  const chosen = values.password ?? process.env.CLAIMLEDGER_APP_DB_PASSWORD ?? null;
  const password = chosen ?? (exists ? null : randomBytes(18).toString("base64url"));
  const database = await grantAppRole(db, values.role!, password);
  console.log(`Role ${values.role} can now use database ${database} (audit log: SELECT and INSERT only; no ownership).`);
  if (password && !chosen) console.log(`Password (shown once): ${password}`);
  console.log(`Run the app with DATABASE_URL=postgresql://${values.role}:…@host/${database}; keep running migrations as the owner.`);
  process.exit(0);
} catch (error) {
  console.error(`✗ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

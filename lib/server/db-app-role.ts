import "server-only";
import { AppError } from "@/lib/domain/errors";
import type { Db } from "./db";

/**
 * The PostgreSQL role the app runs as (issue 12). Migrations run as the owner of the tables; the app
 * connects as a role that owns nothing, so it cannot drop or disable the audit triggers, ALTER any
 * table, or UPDATE/DELETE/TRUNCATE the audit log: on "AuditEvent" it may only SELECT and INSERT.
 * Everything else it may read and write (SELECT, INSERT, UPDATE, DELETE), sequences it may use. Run
 * it again after each `prisma migrate deploy` that adds tables (grants cover existing tables only).
 */

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** A PostgreSQL string literal (standard_conforming_strings on: only quotes are doubled). */
function literal(value: string): string {
  if (value.includes("\0")) throw new AppError("VALIDATION", "The password cannot contain a NUL character.");
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * The statements that create or update `role` (lowercase letters, digits, underscore; up to 63
 * characters) with LOGIN and `password` (null keeps the existing one), and grant it exactly the app's
 * rights on `database`. Throws VALIDATION for a bad role name.
 */
export function appRoleStatements(role: string, database: string, password: string | null): string[] {
  if (!ROLE_NAME.test(role)) throw new AppError("VALIDATION", "The role name must be lowercase letters, digits and underscores (up to 63 characters).");
  const r = `"${role}"`;
  const db = `"${database.replaceAll('"', '""')}"`;
  const create = `CREATE ROLE ${r} LOGIN${password === null ? "" : ` PASSWORD ${literal(password)}`}`;
  return [
    `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${literal(role)}) THEN EXECUTE ${literal(create)}; END IF; END $$`,
    `ALTER ROLE ${r} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS${password === null ? "" : ` PASSWORD ${literal(password)}`}`,
    `GRANT CONNECT ON DATABASE ${db} TO ${r}`,
    `REVOKE CREATE ON SCHEMA public FROM ${r}`,
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    `REVOKE ALL ON "_prisma_migrations" FROM ${r}`,
    `REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON "AuditEvent" FROM ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
  ];
}

/**
 * Creates or updates the app role on the PostgreSQL database `db` is connected to (as the owner, who
 * ran the migrations). Returns the database name. Throws when the connection is not PostgreSQL or the
 * connecting user may not create roles.
 */
export async function grantAppRole(db: Db, role: string, password: string | null): Promise<string> {
  const [row] = await db.$queryRawUnsafe<{ name: string }[]>("SELECT current_database()::text AS name");
  const database = row!.name;
  for (const statement of appRoleStatements(role, database, password)) await db.$executeRawUnsafe(statement);
  return database;
}

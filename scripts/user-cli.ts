/**
 * Shared by the user CLIs (user:create, user:role, user:deactivate, user:reset-password): the database
 * they act on, as DATABASE_URL names it (the same default as the app), printed without credentials.
 */
import { AppError } from "@/lib/domain/errors";

/** "SQLite file:./prisma/data/claimledger.db" or "PostgreSQL postgresql://host:5432/db" (user and password left out). */
export function describeDatabase(url: string = process.env.DATABASE_URL ?? "file:./prisma/data/claimledger.db"): string {
  if (!/^postgres(ql)?:\/\//.test(url)) return `SQLite ${url}`;
  try {
    const parsed = new URL(url);
    return `PostgreSQL ${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return "PostgreSQL (DATABASE_URL could not be parsed)";
  }
}

/** Runs one CLI step: prints the database first, then the step's lines; a refusal exits with code 1. */
export async function runUserCli(_usage: string, step: () => Promise<string[]>): Promise<never> {
  console.log(`Database: ${describeDatabase()}`);
  try {
    for (const line of await step()) console.log(line);
    process.exit(0);
  } catch (error) {
    console.error(`✗ ${error instanceof AppError ? error.message : String(error)}`);
    process.exit(1);
  }
}

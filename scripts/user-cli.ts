/**
 * Shared by the user CLIs (user:create, user:role, user:deactivate, user:reset-password): the database
 * they act on, as DATABASE_URL names it (the same default as the app), printed without credentials.
 */
import { AppError } from "@/lib/domain/errors";
import { env } from "@/lib/server/env";
import { setPasswordPath, type IssuedLink } from "@/lib/server/set-password-links";

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

/**
 * The line that hands out a one-time set-password link (user:create --link, user:reset-password --link):
 * absolute with NEXTAUTH_URL, else the path after a placeholder for the app's address.
 */
export function setPasswordLinkLine(link: IssuedLink): string {
  const path = setPasswordPath(link.token);
  const url = env.NEXTAUTH_URL ? new URL(path, env.NEXTAUTH_URL).toString() : `<the app's address>${path}`;
  return `Set-password link (shown once, works once, expires ${link.expiresAt.toISOString()}): ${url}`;
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

/** The integration tests' database: SQLite by default, PostgreSQL with TEST_DATABASE=postgresql. */
export function integrationDatabaseUrl(): string {
  return process.env.TEST_DATABASE === "postgresql"
    ? (process.env.TEST_PG_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/claimledger_it")
    : "file:./prisma/data/integration.db";
}

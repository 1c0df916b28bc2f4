/**
 * A setupFiles entry of the integration project: before any test module imports the Prisma client or
 * reads lib/server/env, points this vitest worker (VITEST_POOL_ID) at its own database and its own
 * evidence file folder, so test files in parallel workers never share either. Child processes the
 * tests spawn with `process.env` inherit both.
 */
import { integrationDataDir, integrationDatabaseUrl } from "./database-url";

process.env.DATABASE_URL = integrationDatabaseUrl();
process.env.CLAIMLEDGER_DATA_DIR = integrationDataDir();

/**
 * A setupFiles entry of the integration project: before any test module imports the Prisma client or
 * reads lib/server/env, points this vitest worker (VITEST_POOL_ID) at its own database and its own
 * evidence file folder, so test files in parallel workers never share either. Child processes the
 * tests spawn with `process.env` inherit both.
 *
 * It also makes new password hashes cheap in the tests' own process: `hashPassword` makes an argon2id
 * hash of the NFC form as in production, but at the lowest cost (m=1 MiB, t=1, p=1) instead of
 * OWASP's m=19 MiB, t=2: every test user is created with a password (hundreds per run), and on
 * this 2-core machine at load 12 one hash took 106 ms at production cost, 6 ms at this one. Checking
 * a password reads the cost from the stored hash, so sign-in runs the same code. The production cost
 * stays covered: auth-security.test.ts hashes with the real module and checks its parameters, and
 * auth.test.ts (the unknown-email timing) opts out with vi.unmock. CLI child processes the tests
 * start use the real module.
 */
import { hash } from "@node-rs/argon2";
import { vi } from "vitest";
import { integrationDataDir, integrationDatabaseUrl } from "./database-url";

process.env.DATABASE_URL = integrationDatabaseUrl();
process.env.CLAIMLEDGER_DATA_DIR = integrationDataDir();

vi.mock("../passwords", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../passwords")>();
  return { ...actual, hashPassword: (password: string) => hash(actual.normalizePassword(password), { memoryCost: 1024, timeCost: 1, parallelism: 1 }) };
});

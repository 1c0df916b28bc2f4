import path from "node:path";
import { defineConfig } from "vitest/config";
import { integrationWorkers } from "./lib/server/testing/database-url";

/**
 * Two projects: `unit` (lib/domain, lib/validation: pure code) and `integration` (lib/server against a
 * real database: SQLite by default, PostgreSQL with TEST_DATABASE=postgresql).
 *
 * Test files run in parallel on CLAIMLEDGER_TEST_WORKERS workers (default 2, one per core of the CI
 * machine). Integration files still never share a database: one process owns a SQLite file (DESIGN.md
 * §6), so global setup migrates the base database once and copies it for each worker, and the
 * worker-env setup file points each worker at its copy (lib/server/testing/database-url.ts) before
 * any test module loads the Prisma client.
 */
const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // `import "server-only"` guards modules from client bundles; tests run them on the server side.
      "server-only": path.join(root, "lib/server/testing/server-only-stub.ts"),
    },
  },
  test: {
    maxWorkers: integrationWorkers(),
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["lib/domain/**/*.test.ts", "lib/validation/**/*.test.ts", "components/**/*.test.tsx", "scripts/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["lib/server/**/*.test.ts"],
          environment: "node",
          globalSetup: ["lib/server/testing/global-setup.ts"],
          setupFiles: ["lib/server/testing/worker-env.ts"],
          env: { NODE_ENV: "test", LOG_LEVEL: "silent", AUDIT_KEY: "integration-tests-audit-key-not-a-secret-0001" },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});

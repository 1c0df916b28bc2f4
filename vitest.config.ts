import path from "node:path";
import { defineConfig } from "vitest/config";
import { integrationDatabaseUrl } from "./lib/server/testing/database-url";

/**
 * Two projects: `unit` (lib/domain, lib/validation: pure code) and `integration` (lib/server against a
 * real database: SQLite by default, PostgreSQL with TEST_DATABASE=postgresql).
 */
const root = import.meta.dirname;
const databaseUrl = integrationDatabaseUrl();

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // `import "server-only"` guards modules from client bundles; tests run them on the server side.
      "server-only": path.join(root, "lib/server/testing/server-only-stub.ts"),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["lib/domain/**/*.test.ts", "lib/validation/**/*.test.ts", "scripts/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["lib/server/**/*.test.ts"],
          environment: "node",
          globalSetup: ["lib/server/testing/global-setup.ts"],
          env: { DATABASE_URL: databaseUrl, NODE_ENV: "test", LOG_LEVEL: "silent", AUDIT_KEY: "integration-tests-audit-key-not-a-secret-0001" },
          // One process owns a SQLite file (DESIGN.md §6): test files run one after another.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});

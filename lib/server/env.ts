import "server-only";
import { z } from "zod";

/** The one validated view of the environment. */
const envSchema = z.object({
  DATABASE_URL: z.string().min(1).default("file:./prisma/data/claimledger.db"),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  /** The app's public origin (next-auth needs it too); links in reports are made absolute with it. */
  NEXTAUTH_URL: z.string().optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Demo mode: the demo command sets it; the login page then shows where the demo accounts are. */
  CLAIMLEDGER_DEMO: z.enum(["0", "1"]).default("0"),
  /** REST API requests allowed per minute for one token, and for one client address. */
  API_RATE_LIMIT_PER_TOKEN: z.coerce.number().int().min(1).max(1_000_000).default(600),
  API_RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(1200),
  /** Folder for stored files (evidence WARC archives), relative to the working directory (the repo root) or absolute. */
  CLAIMLEDGER_DATA_DIR: z.string().min(1).default("prisma/data/files"),
});

export type Env = z.infer<typeof envSchema>;

export const env: Env = envSchema.parse(process.env);

export function databaseProvider(url: string = env.DATABASE_URL): "sqlite" | "postgresql" {
  return /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";
}

import "server-only";
import { z } from "zod";
import { DEFAULT_EVIDENCE_FILE_MAX_BYTES } from "@/lib/domain/evidence-file";

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
  /** HMAC key of the audit chain and its checkpoints (issue 12); kept outside the database. */
  AUDIT_KEY: z.string().min(32, "AUDIT_KEY must be at least 32 characters (e.g. openssl rand -hex 32)").optional(),
  /** Where the signed audit checkpoints are appended (default: beside the SQLite file, or prisma/data/ for PostgreSQL). */
  AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
  /**
   * Reverse proxies whose X-Forwarded-For / X-Forwarded-Host / X-Forwarded-Proto are believed:
   * comma-separated addresses or CIDR ranges, or `loopback`, `linklocal`, `uniquelocal` (proxy-addr's
   * names). Empty (the default): no proxy; the client address is the TCP peer's.
   */
  TRUSTED_PROXIES: z.string().default(""),
  /** Form submissions that write (comments, evidence, imports, …) allowed per minute for one user. */
  ACTION_RATE_LIMIT_PER_USER: z.coerce.number().int().min(1).max(1_000_000).default(120),
  /** Article imports (paste, file, URL) allowed per minute for one user. */
  IMPORT_RATE_LIMIT_PER_USER: z.coerce.number().int().min(1).max(1_000_000).default(20),
  /** Where rate-limit counters live: `auto` = the database on PostgreSQL, memory on SQLite (one process). */
  RATE_LIMIT_STORE: z.enum(["auto", "database", "memory"]).default("auto"),
  /** A session ends this many minutes after the last request (idle timeout). */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(7 * 24 * 60).default(120),
  /** A session ends this many hours after sign-in whatever the activity (absolute lifetime). */
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(30 * 24).default(12),
  /** How long an admin's one-time set-password link works, in hours (issue 15). */
  SET_PASSWORD_LINK_HOURS: z.coerce.number().int().min(1).max(30 * 24).default(24),
  /** Sensitive steps (creating an API token, …) need a password (and TOTP) check this recent. */
  REAUTH_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(10),
  /**
   * Strict-Transport-Security on responses served over HTTPS: `auto` (when the request came over
   * HTTPS, directly or through a trusted proxy), `on` (always), `off`.
   */
  HSTS: z.enum(["auto", "on", "off"]).default("auto"),
  HSTS_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(63_072_000).default(31_536_000),
  /** Folder for stored files (evidence WARC archives), relative to the working directory (the repo root) or absolute. */
  CLAIMLEDGER_DATA_DIR: z.string().min(1).default("prisma/data/files"),
  /** Largest file a reviewer may attach as evidence, in bytes (default 20 MiB, lib/domain/evidence-file.ts). */
  EVIDENCE_FILE_MAX_BYTES: z.coerce.number().int().min(1024).max(1024 * 1024 * 1024).default(DEFAULT_EVIDENCE_FILE_MAX_BYTES),
});

export type Env = z.infer<typeof envSchema>;

export const env: Env = envSchema.parse(process.env);

export function databaseProvider(url: string = env.DATABASE_URL): "sqlite" | "postgresql" {
  return /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";
}

import "server-only";
import pino from "pino";
import { env } from "./env";

/** Structured JSON logs to stdout. Details of failures go here, never to the user. */
export const logger = pino({
  level: env.LOG_LEVEL,
  base: { app: "claimledger" },
  redact: ["password", "*.password", "passwordHash", "*.passwordHash"],
});

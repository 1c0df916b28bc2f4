import "server-only";
import { Writable } from "node:stream";
import pino, { type Logger } from "pino";
import { logger } from "./logger";

/**
 * The security log: one structured pino line per security-relevant event (OWASP ASVS 5.0 V16:
 * sign-ins, lockouts and rate-limit blocks, token use, MFA changes, re-authentication), tagged
 * `log: "security"`. Only the fields listed in SecurityFields are written — never a password, TOTP
 * code, recovery code, token or secret, whatever a caller passes.
 */
export type SecurityEventName =
  | "login_succeeded"
  | "login_failed"
  | "login_rate_limited"
  | "login_delayed"
  | "login_mfa_required"
  | "login_mfa_failed"
  | "action_rate_limited"
  | "api_rate_limited"
  | "api_token_used"
  | "api_token_refused"
  | "reauth_succeeded"
  | "reauth_failed"
  | "mfa_enrolment_started"
  | "mfa_enabled"
  | "mfa_disabled"
  | "mfa_recovery_code_used"
  | "mfa_required_roles_changed"
  | "session_expired";

export interface SecurityFields {
  userId?: string | null;
  /** The email as typed at sign-in (it names the account under attack; never a password). */
  email?: string;
  ip?: string;
  reason?: string;
  limit?: string;
  retryAfterSeconds?: number;
  delayMs?: number;
  tokenId?: string;
  roles?: readonly string[];
  remainingRecoveryCodes?: number;
}

const FIELD_NAMES: readonly (keyof SecurityFields)[] = [
  "userId",
  "email",
  "ip",
  "reason",
  "limit",
  "retryAfterSeconds",
  "delayMs",
  "tokenId",
  "roles",
  "remainingRecoveryCodes",
];

let target: Logger = logger.child({ log: "security" });

/** Writes one security event. Unknown fields are dropped, so no secret can slip in by accident. */
export function securityEvent(event: SecurityEventName, fields: SecurityFields = {}, message: string = event.replaceAll("_", " ")): void {
  const safe: Record<string, unknown> = { event };
  for (const name of FIELD_NAMES) if (fields[name] !== undefined) safe[name] = fields[name];
  target.info(safe, message);
}

/**
 * For tests: sends the security log to memory (through a real pino logger) until stop() is called;
 * lines() are the parsed JSON lines, raw() the text as written.
 */
export function captureSecurityLog(): { lines: () => Record<string, unknown>[]; raw: () => string; stop: () => void } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const previous = target;
  target = pino({ level: "info", base: { app: "claimledger" } }, stream).child({ log: "security" });
  const raw = () => chunks.join("");
  return {
    raw,
    lines: () =>
      raw()
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    stop: () => {
      target = previous;
    },
  };
}

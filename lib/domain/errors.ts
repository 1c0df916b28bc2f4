/**
 * Typed, coded errors. Use cases throw these; lib/server/respond.ts maps them to action results and
 * HTTP responses in one place. `message` is always safe to show to the user.
 */
export type AppErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "VALIDATION"
  | "CONFLICT"
  | "INVALID_TRANSITION"
  | "RATE_LIMITED"
  | "PAYLOAD_TOO_LARGE"
  | "PRECONDITION_FAILED"
  | "PRECONDITION_REQUIRED"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "REAUTHENTICATION_REQUIRED"

  | "STORAGE_FULL"
  | "DATABASE_UNAVAILABLE"
  | "IDEMPOTENCY_MISMATCH";

export const HTTP_STATUS: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION: 400,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  PRECONDITION_FAILED: 412,
  PRECONDITION_REQUIRED: 428,
  UNSUPPORTED_MEDIA_TYPE: 415,
  // A sensitive step asked for a fresh password (and TOTP) check first.
  REAUTHENTICATION_REQUIRED: 401,
  STORAGE_FULL: 507,
  DATABASE_UNAVAILABLE: 503,
  IDEMPOTENCY_MISMATCH: 422,
};

export const APP_ERROR_CODES = Object.keys(HTTP_STATUS) as AppErrorCode[];

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fields?: FieldErrors;
  /** For conflicts: the current state of the entity, to show the user. */
  readonly current?: unknown;
  /** For rate limits: whole seconds until a retry can succeed. */
  readonly retryAfterSeconds?: number;

  constructor(
    code: AppErrorCode,
    message: string,
    extra: { fields?: FieldErrors; current?: unknown; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fields = extra.fields;
    this.current = extra.current;
    this.retryAfterSeconds = extra.retryAfterSeconds;
  }
}

export function notFound(what = "claim"): AppError {
  return new AppError("NOT_FOUND", `That ${what} does not exist or you do not have access to it.`);
}

export function staleVersion(what = "claim", current?: unknown): AppError {
  return new AppError(
    "CONFLICT",
    `This ${what} changed since you opened it. The page now shows its current state; nothing was overwritten.`,
    { current },
  );
}

export function invalid(field: string, message: string): AppError {
  return new AppError("VALIDATION", message, { fields: { [field]: [message] } });
}

/** Seconds a client waits before retrying after a database outage (503 Retry-After). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * The answer to a database fault (lib/domain/database-fault.ts). `rolledBack` says whether the step's
 * transaction is known to have rolled back: only then does the message say nothing was saved.
 */
export function databaseFaultError(fault: "STORAGE_FULL" | "UNAVAILABLE", rolledBack: boolean): AppError {
  if (fault === "STORAGE_FULL") {
    return new AppError("STORAGE_FULL", "The server's storage is full; nothing was saved. Your text is still here: try again once an administrator has freed disk space.");
  }
  return new AppError(
    "DATABASE_UNAVAILABLE",
    rolledBack
      ? "The database is unavailable right now; nothing was saved. Try again in a few seconds."
      : "The database became unavailable while saving, so we cannot tell whether your change was saved. Reload to check before trying again (a retry of this same form or request with the same Idempotency-Key never saves twice).",
    { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
  );
}

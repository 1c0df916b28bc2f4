import "server-only";
import { z } from "zod";
import { classifyDatabaseFault } from "@/lib/domain/database-fault";
import { AppError, databaseFaultError, HTTP_STATUS, type FieldErrors } from "@/lib/domain/errors";
import type { ActionState } from "@/lib/validation/action-state";
import { logger } from "./logger";
import { isKnownRolledBack } from "./transaction";

/**
 * The one place where errors become what the user sees: server-action results and HTTP responses.
 * AppErrors carry safe messages; anything else is logged and shown as a generic message.
 */
export type { ActionState };
const GENERIC = "Something went wrong on our side. Nothing was changed; please try again.";
/** When the step may have committed before the error, the answer must not say nothing changed. */
const GENERIC_UNKNOWN_OUTCOME = "Something went wrong on our side. Reload the page to see whether your change was saved before trying again.";

/**
 * Database faults (full disk, outage, restart) become AppErrors with honest messages: "nothing was
 * saved" only when the step's transaction is known to have rolled back.
 */
function fromDatabaseFault(error: unknown): unknown {
  if (error instanceof AppError || error instanceof z.ZodError) return error;
  const fault = classifyDatabaseFault(error);
  if (!fault) return error;
  logger.error({ err: error, fault }, "database fault");
  return databaseFaultError(fault, isKnownRolledBack(error));
}

function genericMessage(error: unknown): string {
  return isKnownRolledBack(error) ? GENERIC : GENERIC_UNKNOWN_OUTCOME;
}

/** The hidden form field carrying a form's idempotency key (components/idempotency-key-field.tsx). */
export const IDEMPOTENCY_FIELD = "idempotencyKey";

/** FormData → plain object, minus the framework's own $ACTION fields and the idempotency key (read apart). */
export function formToObject(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION") || key === IDEMPOTENCY_FIELD) continue;
    if (typeof value === "string") out[key] = value;
  }
  return out;
}

/** Fields the client sent that the form does not have (role, status, version… never taken from a form). */
function unknownKeysOf(error: unknown): string[] {
  if (!(error instanceof z.ZodError)) return [];
  return error.issues.filter((i) => i.code === "unrecognized_keys").flatMap((i) => ("keys" in i ? i.keys : []));
}

export function validationError(error: z.ZodError): AppError {
  const flat = z.flattenError(error);
  const fields: FieldErrors = {};
  for (const [key, messages] of Object.entries(flat.fieldErrors as Record<string, string[] | undefined>)) if (messages?.length) fields[key] = messages;
  const unknownKeys = unknownKeysOf(error);
  if (unknownKeys.length) {
    const named = unknownKeys.slice(0, 10).join(", ");
    const more = unknownKeys.length > 10 ? ` and ${(unknownKeys.length - 10).toLocaleString("en-US")} more` : "";
    return new AppError("VALIDATION", `These fields cannot be set here: ${named}${more}.`, { fields });
  }
  const first = Object.values(fields)[0]?.[0] ?? flat.formErrors[0];
  return new AppError("VALIDATION", first ?? "Please correct the highlighted fields.", { fields });
}

/**
 * Refusals worth a log line: access refused, steps out of order, stale saves, failed preconditions,
 * rate limits, and forms carrying fields they do not have (mass-assignment attempts). Plain typing
 * mistakes are not logged.
 */
function logRefusal(error: AppError, context: Record<string, unknown>, unknownKeys: string[]) {
  const logged = ["FORBIDDEN", "NOT_FOUND", "INVALID_TRANSITION", "CONFLICT", "PRECONDITION_FAILED", "RATE_LIMITED"].includes(error.code);
  if (logged || unknownKeys.length) {
    // At most 20 names a line (a hand-made request can carry thousands), with the count of all.
    const unknown = unknownKeys.length ? { unknownKeys: unknownKeys.slice(0, 20), unknownKeyCount: unknownKeys.length } : {};
    logger.warn({ event: "refused", code: error.code, ...unknown, ...context }, error.message);
  }
}

export function toActionState(error: unknown, values: Record<string, string>, context: Record<string, unknown> = {}): ActionState {
  const unknownKeys = unknownKeysOf(error);
  const original = error;
  error = fromDatabaseFault(error);
  if (error instanceof z.ZodError) error = validationError(error);
  if (error instanceof AppError) {
    logRefusal(error, context, unknownKeys);
    return { status: "error", code: error.code, message: error.message, fieldErrors: error.fields, values };
  }
  logger.error({ err: error, ...context }, "action failed");
  return { status: "error", code: "INTERNAL", message: genericMessage(original), values };
}

/**
 * Every HTTP error has one shape: { "error": { "code", "message", "fields"?, "current"? } }, where
 * `current` is the entity's current state on a conflict or failed precondition. Rate limits add
 * Retry-After; 401s carry a Bearer challenge.
 */
export function toErrorResponse(error: unknown, context: Record<string, unknown> = {}): Response {
  const unknownKeys = unknownKeysOf(error);
  const original = error;
  error = fromDatabaseFault(error);
  if (error instanceof z.ZodError) error = validationError(error);
  if (error instanceof AppError) {
    logRefusal(error, context, unknownKeys);
    const body = {
      error: {
        code: error.code,
        message: error.message,
        ...(error.fields ? { fields: error.fields } : {}),
        ...(error.current !== undefined ? { current: error.current } : {}),
      },
    };
    const headers = new Headers({ "Cache-Control": "no-store" });
    if (error.retryAfterSeconds !== undefined) headers.set("Retry-After", String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
    // RFC 6750: every 401 says how to authenticate, whichever route answered it.
    if (error.code === "UNAUTHENTICATED") headers.set("WWW-Authenticate", 'Bearer realm="ClaimLedger API"');
    return Response.json(body, { status: HTTP_STATUS[error.code], headers });
  }
  logger.error({ err: error, ...context }, "request failed");
  return Response.json({ error: { code: "INTERNAL", message: genericMessage(original) } }, { status: 500 });
}

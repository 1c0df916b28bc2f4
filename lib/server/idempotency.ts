import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import { AppError } from "@/lib/domain/errors";
import type { Tx } from "./db";

/**
 * Idempotency keys for write steps: the API's `Idempotency-Key` header and the forms' hidden
 * `idempotencyKey` field. `withIdempotencyKey` runs a use case with the key in scope; the use case's
 * first transaction (lib/server/transaction.ts calls `idempotentStep`) looks the key up under the
 * transaction's lock:
 * - not seen → the step runs and its result is stored with the key in the same transaction, so the key
 *   exists exactly when the step committed;
 * - seen with the same request → the step does not run again; the stored result is returned as if it
 *   had (a retry after a lost answer, a double click, a commit whose outcome was unknown);
 * - seen with another request → IDEMPOTENCY_MISMATCH (422), nothing written.
 * Keys are per actor: (actorId, key) is unique.
 */

/** Accepted keys: 8–200 visible ASCII characters (UUIDs and the like). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{8,200}$/;

interface KeyScope {
  actorId: string;
  key: string;
  requestHash: string;
  used: boolean;
  /** The keyed step answered from a stored result (a retry), not by running again. */
  replayed?: boolean;
}

const scope = new AsyncLocalStorage<KeyScope>();

/** sha-256 hex of a step name and its input, key order included (inputs come from the same schemas). */
export function requestFingerprint(step: string, input: unknown): string {
  return createHash("sha256").update(JSON.stringify([step, input ?? null])).digest("hex");
}

/**
 * Parses a client-sent key: undefined/"" → no key; anything outside IDEMPOTENCY_KEY_PATTERN → a
 * VALIDATION error naming `field`.
 */
export function parseIdempotencyKey(raw: string | null | undefined, field = "Idempotency-Key"): string | undefined {
  if (raw === null || raw === undefined || raw === "") return undefined;
  if (!IDEMPOTENCY_KEY_PATTERN.test(raw)) {
    throw new AppError("VALIDATION", `${field} must be 8 to 200 visible ASCII characters (for example a UUID).`, { fields: { [field]: ["Invalid idempotency key."] } });
  }
  return raw;
}

/**
 * Runs `run` (one use case) with an idempotency key in scope; without a key it simply runs it.
 * `step` names the step and `input` is its parsed input (the fingerprint compared on retries).
 */
export function withIdempotencyKey<T>(actorId: string, key: string | undefined, step: string, input: unknown, run: () => Promise<T>): Promise<T> {
  if (!key) return run();
  return scope.run({ actorId, key, requestHash: requestFingerprint(step, input), used: false }, run);
}

/**
 * True when, in the current keyed use case, the step was answered from the stored result of an earlier
 * attempt with the same key (so rows it returns may have changed since); false otherwise or unkeyed.
 */
export function idempotentReplay(): boolean {
  return scope.getStore()?.replayed === true;
}

/** True when a keyed use case is in scope whose key no transaction has looked up yet. */
export function idempotencyKeyPending(): boolean {
  const current = scope.getStore();
  return current !== undefined && !current.used;
}

/** JSON with Date values tagged, so a stored result reads back with its dates. */
function serialise(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, k, v) {
    const original = this[k];
    return original instanceof Date ? { $date: original.toISOString() } : v;
  });
}

function deserialise<T>(text: string): T {
  return JSON.parse(text, (_k, v) => (v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 1 && typeof v.$date === "string" ? new Date(v.$date) : v)) as T;
}

/**
 * Called by inTransaction with the step's transaction (after the chain lock): the first transaction of
 * a keyed use case runs `work` at most once per key. Other transactions just run `work`.
 */
export async function idempotentStep<T>(tx: Tx, work: () => Promise<T>): Promise<T> {
  const current = scope.getStore();
  if (!current || current.used) return work();
  current.used = true;
  const seen = await tx.idempotencyKey.findUnique({ where: { actorId_key: { actorId: current.actorId, key: current.key } } });
  if (seen) {
    if (seen.requestHash !== current.requestHash) {
      throw new AppError(
        "IDEMPOTENCY_MISMATCH",
        "This idempotency key was already used for a different request. Nothing was saved; send a new key for a new request.",
      );
    }
    current.replayed = true;
    return deserialise<T>(seen.response);
  }
  const result = await work();
  await tx.idempotencyKey.create({
    data: { actorId: current.actorId, key: current.key, requestHash: current.requestHash, response: serialise(result ?? null) },
  });
  return result;
}

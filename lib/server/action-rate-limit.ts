import "server-only";
import { AppError } from "@/lib/domain/errors";
import { env } from "./env";
import type { Actor } from "./permissions";
import { isOverLimit, rateLimiter } from "./rate-limit-store";
import { securityEvent } from "./security-log";

/**
 * Server actions that write (comments, evidence, verdicts, imports, …) are counted per user in
 * one-minute windows: ACTION_RATE_LIMIT_PER_USER form submissions, and IMPORT_RATE_LIMIT_PER_USER
 * article imports and previews (each may fetch a URL or parse a large file). Over the limit the form
 * answers RATE_LIMITED with the seconds to wait; nothing is written and the typed input is kept.
 */
export const ACTION_RATE_WINDOW_SECONDS = 60;

const limiters = {
  form: rateLimiter({ keyPrefix: "action_user", points: env.ACTION_RATE_LIMIT_PER_USER, duration: ACTION_RATE_WINDOW_SECONDS }),
  import: rateLimiter({ keyPrefix: "import_user", points: env.IMPORT_RATE_LIMIT_PER_USER, duration: ACTION_RATE_WINDOW_SECONDS }),
};

export type WriteActionKind = keyof typeof limiters;

/** Counts one write by `actor`; throws AppError RATE_LIMITED (retryAfterSeconds set) when over. */
export async function consumeWriteAction(actor: Actor, kind: WriteActionKind = "form"): Promise<void> {
  try {
    await limiters[kind].consume(actor.id);
  } catch (error) {
    if (!isOverLimit(error)) throw error;
    const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    securityEvent("action_rate_limited", { userId: actor.id, limit: kind, retryAfterSeconds: seconds });
    const what = kind === "import" ? "imports" : "changes";
    throw new AppError("RATE_LIMITED", `Too many ${what} in a minute. Wait ${seconds} second${seconds === 1 ? "" : "s"} and try again; nothing was saved.`, {
      retryAfterSeconds: seconds,
    });
  }
}

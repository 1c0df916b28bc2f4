import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { consumeWriteAction } from "./action-rate-limit";
import { requireUser } from "./auth";
import { parseIdempotencyKey, withIdempotencyKey } from "./idempotency";
import type { Actor } from "./permissions";
import { formToObject, IDEMPOTENCY_FIELD, toActionState, type ActionState } from "./respond";

/**
 * One form submission from plain values: resolve the user, parse the values with the zod schema, run
 * one use case, within the user's write-rate limit (action-rate-limit.ts). Refusals come back as messages with the user's input intact, and are logged. The
 * form's hidden `idempotencyKey` (components/action-form.tsx) makes a resubmission of the same form
 * return the first result instead of saving twice (lib/server/idempotency.ts).
 */
export async function submitForm<S extends z.ZodType>(
  values: Record<string, string>,
  resolveActor: () => Promise<Actor>,
  schema: S,
  run: (actor: Actor, input: z.output<S>) => Promise<unknown>,
  success: string,
  idempotencyKey?: string,
): Promise<ActionState> {
  let actor: Actor | undefined;
  try {
    actor = await resolveActor();
    await consumeWriteAction(actor);
    const signedIn = actor;
    const key = parseIdempotencyKey(idempotencyKey, IDEMPOTENCY_FIELD);
    const input = schema.parse(values);
    await withIdempotencyKey(signedIn.id, key, run.name || "form", values, () => run(signedIn, input));
  } catch (error) {
    return toActionState(error, values, { actorId: actor?.id, form: Object.keys(values) });
  }
  return { status: "ok", message: success };
}

/**
 * The shape every form action follows: submitForm with the signed-in user, then refresh the pages
 * that show the result; conflicts and refused steps also refresh them to show the current state.
 */
export async function performFormAction<S extends z.ZodType>(
  formData: FormData,
  schema: S,
  run: (actor: Actor, input: z.output<S>) => Promise<unknown>,
  options: { revalidate: string[]; success: string },
): Promise<ActionState> {
  const key = formData.get(IDEMPOTENCY_FIELD);
  const state = await submitForm(formToObject(formData), requireUser, schema, run, options.success, typeof key === "string" ? key : undefined);
  if (state.status === "ok" || state.code === "CONFLICT" || state.code === "INVALID_TRANSITION") {
    options.revalidate.forEach((p) => revalidatePath(p));
  }
  return state;
}

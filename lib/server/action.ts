import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { requireUser } from "./auth";
import type { Actor } from "./permissions";
import { formToObject, toActionState, type ActionState } from "./respond";

/**
 * The shape every form action follows: resolve the user, parse the form with its zod schema, run one
 * use case from the data-access layer, refresh the pages that show it. Refusals come back as
 * messages with the user's input intact; conflicts also refresh the page to show the current state.
 */
export async function performFormAction<S extends z.ZodType>(
  formData: FormData,
  schema: S,
  run: (actor: Actor, input: z.output<S>) => Promise<unknown>,
  options: { revalidate: string[]; success: string },
): Promise<ActionState> {
  const values = formToObject(formData);
  let actor: Actor | undefined;
  try {
    actor = await requireUser();
    const input = schema.parse(values);
    await run(actor, input);
  } catch (error) {
    const state = toActionState(error, values, { actorId: actor?.id, form: Object.keys(values) });
    if (state.code === "CONFLICT" || state.code === "INVALID_TRANSITION") options.revalidate.forEach((p) => revalidatePath(p));
    return state;
  }
  options.revalidate.forEach((p) => revalidatePath(p));
  return { status: "ok", message: options.success };
}

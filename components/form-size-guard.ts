import type { ActionState } from "@/lib/validation/action-state";
import { formTooLarge } from "@/lib/validation/form-size";

/**
 * Wraps a form's server action so that a form larger than the server accepts
 * (SERVER_ACTION_BODY_LIMIT_BYTES) is refused in the browser with a message and every typed value
 * kept, instead of being sent: Next.js would refuse such a body before the action runs, and the user
 * would see the error page with their text gone. Forms within the limit go to `action` unchanged.
 */
export function guardFormSize<S extends ActionState>(action: (previous: S, form: FormData) => Promise<S>): (previous: S, form: FormData) => Promise<S> {
  return async (previous, form) => (formTooLarge(form) as S | null) ?? action(previous, form);
}

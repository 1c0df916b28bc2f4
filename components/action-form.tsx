"use client";

import { useActionState, type ReactNode } from "react";
import { IDLE_STATE, type ActionState, type FormAction } from "@/lib/validation/action-state";
import { FormMessage } from "./form-message";
import { guardFormSize } from "./form-size-guard";
import { IdempotencyKeyField } from "./idempotency-key-field";
import { rememberRefusal } from "./refused-submission";

/**
 * A form bound to a server action: hidden identifiers, fields rendered from the last answer (so
 * refused input stays and errors sit next to their fields), the answer's message, one submit button.
 */
export function ActionForm({
  action,
  hidden,
  submitLabel,
  submitClass,
  testId,
  inline,
  children,
}: {
  action: FormAction;
  hidden: Record<string, string | number>;
  submitLabel: string;
  submitClass?: string;
  testId?: string;
  inline?: boolean;
  children?: (state: ActionState) => ReactNode;
}) {
  // A refusal because the claim moved on is handed to the page-level panel before React applies the
  // refreshed page, which may no longer contain this form (components/refused-submission.tsx).
  const [state, formAction, pending] = useActionState(
    guardFormSize(async (previous: ActionState, formData: FormData) => {
      const next = await action(previous, formData);
      rememberRefusal(testId ?? submitLabel, next, Object.keys(hidden));
      return next;
    }),
    IDLE_STATE,
  );
  return (
    <form action={formAction} className={inline ? "row" : "stack"} data-testid={testId} noValidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={String(value)} />
      ))}
      <IdempotencyKeyField state={state} />
      {children?.(state)}
      <FormMessage state={state} />
      <div>
        <button type="submit" className={submitClass} disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </button>
      </div>
    </form>
  );
}

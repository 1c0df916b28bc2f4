import type { ActionState as FormState } from "@/lib/validation/action-state";

export function FormMessage({ state }: { state: FormState }) {
  if (state.status === "idle" || !state.message) return null;
  return (
    <p className={`form-message ${state.status}`} data-testid={state.status === "error" ? "form-error" : "form-ok"} aria-live="polite">
      {state.message}
    </p>
  );
}

export function FieldError({ state, name }: { state: FormState; name: string }) {
  const messages = state.fieldErrors?.[name];
  if (!messages?.length) return null;
  return (
    <p className="field-error" id={`${name}-error`} data-testid={`field-error-${name}`}>
      {messages[0]}
    </p>
  );
}

export function invalidProps(state: FormState, name: string) {
  const invalid = Boolean(state.fieldErrors?.[name]?.length);
  return invalid ? { "aria-invalid": true as const, "aria-describedby": `${name}-error` } : {};
}

/** The value to show in a field: what the user typed if the save was refused, else the default. */
export function keptValue(state: FormState, name: string, fallback = ""): string {
  return state.status === "error" ? (state.values?.[name] ?? fallback) : fallback;
}

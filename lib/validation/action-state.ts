import type { FieldErrors } from "@/lib/domain/errors";

/** What a form action answers: shared by the server (lib/server/action.ts) and the forms. */
export type ActionState = {
  status: "idle" | "ok" | "error";
  code?: string;
  message?: string;
  fieldErrors?: FieldErrors;
  /** What the user typed, given back so nothing is lost when a save is refused. */
  values?: Record<string, string>;
};

export const IDLE_STATE: ActionState = { status: "idle" };

export type FormAction = (prev: ActionState, formData: FormData) => Promise<ActionState>;

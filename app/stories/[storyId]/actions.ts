"use server";

import { performFormAction } from "@/lib/server/action";
import { resolveVerdictConflict } from "@/lib/server/story/story-comparison";
import type { ActionState } from "@/lib/validation/action-state";
import { resolveVerdictConflictSchema } from "@/lib/validation/stories";

/** An editor records why a cluster's verdicts differ (or that they were aligned); the story page and its claims' pages refresh. */
export async function resolveVerdictConflictAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const storyId = String(formData.get("storyId") ?? "");
  return performFormAction(formData, resolveVerdictConflictSchema, resolveVerdictConflict, {
    revalidate: [`/stories/${storyId}`, "/stories"],
    success: "Resolution recorded; the warning is lifted until a verdict of these claims changes.",
  });
}

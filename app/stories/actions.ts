"use server";

import { performFormAction } from "@/lib/server/action";
import { createStory } from "@/lib/server/story/change-story";
import type { ActionState } from "@/lib/validation/action-state";
import { createStorySchema } from "@/lib/validation/stories";

/** An editor makes a story by hand from articles in no story yet. */
export async function createStoryAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, createStorySchema, createStory, { revalidate: ["/stories"], success: "Story made." });
}

"use server";

import { redirect } from "next/navigation";
import { performFormAction } from "@/lib/server/action";
import { acceptStoryArticle, addArticleToStory, confirmStory, removeArticleFromStory, renameStory, splitStory } from "@/lib/server/story/change-story";
import type { ActionState } from "@/lib/validation/action-state";
import { confirmStorySchema, renameStorySchema, splitStorySchema, storyArticleSchema } from "@/lib/validation/stories";

/** The pages a story change shows on: the story, the list, and the articles it touched. */
function storyPages(formData: FormData): string[] {
  const storyId = String(formData.get("storyId") ?? "");
  const articles = String(formData.get("articleIds") ?? formData.get("articleId") ?? "")
    .split(",")
    .filter((id) => /^[A-Za-z0-9_-]{1,64}$/.test(id))
    .map((id) => `/articles/${id}`);
  return [`/stories/${storyId}`, "/stories", ...articles];
}

export async function confirmStoryAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, confirmStorySchema, confirmStory, { revalidate: storyPages(formData), success: "Story confirmed." });
}

export async function renameStoryAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, renameStorySchema, renameStory, { revalidate: storyPages(formData), success: "Story renamed." });
}

export async function splitStoryAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, splitStorySchema, splitStory, { revalidate: storyPages(formData), success: "Story split." });
}

export async function addStoryArticleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, storyArticleSchema, addArticleToStory, { revalidate: storyPages(formData), success: "Article added to the story." });
}

/**
 * Removes an article from a story. Removing its last article dissolves the story: its page is gone, so
 * the editor is taken to the stories list, which says so (`?dissolved=1`), instead of a "Not found" page.
 */
export async function removeStoryArticleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  let dissolved = false;
  const state = await performFormAction(
    formData,
    storyArticleSchema,
    async function removeArticleFromStoryStep(actor, input) {
      const result = await removeArticleFromStory(actor, input);
      dissolved = result.version === null;
      return result;
    },
    { revalidate: storyPages(formData), success: "Article removed from the story." },
  );
  if (state.status === "ok" && dissolved) redirect("/stories?dissolved=1");
  return state;
}

export async function acceptStoryArticleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return performFormAction(formData, storyArticleSchema, acceptStoryArticle, { revalidate: storyPages(formData), success: "Article accepted into the story." });
}

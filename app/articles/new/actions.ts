"use server";

import { redirect } from "next/navigation";
import { consumeWriteAction } from "@/lib/server/action-rate-limit";
import { importArticle } from "@/lib/server/articles";
import { requireUser } from "@/lib/server/auth";
import { previewUploadedFile, previewUrl, type ArticlePreview } from "@/lib/server/import-sources";
import { parseIdempotencyKey, withIdempotencyKey } from "@/lib/server/idempotency";
import { formToObject, IDEMPOTENCY_FIELD, toActionState } from "@/lib/server/respond";
import type { ActionState } from "@/lib/validation/action-state";
import { importArticleSchema } from "@/lib/validation/articles";
import { httpUrlSchema } from "@/lib/validation/common";

export type PreviewResult = { ok: true; preview: ArticlePreview } | { ok: false; message: string };

async function preview(run: () => Promise<ArticlePreview>): Promise<PreviewResult> {
  try {
    return { ok: true, preview: await run() };
  } catch (error) {
    return { ok: false, message: toActionState(error, {}).message ?? "That source could not be read." };
  }
}

export async function previewUrlAction(formData: FormData): Promise<PreviewResult> {
  return preview(async () => {
    const actor = await requireUser();
    await consumeWriteAction(actor, "import");
    return previewUrl(actor, httpUrlSchema.parse(formData.get("sourceUrl") ?? ""));
  });
}

export async function previewFileAction(formData: FormData): Promise<PreviewResult> {
  return preview(async () => {
    const actor = await requireUser();
    await consumeWriteAction(actor, "import");
    return previewUploadedFile(actor, formData.get("file"));
  });
}

export async function importArticleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formToObject(formData);
  let target: string;
  try {
    const actor = await requireUser();
    await consumeWriteAction(actor, "import");
    const key = parseIdempotencyKey(formData.get(IDEMPOTENCY_FIELD)?.toString(), IDEMPOTENCY_FIELD);
    const input = importArticleSchema.parse(values);
    const result = await withIdempotencyKey(actor.id, key, "importArticle", values, () => importArticle(actor, input));
    target = `/articles/${result.id}?${result.created ? "imported" : "existing"}=1`;
  } catch (error) {
    return toActionState(error, values, { action: "importArticle" });
  }
  redirect(target);
}

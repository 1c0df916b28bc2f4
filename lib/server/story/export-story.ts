import "server-only";
import { storyComparisonCsv, storyComparisonJson, type StoryExportHeader } from "@/lib/domain/story/export";
import { notFound } from "@/lib/domain/errors";
import { idSchema } from "@/lib/validation/common";
import type { StoryComparison } from "@/lib/domain/story/types";
import { runExtractionTask } from "../extraction-pool/run-task";
import { withPoolSlot } from "../extraction-pool/user-slots";
import type { Actor } from "../permissions";
import { requireRequestActor } from "../request-actor";
import { toErrorResponse } from "../respond";
import { getStoryComparison } from "./story-comparison";

/** The story comparison's download formats. */
export type StoryExportFormat = "csv" | "json" | "pdf";

const CONTENT_TYPES: Record<StoryExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  pdf: "application/pdf",
};

/** The file's body: CSV and JSON built here; the PDF laid out in the worker pool (as the report's PDF), without the article texts. */
async function exportBody(actor: Actor, comparison: StoryComparison, header: StoryExportHeader, format: StoryExportFormat): Promise<string | Uint8Array<ArrayBuffer>> {
  if (format === "csv") return storyComparisonCsv(comparison, header);
  if (format === "json") return storyComparisonJson(comparison, header);
  const withoutTexts = { ...comparison, articles: comparison.articles.map((a) => ({ ...a, text: "" })) };
  return withPoolSlot(actor.id, "pdf", () => runExtractionTask("renderStoryPdf", { comparison: withoutTexts, header }, { work: "pdf" }));
}

/**
 * A story comparison as a file download: the comparison the actor may read (getStoryComparison:
 * a reviewer gets only the claims they can see, resolved verdict conflicts left out) in the domain
 * builders' format (lib/domain/story/export.ts, pdf.ts), named `claimledger-story-<id>.<format>`.
 * @throws AppError NOT_FOUND when the story does not exist or the actor may read nothing in it; the
 * pool's refusals (busy, timeout) for the PDF.
 */
export async function storyExportResponse(actor: Actor, storyId: string, format: StoryExportFormat, now = new Date()): Promise<Response> {
  const { story, comparison } = await getStoryComparison(actor, storyId);
  const header: StoryExportHeader = { storyId: story.id, title: story.title, generatedAt: now.toISOString() };
  return new Response(await exportBody(actor, comparison, header, format), {
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="claimledger-story-${story.id}.${format}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

/**
 * The GET handler of a story export route (`/stories/[storyId]/comparison.<format>`): the acting user
 * (session or API token, lib/server/request-actor.ts), the id checked, errors as the API's answers.
 */
export function storyExportRoute(format: StoryExportFormat) {
  return async function GET(request: Request, context: { params: Promise<{ storyId: string }> }): Promise<Response> {
    try {
      const actor = await requireRequestActor(request);
      const parsedId = idSchema.safeParse((await context.params).storyId);
      if (!parsedId.success) throw notFound("story");
      return await storyExportResponse(actor, parsedId.data, format);
    } catch (error) {
      return toErrorResponse(error, { route: `story-comparison-${format}` });
    }
  };
}

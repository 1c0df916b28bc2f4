import { storyExportRoute } from "@/lib/server/story/export-story";

export const dynamic = "force-dynamic";

/** The story comparison as PDF (lib/server/story/export-story.ts). */
export const GET = storyExportRoute("pdf");

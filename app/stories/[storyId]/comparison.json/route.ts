import { storyExportRoute } from "@/lib/server/story/export-story";

export const dynamic = "force-dynamic";

/** The story comparison as JSON (lib/server/story/export-story.ts). */
export const GET = storyExportRoute("json");

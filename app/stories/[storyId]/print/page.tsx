import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { PrintButton } from "@/components/report/print-button";
import { StoryComparisonSections } from "@/components/story/story-comparison-view";
import { ANY_SCRIPT_CLASS, UserText } from "@/components/user-text";
import { AppError } from "@/lib/domain/errors";
import { getCurrentUser } from "@/lib/server/auth";
import { getStoryComparison } from "@/lib/server/story/story-comparison";

export const metadata: Metadata = { title: "Printable story comparison" };

/**
 * The story comparison laid out for printing (the browser's print, or save as PDF): the same
 * sections as the story page without forms, user text in any script (components/user-text.tsx).
 */
export default async function PrintableStoryPage({ params }: { params: Promise<{ storyId: string }> }) {
  const actor = await getCurrentUser();
  const { storyId } = await params;
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(`/stories/${storyId}/print`)}`);
  const view = await getStoryComparison(actor, storyId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const generated = new Date().toISOString().slice(0, 16).replace("T", " ");
  return (
    <article className={`report ${ANY_SCRIPT_CLASS}`} data-testid="story-print">
      <p className="report-toolbar no-print">
        <PrintButton /> <Link href={`/stories/${view.story.id}`}>Back to the story</Link>
      </p>
      <header>
        <h1>
          Story comparison: <UserText>{view.story.title}</UserText>
        </h1>
        <p className="muted">Generated {generated} UTC · tone is a reading aid, never a verdict.</p>
      </header>
      <StoryComparisonSections view={view} />
    </article>
  );
}

import { getPublicEvidenceArchive } from "@/lib/server/public-site/read-fact-checks";
import { publicFeedHeaders } from "@/lib/server/public-site/feed-response";
import { idSchema } from "@/lib/validation/common";

export const dynamic = "force-dynamic";

/** The archived text of a published fact-check's evidence (plain text, public, cacheable). */
export async function GET(_request: Request, { params }: { params: Promise<{ claimId: string; evidenceId: string }> }) {
  const { claimId, evidenceId } = await params;
  const archive = idSchema.safeParse(claimId).success && idSchema.safeParse(evidenceId).success ? await getPublicEvidenceArchive(claimId, evidenceId) : null;
  if (!archive) return new Response("Not found.\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const head = `Archived ${archive.fetchedAt.toISOString()} from ${archive.url}${archive.sha256 ? `\nSHA-256 of the response body: ${archive.sha256}` : ""}\n\n`;
  return new Response(head + archive.text, { headers: publicFeedHeaders("text/plain; charset=utf-8") });
}

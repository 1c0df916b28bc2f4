import { requireUser } from "@/lib/server/auth";
import { readEvidenceArchive } from "@/lib/server/evidence-archive/archive-evidence";
import { toErrorResponse } from "@/lib/server/respond";

export const dynamic = "force-dynamic";

/** An evidence source's archived copy: readable text (default), ?format=warc (download) or ?format=diff. */
export async function GET(request: Request, { params }: { params: Promise<{ claimId: string; evidenceId: string }> }) {
  try {
    const actor = await requireUser();
    const { claimId, evidenceId } = await params;
    const asked = new URL(request.url).searchParams.get("format");
    const format = asked === "warc" || asked === "diff" ? asked : "text";
    const archive = await readEvidenceArchive(actor, claimId, evidenceId, format);
    const headers: Record<string, string> = { "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" };
    if (archive.kind === "warc") {
      return new Response(new Uint8Array(archive.bytes), {
        headers: { ...headers, "Content-Type": "application/warc", "Content-Disposition": `attachment; filename="${archive.filename}"` },
      });
    }
    return new Response(archive.text, { headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
  } catch (error) {
    return toErrorResponse(error);
  }
}

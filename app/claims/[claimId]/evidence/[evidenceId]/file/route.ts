import { requireUser } from "@/lib/server/auth";
import { assertSameOriginUpload, evidenceFileDownload, uploadEvidenceFileFromRequest } from "@/lib/server/evidence-archive/evidence-file-http";
import { toErrorResponse } from "@/lib/server/respond";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ claimId: string; evidenceId: string }> };

/** The file attached to a piece of evidence, as a download (only for people who can see the claim). */
export async function GET(_request: Request, { params }: Params) {
  try {
    const actor = await requireUser();
    const { claimId, evidenceId } = await params;
    return await evidenceFileDownload(actor, claimId, evidenceId);
  } catch (error) {
    return toErrorResponse(error);
  }
}

/** Attaches a file (raw body; ?version=N&filename=…) to a piece of evidence, from the claim page. */
export async function POST(request: Request, { params }: Params) {
  try {
    assertSameOriginUpload(request);
    const actor = await requireUser();
    const { claimId, evidenceId } = await params;
    return await uploadEvidenceFileFromRequest(actor, request, claimId, evidenceId);
  } catch (error) {
    return toErrorResponse(error, { route: "claims.evidence.file" });
  }
}

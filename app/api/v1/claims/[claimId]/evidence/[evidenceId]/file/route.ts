import { handleApiRequest, otherApiMethods } from "@/lib/server/api-request";
import { evidenceFileDownload, uploadEvidenceFileFromRequest } from "@/lib/server/evidence-archive/evidence-file-http";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ claimId: string; evidenceId: string }> };

export async function GET(request: Request, context: Params) {
  return handleApiRequest(request, "api.claims.evidence.file", async ({ actor }) => {
    const { claimId, evidenceId } = await context.params;
    return evidenceFileDownload(actor, claimId, evidenceId);
  });
}

export async function POST(request: Request, context: Params) {
  return handleApiRequest(request, "api.claims.evidence.file", async ({ actor }) => {
    const { claimId, evidenceId } = await context.params;
    return uploadEvidenceFileFromRequest(actor, request, claimId, evidenceId);
  });
}

export const { PUT, PATCH, DELETE, OPTIONS } = otherApiMethods(["GET", "POST"]);

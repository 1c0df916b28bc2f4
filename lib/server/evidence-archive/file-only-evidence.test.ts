/**
 * Evidence that is a file with no source URL (issue 16d), against a real database (SQLite, or
 * PostgreSQL with TEST_DATABASE): added with the claim page's action path, rights checked before a
 * byte is stored, refusals saving nothing, url null in the API JSON and the reports, a document held
 * by the desk on the public page, and evidence:recheck leaving it alone.
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GET as getClaimRoute } from "@/app/api/v1/claims/[claimId]/route";
import { renderReportCsv } from "@/lib/domain/report/csv";
import type { ApiClaim } from "@/lib/validation/api";
import { addEvidenceFormSchema, URL_OR_FILE_MESSAGE } from "@/lib/validation/evidence";
import { approveVerdict } from "../claim/approve-verdict";
import { proposeVerdict } from "../claim/propose-verdict";
import { publishClaim } from "../claim/publish-claim";
import { getDb } from "../db";
import { addEvidence } from "../evidence";
import { getPublicFactCheck } from "../public-site/read-fact-checks";
import { loadReportDocument } from "../reports";
import { apiRequest, makeApiToken, routeParams } from "../testing/api";
import { claimHistory, makeAssignedClaim, makeUser } from "../testing/factories";
import { addEvidenceWithFile, recheckArchivedEvidence } from "./archive-evidence";
import { sha256Hex, storePath } from "./file-store";

function pdf(): Uint8Array {
  return new TextEncoder().encode(`%PDF-1.4\n% e-mailed memo ${Date.now()}-${Math.random()}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}

const fields = { title: "Memo received by e-mail", publisher: "Ministry press office", quote: "The rate was 3.5 percent.", stance: "REFUTES" } as const;

describe("evidence with a file and no URL", () => {
  it("is saved with the file, not archived, shown with url null in the API and reports, and skipped by evidence:recheck", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const bytes = pdf();
    const input = addEvidenceFormSchema.parse({ claimId: claim.id, url: "  ", hasFile: "1", ...fields });
    expect(input.url).toBe("");
    const evidence = await addEvidenceWithFile(reviewer, input, new File([new Uint8Array(bytes)], "memo.pdf", { type: "text/html" }));
    const db = await getDb();
    const row = await db.evidence.findUniqueOrThrow({ where: { id: evidence.id } });
    expect(row).toMatchObject({ url: "", archiveStatus: null, fetchedAt: null, fileSha256: sha256Hex(bytes), fileSize: bytes.byteLength, fileType: "application/pdf", fileName: "memo.pdf" });
    expect(existsSync(storePath("file", sha256Hex(bytes)))).toBe(true);
    expect(await claimHistory(claim.id)).toContain("evidence.add");

    // REST API: url null, the file described.
    const token = await makeApiToken(await makeUser("ADMIN"), editor, "READ");
    const response = await getClaimRoute(apiRequest("GET", `/api/v1/claims/${claim.id}`, { token: token.secret }), routeParams({ claimId: claim.id }));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: ApiClaim };
    const apiEvidence = body.data.evidence.find((e) => e.id === evidence.id);
    expect(apiEvidence).toMatchObject({ url: null, file: { sha256: sha256Hex(bytes), name: "memo.pdf" }, archive: { status: "PENDING" } });

    // Reports: url null in the model, the file in its place; the CSV carries no empty link.
    const report = await loadReportDocument(editor, { claimId: claim.id, includeWip: true }, { baseUrl: "https://app.example" });
    expect(report.entries[0]!.evidence).toEqual([expect.objectContaining({ url: null, title: fields.title, file: { name: "memo.pdf", sha256: sha256Hex(bytes) } })]);
    const csv = renderReportCsv(report.entries);
    expect(csv).toContain("(file, no URL)");
    expect(csv).toContain(`memo.pdf sha256:${sha256Hex(bytes)}`);

    // evidence:recheck has no source to fetch for it, even if it were marked archived.
    await db.evidence.update({ where: { id: evidence.id }, data: { archiveStatus: "ARCHIVED", snapshotText: "x", recheckedAt: null } });
    await recheckArchivedEvidence({ limit: 10_000 });
    expect(await db.evidence.findUniqueOrThrow({ where: { id: evidence.id } })).toMatchObject({ archiveStatus: "ARCHIVED", recheckedAt: null });
  });

  it("refuses neither URL nor file, a stranger and a renamed web page, saving nothing", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const db = await getDb();
    const count = () => db.evidence.count({ where: { claimId: claim.id } });

    const neither = addEvidenceFormSchema.safeParse({ claimId: claim.id, url: "", ...fields });
    expect(neither.success).toBe(false);
    expect(neither.error?.issues).toEqual([expect.objectContaining({ path: ["url"], message: URL_OR_FILE_MESSAGE })]);
    await expect(addEvidence(reviewer, { claimId: claim.id, url: "", ...fields })).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(addEvidenceWithFile(reviewer, { claimId: claim.id, url: "", ...fields }, new File([], "empty.pdf"))).rejects.toMatchObject({ code: "VALIDATION" });

    const bytes = pdf();
    const stranger = await makeUser("REVIEWER");
    await expect(addEvidenceWithFile(stranger, { claimId: claim.id, url: "", ...fields }, new File([new Uint8Array(bytes)], "memo.pdf"))).rejects.toMatchObject({
      code: expect.stringMatching(/FORBIDDEN|NOT_FOUND/),
    });
    // Rights are checked before a byte is stored.
    expect(existsSync(storePath("file", sha256Hex(bytes)))).toBe(false);

    const html = new TextEncoder().encode("<!doctype html><html><body><script>alert(1)</script></body></html>");
    await expect(addEvidenceWithFile(reviewer, { claimId: claim.id, url: "", ...fields }, new File([html], "memo.pdf"))).rejects.toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE" });
    expect(await count()).toBe(0);
  });

  it("is on the public page as a document held by the desk with its SHA-256, never a link", async () => {
    const editor = await makeUser("EDITOR");
    const approver = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const bytes = pdf();
    await addEvidenceWithFile(reviewer, { claimId: claim.id, url: "", ...fields }, new File([new Uint8Array(bytes)], "memo.pdf"));
    const db = await getDb();
    const current = await db.claim.findUniqueOrThrow({ where: { id: claim.id } });
    const proposed = await proposeVerdict(reviewer, { claimId: claim.id, expectedVersion: current.version, rating: "FALSE", rationale: "The memo says otherwise." });
    const approved = await approveVerdict(approver, { claimId: claim.id, expectedVersion: proposed.version });
    await publishClaim(editor, { claimId: claim.id, expectedVersion: approved.version });
    const page = await getPublicFactCheck(claim.id, "https://public.example");
    expect(page?.evidence).toEqual([expect.objectContaining({ url: null, fileSha256: sha256Hex(bytes), title: fields.title })]);
    expect(JSON.stringify(page)).not.toContain("memo.pdf");
  });
});

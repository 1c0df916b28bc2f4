/**
 * Files attached as evidence, against a real database (SQLite, or PostgreSQL with TEST_DATABASE):
 * rights (who may attach, who may download, blind double review), storage once by SHA-256, refusals
 * by content (a renamed HTML page, SVG, empty), the size cap before and while reading, and the
 * download's headers — through the signed-in route's helpers and the REST API's route handler.
 */
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GET as apiFileGet, POST as apiFilePost } from "@/app/api/v1/claims/[claimId]/evidence/[evidenceId]/file/route";
import { GET as getClaimRoute } from "@/app/api/v1/claims/[claimId]/route";
import type { ApiClaim } from "@/lib/validation/api";
import { getDb } from "../db";
import { env } from "../env";
import { loadReportDocument } from "../reports";
import { apiRequest, expectApiError, makeApiToken, routeParams } from "../testing/api";
import { claimHistory, makeAssignedClaim, makeDoubleReviewClaim, makeEvidence, makeUser } from "../testing/factories";
import { attachEvidenceFile, readEvidenceFile } from "./evidence-file";
import { assertSameOriginUpload, evidenceFileDownload } from "./evidence-file-http";
import { sha256Hex, storePath } from "./file-store";

const PDF = new TextEncoder().encode(`%PDF-1.4\n% evidence ${Date.now()}-${Math.random()}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
/** A 1×1 PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new Blob([new Uint8Array(bytes)]).stream();
}

async function tempFiles(): Promise<string[]> {
  return readdir(path.resolve(env.CLAIMLEDGER_DATA_DIR, "tmp")).catch(() => []);
}

async function streamBytes(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

async function setUp() {
  const admin = await makeUser("ADMIN");
  const editor = await makeUser("EDITOR");
  const reviewer = await makeUser("REVIEWER");
  const { claim } = await makeAssignedClaim(editor, reviewer);
  const evidence = await makeEvidence(reviewer, claim.id);
  return { admin, editor, reviewer, claim, evidence };
}

describe("evidence files", () => {
  it("stores a reviewer's PDF once by SHA-256, records and audits it, and serves it only to people who see the claim", async () => {
    const { editor, reviewer, claim, evidence } = await setUp();
    const file = await attachEvidenceFile(reviewer, {
      claimId: claim.id,
      evidenceId: evidence.id,
      expectedVersion: evidence.version,
      fileName: "../Budget 2026\u202E.pdf",
      declaredLength: PDF.byteLength,
      body: streamOf(PDF),
    });
    expect(file).toEqual({ sha256: sha256Hex(PDF), size: PDF.byteLength, type: "application/pdf", name: "Budget 2026.pdf", version: evidence.version + 1 });
    const row = await (await getDb()).evidence.findUniqueOrThrow({ where: { id: evidence.id } });
    expect(row).toMatchObject({ fileSha256: sha256Hex(PDF), fileSize: PDF.byteLength, fileType: "application/pdf", fileName: "Budget 2026.pdf", version: evidence.version + 1 });
    expect(await claimHistory(claim.id)).toContain("evidence.file");
    const stored = storePath("file", file.sha256);
    const first = await stat(stored);

    // The same bytes on another piece of evidence: the same stored file, not written again.
    const second = await makeEvidence(reviewer, claim.id);
    const again = await attachEvidenceFile(reviewer, { claimId: claim.id, evidenceId: second.id, expectedVersion: second.version, fileName: "copy.pdf", body: streamOf(PDF) });
    expect(again.sha256).toBe(file.sha256);
    expect((await stat(stored)).mtimeMs).toBe(first.mtimeMs);
    expect(await tempFiles()).toEqual([]);

    // The reviewer and an editor download it; another reviewer does not even learn it exists.
    for (const actor of [reviewer, editor]) {
      const read = await readEvidenceFile(actor, claim.id, evidence.id);
      expect(await streamBytes(read.stream)).toEqual(Buffer.from(PDF));
    }
    const stranger = await makeUser("REVIEWER");
    await expect(readEvidenceFile(stranger, claim.id, evidence.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      attachEvidenceFile(stranger, { claimId: claim.id, evidenceId: evidence.id, expectedVersion: evidence.version + 1, fileName: "x.pdf", body: streamOf(PDF) }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // An editor sees the claim but does not review it: may read, may not attach.
    await expect(
      attachEvidenceFile(editor, { claimId: claim.id, evidenceId: evidence.id, expectedVersion: evidence.version + 1, fileName: "x.pdf", body: streamOf(PNG) }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    // The wrong claim id in the address finds nothing.
    await expect(readEvidenceFile(reviewer, "c0000000000000000000000000", evidence.id)).rejects.toMatchObject({ code: "NOT_FOUND" });

    // The download: an attachment, nosniff, the detected type, never inline.
    const response = await evidenceFileDownload(editor, claim.id, evidence.id);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="Budget 2026.pdf"');
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(Buffer.from(await response.arrayBuffer())).toEqual(Buffer.from(PDF));

    // Reports list the file's name and hash.
    const report = await loadReportDocument(editor, { claimId: claim.id, includeWip: true }, { baseUrl: "https://app.example" });
    expect(report.entries[0]!.evidence).toContainEqual(expect.objectContaining({ file: { name: "Budget 2026.pdf", sha256: file.sha256 } }));

    // A stale version (someone attached in between) is a visible conflict, and nothing changes.
    await expect(
      attachEvidenceFile(reviewer, { claimId: claim.id, evidenceId: evidence.id, expectedVersion: evidence.version, fileName: "late.png", body: streamOf(PNG) }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await (await getDb()).evidence.findUniqueOrThrow({ where: { id: evidence.id } })).fileSha256).toBe(file.sha256);
  });

  it("refuses types by content — a renamed HTML page, SVG, an executable, an empty file — and records nothing", async () => {
    const { reviewer, claim, evidence } = await setUp();
    const attach = (bytes: Uint8Array, fileName: string) =>
      attachEvidenceFile(reviewer, { claimId: claim.id, evidenceId: evidence.id, expectedVersion: evidence.version, fileName, declaredLength: bytes.byteLength, body: streamOf(bytes) });
    const html = new TextEncoder().encode("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>");
    await expect(attach(html, "report.pdf")).rejects.toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE", message: expect.stringContaining("an HTML page") });
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
    await expect(attach(svg, "chart.png")).rejects.toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE", message: expect.stringContaining("SVG") });
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, ...new Array(200).fill(0)]);
    await expect(attach(exe, "scan.pdf")).rejects.toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE", message: expect.stringMatching(/type EXE/) });
    await expect(attach(new Uint8Array(), "empty.pdf")).rejects.toMatchObject({ code: "VALIDATION" });
    const row = await (await getDb()).evidence.findUniqueOrThrow({ where: { id: evidence.id } });
    expect(row).toMatchObject({ fileSha256: null, version: evidence.version });
    expect(await claimHistory(claim.id)).not.toContain("evidence.file");
    expect(await tempFiles()).toEqual([]);
    await expect(readEvidenceFile(reviewer, claim.id, evidence.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a file over the cap from its declared length unread, and while streaming one that declares none", async () => {
    const { reviewer, claim, evidence } = await setUp();
    const cap = env.EVIDENCE_FILE_MAX_BYTES;
    let pulled = 0;
    const chunk = 1024 * 1024;
    const endless = () =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled += 1;
          if (pulled > 1000) return controller.close();
          const bytes = new Uint8Array(chunk);
          if (pulled === 1) bytes.set(PDF);
          controller.enqueue(bytes);
        },
      }, { highWaterMark: 0 });
    const upload = { claimId: claim.id, evidenceId: evidence.id, expectedVersion: evidence.version, fileName: "big.pdf" };
    await expect(attachEvidenceFile(reviewer, { ...upload, declaredLength: cap + 1, body: endless() })).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect(pulled, "nothing read when the declared length is over the cap").toBe(0);
    await expect(attachEvidenceFile(reviewer, { ...upload, body: endless() })).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect(pulled, "reading stops soon after the cap").toBeLessThanOrEqual(Math.ceil(cap / chunk) + 3);
    // A body shorter than it announced (a cut connection) is not kept.
    await expect(attachEvidenceFile(reviewer, { ...upload, declaredLength: PDF.byteLength + 10, body: streamOf(PDF) })).rejects.toMatchObject({ code: "VALIDATION" });
    expect((await (await getDb()).evidence.findUniqueOrThrow({ where: { id: evidence.id } })).fileSha256).toBeNull();
    expect(await tempFiles()).toEqual([]);
  });

  it("keeps a blind double reviewer's file from the other reviewer until both have proposed", async () => {
    const editor = await makeUser("EDITOR");
    const first = await makeUser("REVIEWER");
    const second = await makeUser("REVIEWER");
    const { claim } = await makeDoubleReviewClaim(editor, first, second);
    const evidence = await makeEvidence(first, claim.id);
    await attachEvidenceFile(first, { claimId: claim.id, evidenceId: evidence.id, expectedVersion: evidence.version, fileName: "leak.png", body: streamOf(PNG) });
    expect((await readEvidenceFile(first, claim.id, evidence.id)).type.mime).toBe("image/png");
    await expect(readEvidenceFile(second, claim.id, evidence.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      attachEvidenceFile(second, { claimId: claim.id, evidenceId: evidence.id, expectedVersion: evidence.version + 1, fileName: "x.pdf", body: streamOf(PDF) }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses a cookie upload sent from another site", () => {
    const request = (headers: Record<string, string>) => new Request("http://127.0.0.1:3000/claims/c/evidence/e/file", { method: "POST", headers });
    expect(() => assertSameOriginUpload(request({ "sec-fetch-site": "same-origin" }))).not.toThrow();
    expect(() => assertSameOriginUpload(request({ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" }))).not.toThrow();
    expect(() => assertSameOriginUpload(request({ "sec-fetch-site": "cross-site", origin: "https://evil.example" }))).toThrow(/own pages/);
    expect(() => assertSameOriginUpload(request({ origin: "https://evil.example", host: "127.0.0.1:3000" }))).toThrow(/own pages/);
    expect(() => assertSameOriginUpload(request({}))).toThrow(/own pages/);
  });
});

describe("POST/GET /api/v1/claims/{claimId}/evidence/{evidenceId}/file", () => {
  it("attaches raw bytes with a write token, shows the file in the claim JSON, downloads it as an attachment; refuses by content and scope", async () => {
    const { admin, reviewer, claim, evidence } = await setUp();
    const token = await makeApiToken(admin, reviewer, "WRITE");
    const readToken = await makeApiToken(admin, reviewer, "READ");
    const url = (query: string) => `/api/v1/claims/${claim.id}/evidence/${evidence.id}/file${query}`;
    const params = routeParams({ claimId: claim.id, evidenceId: evidence.id });

    const html = new TextEncoder().encode("<html><body>not a pdf</body></html>");
    const refused = await apiFilePost(
      apiRequest("POST", url(`?version=${evidence.version}&filename=evil.pdf`), { token: token.secret, rawBody: streamOf(html), headers: { "content-type": "application/pdf" } }),
      params,
    );
    expect((await expectApiError(refused, 415, "UNSUPPORTED_MEDIA_TYPE")).message).toContain("an HTML page");
    await expectApiError(await apiFilePost(apiRequest("POST", url(`?version=${evidence.version}`), { token: readToken.secret, rawBody: streamOf(PNG) }), params), 403, "FORBIDDEN");
    await expectApiError(await apiFilePost(apiRequest("POST", url(""), { token: token.secret, rawBody: streamOf(PNG) }), params), 400, "VALIDATION");

    const created = await apiFilePost(
      apiRequest("POST", url(`?version=${evidence.version}`), {
        token: token.secret,
        rawBody: streamOf(PNG),
        headers: { "content-type": "application/octet-stream", "x-file-name": encodeURIComponent("Фото свидетеля.png") },
      }),
      params,
    );
    expect(created.status).toBe(201);
    const body = (await created.json()) as { data: { sha256: string; size: number; type: string; name: string; evidenceVersion: number } };
    expect(body.data).toEqual({ sha256: sha256Hex(PNG), size: PNG.byteLength, type: "image/png", name: "Фото свидетеля.png", evidenceVersion: evidence.version + 1 });

    const claimJson = (await (await getClaimRoute(apiRequest("GET", `/api/v1/claims/${claim.id}`, { token: readToken.secret }), routeParams({ claimId: claim.id }))).json()) as { data: ApiClaim };
    expect(claimJson.data.evidence.find((e) => e.id === evidence.id)?.file).toEqual({ sha256: sha256Hex(PNG), size: PNG.byteLength, type: "image/png", name: "Фото свидетеля.png" });

    const download = await apiFileGet(apiRequest("GET", url(""), { token: readToken.secret }), params);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("image/png");
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename="[^"]*\.png"; filename\*=UTF-8''%D0%A4%D0%BE%D1%82%D0%BE/);
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await download.arrayBuffer())).toEqual(PNG);

    const outsider = await makeUser("REVIEWER");
    const outsiderToken = await makeApiToken(admin, outsider, "READ");
    await expectApiError(await apiFileGet(apiRequest("GET", url(""), { token: outsiderToken.secret }), params), 404, "NOT_FOUND");
  });
});

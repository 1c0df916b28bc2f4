import http from "node:http";
import type { AddressInfo } from "node:net";
import { WARCParser } from "warcio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db";
import { USER_WAITING_LIMIT, userSlotLimit, withPoolSlot } from "../extraction-pool/user-slots";
import { loadReportDocument } from "../reports";
import { claimHistory, makeAssignedClaim, makeUser } from "../testing/factories";
import { sha256Hex } from "./file-store";
import { addEvidenceAndArchive, archiveEvidence, readEvidenceArchive, recheckArchivedEvidence } from "./archive-evidence";

/** A local fixture server on 127.0.0.1, admitted by the test-only fetch allowlist; its pages can change. */
const pages = new Map<string, { status: number; type: string; body: string }>();
let server: http.Server;
let origin = "";
const previousAllowlist = process.env.CLAIMLEDGER_FETCH_ALLOWLIST;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const page = pages.get(req.url ?? "") ?? { status: 404, type: "text/plain", body: "not found" };
    res.writeHead(page.status, { "content-type": page.type, "x-fixture": "yes" });
    res.end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  origin = `http://${host}`;
  process.env.CLAIMLEDGER_FETCH_ALLOWLIST = host;
});

afterAll(async () => {
  process.env.CLAIMLEDGER_FETCH_ALLOWLIST = previousAllowlist;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const article = (sentence: string) =>
  `<!doctype html><html><head><title>Agency figures</title></head><body><nav>Menu Home About</nav><article><h1>Agency figures</h1>` +
  `<p>${sentence} The agency published its quarterly table on Monday, listing every region and the method it used for the count.</p>` +
  `<p>Officials said the figures would be revised only if new survey data arrived, which happens about twice a year in most regions.</p></article></body></html>`;

async function evidenceRow(id: string) {
  return (await getDb()).evidence.findUniqueOrThrow({ where: { id } });
}

describe("evidence archiving", () => {
  it("archives a URL on add: readable text, SHA-256 of the body, time, and a WARC record of the raw response", async () => {
    const path = `/source-${Date.now()}`;
    const html = article("Unemployment fell to 3.5 percent last year.");
    pages.set(path, { status: 200, type: "text/html; charset=utf-8", body: html });
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const before = Date.now();
    const evidence = await addEvidenceAndArchive(reviewer, { claimId: claim.id, url: `${origin}${path}`, title: "Agency table", publisher: "Agency", quote: "3.5 percent", stance: "SUPPORTS" });
    const row = await evidenceRow(evidence.id);
    expect(row.archiveStatus).toBe("ARCHIVED");
    expect(row.snapshotText).toContain("Unemployment fell to 3.5 percent last year.");
    expect(row.snapshotText).not.toContain("Menu Home About");
    expect(row.snapshotSha256).toBe(sha256Hex(html));
    expect(row.fetchedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(row.version).toBe(evidence.version);
    expect(await claimHistory(claim.id)).toContain("evidence.archive");

    const warc = await readEvidenceArchive(reviewer, claim.id, evidence.id, "warc");
    expect(warc.kind).toBe("warc");
    const records: { type: unknown; uri: unknown; status: unknown; body: string }[] = [];
    for await (const record of new WARCParser([warc.kind === "warc" ? new Uint8Array(warc.bytes) : new Uint8Array()])) {
      records.push({ type: record.warcType, uri: record.warcTargetURI, status: record.httpHeaders?.statusCode, body: await record.contentText() });
    }
    expect(records.map((r) => r.type)).toEqual(["warcinfo", "response"]);
    expect(records[1]).toMatchObject({ uri: `${origin}${path}`, status: 200, body: html });

    // Reports list the archive time and SHA-256 of each piece of evidence (both databases' JSON aggregates).
    const report = await loadReportDocument(editor, { claimId: claim.id, includeWip: true }, { baseUrl: "https://app.example" });
    expect(report.entries[0]!.evidence).toEqual([expect.objectContaining({ archivedAt: row.fetchedAt!.toISOString(), sha256: sha256Hex(html) })]);

    // Someone who cannot see the claim gets nothing.
    const other = await makeUser("REVIEWER");
    await expect(readEvidenceArchive(other, claim.id, evidence.id, "text")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("reads a source's page in the reviewer's share of the worker pool: with their share full the evidence is kept and its archive fails with the reason, while another reviewer's archives", async () => {
    const path = `/share-${Date.now()}`;
    pages.set(path, { status: 200, type: "text/html; charset=utf-8", body: article("Exports rose by 12 percent in the spring.") });
    const editor = await makeUser("EDITOR");
    const [busy, other] = [await makeUser("REVIEWER"), await makeUser("REVIEWER")];
    const [{ claim: busyClaim }, { claim: otherClaim }] = [await makeAssignedClaim(editor, busy), await makeAssignedClaim(editor, other)];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // Every slot of `busy` taken and as many of their operations waiting as may wait.
    const held = Array.from({ length: userSlotLimit() + USER_WAITING_LIMIT }, () => withPoolSlot(busy.id, "analysis", () => gate));
    try {
      const input = { url: `${origin}${path}`, title: "Trade table", publisher: "Agency", quote: "12 percent", stance: "SUPPORTS" as const };
      const refused = await evidenceRow((await addEvidenceAndArchive(busy, { ...input, claimId: busyClaim.id })).id);
      expect(refused.archiveStatus).toBe("FAILED");
      expect(refused.archiveError).toMatch(/^You already have several articles being analysed/);
      const archived = await evidenceRow((await addEvidenceAndArchive(other, { ...input, claimId: otherClaim.id })).id);
      expect(archived.archiveStatus).toBe("ARCHIVED");
      expect(archived.snapshotText).toContain("Exports rose by 12 percent");
    } finally {
      release();
      await Promise.all(held);
    }
  });

  it("keeps the evidence and records the reason when the fetch fails or is refused; Retry archives it later", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const path = `/later-${Date.now()}`;
    const refused = await addEvidenceAndArchive(reviewer, { claimId: claim.id, url: "http://127.0.0.1:9/private", title: "Private", publisher: "P", quote: "q", stance: "CONTEXT" });
    expect(await evidenceRow(refused.id)).toMatchObject({ archiveStatus: "FAILED", title: "Private", deletedAt: null, snapshotText: null });
    expect((await evidenceRow(refused.id)).archiveError).toMatch(/private network or this machine/);

    const missing = await addEvidenceAndArchive(reviewer, { claimId: claim.id, url: `${origin}${path}`, title: "Not yet", publisher: "P", quote: "q", stance: "CONTEXT" });
    expect(await evidenceRow(missing.id)).toMatchObject({ archiveStatus: "FAILED", archiveError: "The page answered with HTTP 404." });
    pages.set(path, { status: 200, type: "text/plain; charset=utf-8", body: "The page is there now." });
    expect(await archiveEvidence(reviewer, missing.id)).toEqual({ status: "ARCHIVED" });
    expect(await evidenceRow(missing.id)).toMatchObject({ archiveStatus: "ARCHIVED", archiveError: null, snapshotText: "The page is there now." });
  });

  it("evidence:recheck marks changed sources with a diff and disappeared ones as gone", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const stay = `/stay-${Date.now()}`;
    const change = `/change-${Date.now()}`;
    const vanish = `/vanish-${Date.now()}`;
    pages.set(stay, { status: 200, type: "text/plain", body: "Same text." });
    pages.set(change, { status: 200, type: "text/plain", body: "The rate was 3.5 percent." });
    pages.set(vanish, { status: 200, type: "text/plain", body: "Here today." });
    const ids: string[] = [];
    for (const p of [stay, change, vanish]) {
      ids.push((await addEvidenceAndArchive(reviewer, { claimId: claim.id, url: `${origin}${p}`, title: p, publisher: "P", quote: "q", stance: "CONTEXT" })).id);
    }
    pages.set(change, { status: 200, type: "text/plain", body: "The rate was 3.7 percent." });
    pages.delete(vanish);
    // Rows never rechecked come first, so these three are among the first (others may exist).
    await recheckArchivedEvidence({ limit: 10_000 });
    const [a, b, c] = await Promise.all(ids.map(evidenceRow));
    expect(a).toMatchObject({ archiveStatus: "ARCHIVED", recheckDiff: null });
    expect(b!.archiveStatus).toBe("CHANGED");
    expect(b!.recheckDiff).toContain("-The rate was 3.5 percent.");
    expect(b!.recheckDiff).toContain("+The rate was 3.7 percent.");
    expect(b!.snapshotText).toBe("The rate was 3.5 percent.");
    expect(c).toMatchObject({ archiveStatus: "GONE", snapshotText: "Here today." });
    expect(c!.recheckedAt).not.toBeNull();
    const diff = await readEvidenceArchive(editor, claim.id, ids[1]!, "diff");
    expect(diff.kind === "text" && diff.text).toContain("+The rate was 3.7 percent.");
  });
});

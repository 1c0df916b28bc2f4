/**
 * The REST API's evidence goes through the claim page's add-then-archive step (issue 16): the source is
 * fetched from a local fixture server (allowlisted for tests, as the e2e config does) outside the
 * request's transaction, and the API's evidence JSON carries the archive state. The claim JSON names
 * the claimant.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as addEvidenceRoute } from "@/app/api/v1/claims/[claimId]/evidence/route";
import { GET as getClaimRoute } from "@/app/api/v1/claims/[claimId]/route";
import { GET as listClaimsRoute } from "@/app/api/v1/claims/route";
import type { ApiClaim, ApiClaimPage, ApiEvidence } from "@/lib/validation/api";
import { setClaimant } from "./claimant";
import { getDb } from "./db";
import { sha256Hex } from "./evidence-archive/file-store";
import { apiRequest, makeApiToken, routeParams } from "./testing/api";
import { claimHistory, makeAssignedClaim, makeUser } from "./testing/factories";

const PAGE = "<!doctype html><html><head><title>Ministry table</title></head><body><article><h1>Ministry table</h1><p>The ministry counted 2,000 missiles in its annual table, published on Monday with the method used for every region.</p><p>The count is revised twice a year when new survey data arrive from the regions and the agencies.</p></article></body></html>";
let server: http.Server;
let origin = "";
let hits = 0;
const previousAllowlist = process.env.CLAIMLEDGER_FETCH_ALLOWLIST;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits += 1;
    if (req.url === "/table") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(PAGE);
    } else {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("gone");
    }
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

const body = (url: string) => ({ url, title: "Ministry table", publisher: "Ministry", quote: "2,000 missiles", stance: "REFUTES" });

describe("REST API evidence archiving", () => {
  it("archives the source of evidence added through the API and shows the archive state; a failed fetch keeps the evidence with its reason", async () => {
    const admin = await makeUser("ADMIN");
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const token = await makeApiToken(admin, reviewer, "WRITE");
    const post = (url: string, key?: string) =>
      addEvidenceRoute(
        apiRequest("POST", `/api/v1/claims/${claim.id}/evidence`, { token: token.secret, body: body(url), headers: key ? { "idempotency-key": key } : {} }),
        routeParams({ claimId: claim.id }),
      );

    const before = Date.now();
    const response = await post(`${origin}/table`, `archive-${claim.id}`);
    expect(response.status).toBe(201);
    const { data } = (await response.json()) as { data: ApiEvidence };
    expect(data.archive).toMatchObject({ status: "ARCHIVED", error: null, sha256: sha256Hex(PAGE), recheckedAt: null });
    expect(Date.parse(data.archive.archivedAt!)).toBeGreaterThanOrEqual(before - 1000);
    const row = await (await getDb()).evidence.findUniqueOrThrow({ where: { id: data.id } });
    expect(row.snapshotText).toContain("The ministry counted 2,000 missiles");
    expect(row.warcSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await claimHistory(claim.id)).toEqual(expect.arrayContaining(["evidence.add", "evidence.archive"]));

    // A retry with the same idempotency key returns the same evidence and does not fetch again.
    const hitsBefore = hits;
    const replay = await post(`${origin}/table`, `archive-${claim.id}`);
    expect(((await replay.json()) as { data: ApiEvidence }).data).toMatchObject({ id: data.id, archive: { status: "ARCHIVED" } });
    expect(hits).toBe(hitsBefore);

    const failed = await post(`${origin}/missing`);
    expect(failed.status).toBe(201);
    const missing = ((await failed.json()) as { data: ApiEvidence }).data;
    expect(missing.archive).toEqual({ status: "FAILED", error: "The page answered with HTTP 404.", archivedAt: null, sha256: null, recheckedAt: null });

    // The claim JSON lists both with their archive state.
    const read = await getClaimRoute(apiRequest("GET", `/api/v1/claims/${claim.id}`, { token: token.secret }), routeParams({ claimId: claim.id }));
    const evidence = ((await read.json()) as { data: ApiClaim }).data.evidence;
    expect(evidence.map((e) => [e.id, e.archive.status])).toEqual([
      [data.id, "ARCHIVED"],
      [missing.id, "FAILED"],
    ]);
    expect(evidence[0]!.file).toBeNull();
  });
});

describe("claimant in the API's claim JSON", () => {
  it("shows the claimant and its kind once an editor sets them, null before, in the claim and the list", async () => {
    const admin = await makeUser("ADMIN");
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const token = await makeApiToken(admin, editor, "READ");
    const readClaim = async () =>
      ((await (await getClaimRoute(apiRequest("GET", `/api/v1/claims/${claim.id}`, { token: token.secret }), routeParams({ claimId: claim.id }))).json()) as { data: ApiClaim }).data;

    await setClaimant(editor, { claimId: claim.id, claimant: null, expectedVersion: claim.version });
    const cleared = await readClaim();
    expect(cleared).toMatchObject({ claimant: null, claimantKind: null });
    await setClaimant(editor, { claimId: claim.id, claimant: "Pete Hegseth", claimantKind: "PERSON", expectedVersion: cleared.version });
    expect(await readClaim()).toMatchObject({ claimant: "Pete Hegseth", claimantKind: "PERSON" });

    const page = (await (await listClaimsRoute(apiRequest("GET", `/api/v1/claims?limit=500&assigneeId=${reviewer.id}`, { token: token.secret }))).json()) as ApiClaimPage;
    expect(page.data.find((c) => c.id === claim.id)).toMatchObject({ claimant: "Pete Hegseth", claimantKind: "PERSON" });
  });
});

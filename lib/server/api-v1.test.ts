/**
 * The REST API through its route handlers, with real Request objects: pagination, If-Match, bad
 * bodies, scopes and visibility.
 */
import { describe, expect, it } from "vitest";
import { POST as importArticleRoute } from "@/app/api/v1/articles/route";
import { GET as getClaimRoute } from "@/app/api/v1/claims/[claimId]/route";
import { POST as addEvidenceRoute } from "@/app/api/v1/claims/[claimId]/evidence/route";
import { POST as proposeVerdictRoute } from "@/app/api/v1/claims/[claimId]/verdict/route";
import { GET as listClaimsRoute } from "@/app/api/v1/claims/route";
import { GET as openApiRoute } from "@/app/api/v1/openapi.json/route";
import { GET as reportsRoute } from "@/app/api/v1/reports/route";
import type { ApiClaim, ApiClaimPage } from "@/lib/validation/api";
import { MAX_JSON_BODY_BYTES, MAX_PAGE_SIZE } from "@/lib/validation/api";
import { REPEATED_SEARCH_MESSAGE } from "@/lib/validation/claims";
import { revokeApiToken } from "./api-tokens";
import { getDb } from "./db";
import { apiRequest, expectApiError, makeApiToken, routeParams } from "./testing/api";
import { claimState, makeArticle, makeAssignedClaim, makeEvidence, makePublishedClaim, makeUser } from "./testing/factories";

const EVIDENCE = {
  url: "https://example.org/report",
  title: "Annual report",
  publisher: "Example Agency",
  quote: "The figure was 2,000, not 3,000.",
  stance: "REFUTES",
};

async function desk() {
  const admin = await makeUser("ADMIN");
  const editor = await makeUser("EDITOR");
  const reviewer = await makeUser("REVIEWER");
  return { admin, editor, reviewer };
}

async function readJson<T>(response: Response): Promise<T> {
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  return (await response.json()) as T;
}

async function getClaim(token: string, claimId: string) {
  return getClaimRoute(apiRequest("GET", `/api/v1/claims/${claimId}`, { token }), routeParams({ claimId }));
}

describe("GET /api/v1/claims", () => {
  it("pages through every claim exactly once in keyset order while claims are being inserted", async () => {
    const { admin, editor } = await desk();
    const token = await makeApiToken(admin, editor, "READ");
    for (let i = 0; i < 3; i++) await makeArticle(editor);
    const db = await getDb();
    const before = await db.claim.findMany({ where: { status: { notIn: ["SUGGESTED", "REJECTED"] } }, select: { id: true } });
    expect(before.length).toBeGreaterThan(10);
    const inserted: string[] = [];
    /** Claims whose insert had finished before a later page was asked for: they must show up. */
    const guaranteed: string[] = [];
    const seen: { id: string; createdAt: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      // Small pages while the imports run (the first 4), then the largest page: the desk holds every earlier
      // test file's claims, and one token may send only API_RATE_LIMIT_PER_TOKEN requests a minute.
      const limit = pages < 4 ? 4 : MAX_PAGE_SIZE;
      const query: string = cursor ? `?limit=${limit}&cursor=${cursor}` : `?limit=${limit}`;
      // Another editor imports an article while this page is read.
      const [response, article] = await Promise.all([
        listClaimsRoute(apiRequest("GET", `/api/v1/claims${query}`, { token: token.secret })),
        pages < 3 ? makeArticle(editor) : Promise.resolve(null),
      ]);
      expect(response.status).toBe(200);
      const page = await readJson<ApiClaimPage>(response);
      expect(page.data.length).toBeLessThanOrEqual(limit);
      if (page.nextCursor) expect(page.data).toHaveLength(limit);
      if (article) inserted.push(...article.claims.map((c) => c.id));
      if (article && page.nextCursor) guaranteed.push(...article.claims.map((c) => c.id));
      seen.push(...page.data.map((c) => ({ id: c.id, createdAt: c.createdAt })));
      cursor = page.nextCursor;
      pages += 1;
      expect(pages, "paging ends").toBeLessThan(10_000);
    } while (cursor);

    const ids = seen.map((c) => c.id);
    expect(pages).toBeGreaterThan(3);
    expect(new Set(ids).size, "no claim twice").toBe(ids.length);
    for (const { id } of before) expect(ids, `claim ${id} present at the start`).toContain(id);
    const allowed = new Set([...before.map((c) => c.id), ...inserted]);
    for (const id of ids) expect(allowed.has(id)).toBe(true);
    // New claims sort after everything already there, so paging on picks them up.
    expect(guaranteed.length).toBeGreaterThan(0);
    for (const id of guaranteed) expect(ids).toContain(id);
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1]!, seen[i]!];
      expect(a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id), `${a.id} before ${b.id}`).toBe(true);
    }
  });

  it("applies the claims page's filters and the token user's visibility", async () => {
    const { admin, editor, reviewer } = await desk();
    const other = await makeUser("REVIEWER");
    const mine = await makeAssignedClaim(editor, reviewer);
    const theirs = await makeAssignedClaim(editor, other);
    const reviewerToken = await makeApiToken(admin, reviewer, "READ");
    const editorToken = await makeApiToken(admin, editor, "READ");

    const reviewerPage = await readJson<ApiClaimPage>(await listClaimsRoute(apiRequest("GET", "/api/v1/claims?limit=500", { token: reviewerToken.secret })));
    expect(reviewerPage.data.map((c) => c.id)).toEqual([mine.claim.id]);
    expect(reviewerPage.nextCursor).toBeNull();
    expect(reviewerPage.data[0]).toMatchObject({ status: "ASSIGNED", etag: `"v${mine.claim.version}"`, assignee: { id: reviewer.id } });

    const byArticle = await readJson<ApiClaimPage>(
      await listClaimsRoute(apiRequest("GET", `/api/v1/claims?articleId=${theirs.article.id}&status=ASSIGNED`, { token: editorToken.secret })),
    );
    expect(byArticle.data.map((c) => c.id)).toEqual([theirs.claim.id]);
    const unassigned = await readJson<ApiClaimPage>(
      await listClaimsRoute(apiRequest("GET", `/api/v1/claims?articleId=${theirs.article.id}&assigneeId=none&limit=500`, { token: editorToken.secret })),
    );
    expect(unassigned.data.length).toBe(theirs.article.claims.length - 1);
    expect(unassigned.data.every((c) => c.assignee === null && c.article.id === theirs.article.id)).toBe(true);
  });

  it("refuses page sizes outside 1–500, bad cursors and unknown parameters with 400", async () => {
    const { admin, editor } = await desk();
    const token = await makeApiToken(admin, editor, "READ");
    const list = (query: string) => listClaimsRoute(apiRequest("GET", `/api/v1/claims${query}`, { token: token.secret }));
    for (const query of ["?limit=0", "?limit=501", "?limit=-1", "?limit=abc", "?limit=2.5", "?limit=", "?limit=1&limit=2"]) {
      const error = await expectApiError(await list(query), 400, "VALIDATION");
      expect(error.fields?.limit, query).toBeDefined();
    }
    for (const query of ["?cursor=nonsense", "?cursor=" + Buffer.from('[1,"x\' OR 1=1"]').toString("base64url")]) {
      const error = await expectApiError(await list(query), 400, "VALIDATION");
      expect(error.fields?.cursor, query).toBeDefined();
    }
    const unknown = await expectApiError(await list("?limit=5&sort=id;DROP TABLE Claim"), 400, "VALIDATION");
    expect(unknown.message).toContain("sort");
    // A repeated search is refused, never read as one of its values (the claims page drops and names it).
    for (const query of ["?q=harbour&q=bridge", "?q=harbour&q=harbour", "?limit=5&q=a&q=&q=b"]) {
      const repeated = await expectApiError(await list(query), 400, "VALIDATION");
      expect([repeated.message, repeated.fields?.q], query).toEqual([REPEATED_SEARCH_MESSAGE, [REPEATED_SEARCH_MESSAGE]]);
    }
    const report = await expectApiError(await reportsRoute(apiRequest("GET", "/api/v1/reports?format=csv&q=a&q=b", { token: token.secret })), 400, "VALIDATION");
    expect(report.message).toBe(REPEATED_SEARCH_MESSAGE);
    for (const [query, size] of [["?limit=1", 1], ["?limit=500", 500], ["", 50]] as const) {
      const page = await readJson<ApiClaimPage>(await list(query));
      expect(page.data.length, query).toBeLessThanOrEqual(size);
      expect(page.data.length, query).toBeGreaterThan(0);
      if (page.data.length < size) expect(page.nextCursor).toBeNull();
    }
  });
});

describe("GET /api/v1/claims/{claimId}", () => {
  it("returns the claim with an ETag of its version; another reviewer's claim is 404", async () => {
    const { admin, editor, reviewer } = await desk();
    const other = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    await makeEvidence(reviewer, claim.id);
    const state = await claimState(claim.id);
    const token = await makeApiToken(admin, reviewer, "READ");
    const response = await getClaim(token.secret, claim.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("etag")).toBe(`"v${state.version}"`);
    const { data } = await readJson<{ data: ApiClaim }>(response);
    expect(data).toMatchObject({ id: claim.id, version: state.version, etag: `"v${state.version}"`, status: "IN_REVIEW" });
    expect(data.evidence).toHaveLength(1);
    expect(data.evidence[0]).toMatchObject({ stance: "REFUTES", addedBy: { id: reviewer.id } });

    const otherToken = await makeApiToken(admin, other, "WRITE");
    await expectApiError(await getClaim(otherToken.secret, claim.id), 404, "NOT_FOUND");
    await expectApiError(await getClaim(otherToken.secret, "no-such-claim"), 404, "NOT_FOUND");
    await expectApiError(await getClaim(otherToken.secret, "../../etc/passwd"), 404, "NOT_FOUND");
    // Nor can they write to it.
    const write = await addEvidenceRoute(apiRequest("POST", `/api/v1/claims/${claim.id}/evidence`, { token: otherToken.secret, body: EVIDENCE }), routeParams({ claimId: claim.id }));
    await expectApiError(write, 404, "NOT_FOUND");
    expect(await claimState(claim.id)).toEqual(state);
  });
});

describe("POST /api/v1/claims/{claimId}/evidence", () => {
  it("adds evidence as the assigned reviewer and moves the claim into review", async () => {
    const { admin, editor, reviewer } = await desk();
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const token = await makeApiToken(admin, reviewer, "WRITE");
    const before = await claimState(claim.id);
    const response = await addEvidenceRoute(
      apiRequest("POST", `/api/v1/claims/${claim.id}/evidence`, { token: token.secret, body: EVIDENCE }),
      routeParams({ claimId: claim.id }),
    );
    expect(response.status).toBe(201);
    const body = await readJson<{ data: { id: string; url: string }; claim: { status: string; version: number; etag: string } }>(response);
    expect(body.data).toMatchObject({ url: EVIDENCE.url, title: EVIDENCE.title });
    const after = await claimState(claim.id);
    expect(after).toMatchObject({ status: "IN_REVIEW", evidence: before.evidence + 1 });
    expect(body.claim).toEqual({ id: claim.id, status: "IN_REVIEW", version: after.version, etag: `"v${after.version}"` });
  });

  it("refuses bad bodies with the error shape and changes nothing", async () => {
    const { admin, editor, reviewer } = await desk();
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const token = await makeApiToken(admin, reviewer, "WRITE");
    const readToken = await makeApiToken(admin, reviewer, "READ");
    const before = await claimState(claim.id);
    const post = (options: Parameters<typeof apiRequest>[2]) =>
      addEvidenceRoute(apiRequest("POST", `/api/v1/claims/${claim.id}/evidence`, { token: token.secret, ...options }), routeParams({ claimId: claim.id }));

    for (const rawBody of ['{"url": "https://a.b",', "[1,2]", "null", "", "42", '"text"']) {
      const error = await expectApiError(await post({ rawBody }), 400, "VALIDATION");
      expect(error.fields?.body, rawBody).toBeDefined();
    }
    const badUtf8 = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    await expectApiError(await post({ rawBody: new Blob([badUtf8]).stream() }), 400, "VALIDATION");

    const massAssignment = await expectApiError(await post({ body: { ...EVIDENCE, claimId: "other", addedById: admin.id } }), 400, "VALIDATION");
    expect(massAssignment.message).toMatch(/claimId/);
    const invalidUrl = await expectApiError(await post({ body: { ...EVIDENCE, url: "javascript:alert(1)" } }), 400, "VALIDATION");
    expect(invalidUrl.fields?.url).toBeDefined();
    const missing = await expectApiError(await post({ body: { url: EVIDENCE.url } }), 400, "VALIDATION");
    expect(Object.keys(missing.fields ?? {})).toEqual(expect.arrayContaining(["title", "publisher", "quote", "stance"]));

    await expectApiError(await post({ rawBody: JSON.stringify(EVIDENCE), headers: { "content-type": "text/plain" } }), 415, "UNSUPPORTED_MEDIA_TYPE");

    // Oversized: refused from the declared length, and while streaming a body that declares none.
    const huge = JSON.stringify({ ...EVIDENCE, quote: "x".repeat(MAX_JSON_BODY_BYTES) });
    await expectApiError(await post({ rawBody: huge, headers: { "content-length": String(Buffer.byteLength(huge)) } }), 413, "PAYLOAD_TOO_LARGE");
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        if (pulled > 10_000) return controller.close();
        controller.enqueue(new TextEncoder().encode("x".repeat(16 * 1024)));
      },
    });
    await expectApiError(await post({ rawBody: endless }), 413, "PAYLOAD_TOO_LARGE");
    expect(pulled, "reading stops soon after the cap").toBeLessThan(MAX_JSON_BODY_BYTES / (16 * 1024) + 4);

    const readOnly = await addEvidenceRoute(
      apiRequest("POST", `/api/v1/claims/${claim.id}/evidence`, { token: readToken.secret, body: EVIDENCE }),
      routeParams({ claimId: claim.id }),
    );
    await expectApiError(readOnly, 403, "FORBIDDEN");
    expect(await claimState(claim.id)).toEqual(before);
  });
});

describe("POST /api/v1/claims/{claimId}/verdict", () => {
  it("needs If-Match: missing 428, stale 412 with the current state, current 200 with the new ETag", async () => {
    const { admin, editor, reviewer } = await desk();
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const token = await makeApiToken(admin, reviewer, "WRITE");
    const verdict = { rating: "FALSE", rationale: "The agency's report says 2,000." };
    const propose = (headers: Record<string, string>, body: unknown = verdict) =>
      proposeVerdictRoute(apiRequest("POST", `/api/v1/claims/${claim.id}/verdict`, { token: token.secret, body, headers }), routeParams({ claimId: claim.id }));

    // Read the claim, then the reviewer adds evidence elsewhere (the claim moves on: version bumps).
    const read = await getClaim(token.secret, claim.id);
    const staleEtag = read.headers.get("etag")!;
    await makeEvidence(reviewer, claim.id);
    const before = await claimState(claim.id);
    expect(`"v${before.version}"`).not.toBe(staleEtag);

    await expectApiError(await propose({}), 428, "PRECONDITION_REQUIRED");
    await expectApiError(await propose({ "if-match": "*" }), 428, "PRECONDITION_REQUIRED");
    const stale = await propose({ "if-match": staleEtag });
    expect(stale.headers.get("etag")).toBe(`"v${before.version}"`);
    const error = await expectApiError(stale, 412, "PRECONDITION_FAILED");
    expect(error.current).toMatchObject({ id: claim.id, version: before.version, etag: `"v${before.version}"`, status: "IN_REVIEW" });
    await expectApiError(await propose({ "if-match": 'W/"v' + before.version + '"' }), 412, "PRECONDITION_FAILED");
    await expectApiError(await propose({ "if-match": "garbage" }), 412, "PRECONDITION_FAILED");
    // A body the UI would refuse is refused here too, with If-Match right.
    const bad = await expectApiError(await propose({ "if-match": `"v${before.version}"` }, { ...verdict, expectedVersion: 99 }), 400, "VALIDATION");
    expect(bad.message).toMatch(/expectedVersion/);
    await expectApiError(await propose({ "if-match": `"v${before.version}"` }, { rating: "NOPE", rationale: "x" }), 400, "VALIDATION");
    expect(await claimState(claim.id)).toEqual(before);

    const ok = await propose({ "if-match": `"v${before.version}"` });
    expect(ok.status).toBe(200);
    const { data } = await readJson<{ data: ApiClaim }>(ok);
    const after = await claimState(claim.id);
    expect(after).toMatchObject({ status: "PROPOSED", verdicts: before.verdicts + 1 });
    expect(ok.headers.get("etag")).toBe(`"v${after.version}"`);
    expect(data).toMatchObject({ status: "PROPOSED", version: after.version });
    expect(data.verdicts[0]).toMatchObject({ rating: "FALSE", label: "False", state: "PROPOSED", proposedBy: { id: reviewer.id } });

    // Replaying the same request now is stale: nothing is proposed twice.
    await expectApiError(await propose({ "if-match": `"v${before.version}"` }), 412, "PRECONDITION_FAILED");
    expect(await claimState(claim.id)).toEqual(after);
  });

  it("accepts an If-Match list that holds the current ETag", async () => {
    const { admin, editor, reviewer } = await desk();
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const token = await makeApiToken(admin, reviewer, "WRITE");
    const { version } = await claimState(claim.id);
    const response = await proposeVerdictRoute(
      apiRequest("POST", `/api/v1/claims/${claim.id}/verdict`, {
        token: token.secret,
        body: { rating: "UNPROVEN", rationale: "No source either way." },
        headers: { "if-match": `"v${version + 5}", "v${version}"` },
      }),
      routeParams({ claimId: claim.id }),
    );
    expect(response.status).toBe(200);
    expect((await claimState(claim.id)).status).toBe("PROPOSED");
  });
});

describe("POST /api/v1/articles", () => {
  it("imports as an editor (201), returns the existing article for the same text (200), refuses reviewers (403)", async () => {
    const { admin, editor, reviewer } = await desk();
    const editorToken = await makeApiToken(admin, editor, "WRITE");
    const reviewerToken = await makeApiToken(admin, reviewer, "WRITE");
    const article = {
      title: "Budget story",
      outlet: "Example Times",
      url: "https://example.org/budget",
      publishedAt: "2026-03-01",
      text: `Budget ${Date.now()}-${Math.random()}. The city spent 4.2 million dollars on road repairs in 2025, twice as much as in 2024, the mayor said.`,
    };
    const post = (token: string, body: unknown) => importArticleRoute(apiRequest("POST", "/api/v1/articles", { token, body }));
    const created = await post(editorToken.secret, article);
    expect(created.status).toBe(201);
    const { data } = await readJson<{ data: { id: string; created: boolean } }>(created);
    expect(data.created).toBe(true);
    const db = await getDb();
    expect(await db.article.findUniqueOrThrow({ where: { id: data.id } })).toMatchObject({ title: "Budget story", importedById: editor.id });

    const again = await post(editorToken.secret, article);
    expect(again.status).toBe(200);
    expect((await readJson<{ data: { id: string; created: boolean } }>(again)).data).toEqual({ id: data.id, created: false });

    const count = await db.article.count();
    await expectApiError(await post(reviewerToken.secret, { ...article, text: `${article.text} Reviewer.` }), 403, "FORBIDDEN");
    await expectApiError(await post(editorToken.secret, { ...article, text: "   " }), 400, "VALIDATION");
    await expectApiError(await post(editorToken.secret, { ...article, importedById: admin.id }), 400, "VALIDATION");
    await expectApiError(await post(editorToken.secret, { ...article, url: "file:///etc/passwd" }), 400, "VALIDATION");
    const huge = JSON.stringify({ ...article, text: "y".repeat(8 * 1024 * 1024 + 1) });
    await expectApiError(
      await importArticleRoute(apiRequest("POST", "/api/v1/articles", { token: editorToken.secret, rawBody: huge })),
      413,
      "PAYLOAD_TOO_LARGE",
    );
    expect(await db.article.count()).toBe(count);
  });
});

describe("GET /api/v1/reports", () => {
  it("lets a read token download a CSV report of its user's claims; a revoked or unknown token gets 401", async () => {
    const { admin, editor, reviewer } = await desk();
    const other = await makeUser("REVIEWER");
    const mine = await makePublishedClaim(editor, editor, reviewer);
    const theirs = await makePublishedClaim(editor, editor, other);
    const token = await makeApiToken(admin, reviewer, "READ");
    const download = () => reportsRoute(apiRequest("GET", "/api/v1/reports?format=csv", { token: token.secret }));

    const response = await download();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="claimledger-report-\d{4}-\d{2}-\d{2}\.csv"$/);
    const csv = await response.text();
    expect(csv).toContain(mine.claim.id);
    expect(csv, "only the token user's claims").not.toContain(theirs.claim.id);
    // Work in progress stays an editor's option, with a token too.
    await expectApiError(await reportsRoute(apiRequest("GET", "/api/v1/reports?format=csv&includeWip=1", { token: token.secret })), 403, "FORBIDDEN");

    await revokeApiToken(admin, { tokenId: token.id });
    const refusal = await download();
    expect(refusal.headers.get("www-authenticate")).toMatch(/^Bearer /);
    const revoked = await expectApiError(refusal, 401, "UNAUTHENTICATED");
    expect(revoked.message).toBe("This API token has been revoked.");
    // A bad token is refused, never replaced by a session.
    await expectApiError(await reportsRoute(apiRequest("GET", "/api/v1/reports?format=csv", { token: "clk_not-a-token" })), 401, "UNAUTHENTICATED");
  });
});

describe("GET /api/v1/openapi.json", () => {
  it("serves the OpenAPI 3.1 document without a token", async () => {
    const response = await openApiRoute(apiRequest("GET", "/api/v1/openapi.json"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    const doc = await readJson<{ openapi: string; paths: Record<string, unknown> }>(response);
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/claims", "/claims/{claimId}", "/claims/{claimId}/verdict"]));
  });
});

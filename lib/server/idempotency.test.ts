/**
 * Idempotency keys: a retry with the same key returns the first result and writes nothing more (API
 * header and form field); the same key with another body is refused; keys are per actor.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { POST as importArticleRoute } from "@/app/api/v1/articles/route";
import { POST as addEvidenceRoute } from "@/app/api/v1/claims/[claimId]/evidence/route";
import { POST as proposeVerdictRoute } from "@/app/api/v1/claims/[claimId]/verdict/route";
import { addCommentSchema } from "@/lib/validation/comments";
import { submitForm } from "./action";
import { addComment } from "./comments";
import { getDb } from "./db";
import { apiRequest, expectApiError, makeApiToken, routeParams } from "./testing/api";
import { claimState, makeAssignedClaim, makeEvidence, makeUser } from "./testing/factories";

const EVIDENCE = { url: "https://example.org/report", title: "Annual report", publisher: "Agency", quote: "The figure was 2,000.", stance: "REFUTES" };

async function reviewDesk() {
  const admin = await makeUser("ADMIN");
  const editor = await makeUser("EDITOR");
  const reviewer = await makeUser("REVIEWER");
  const { claim } = await makeAssignedClaim(editor, reviewer);
  const token = (await makeApiToken(admin, reviewer, "WRITE")).secret;
  return { admin, editor, reviewer, claim, token };
}

function postEvidence(token: string, claimId: string, body: unknown, key?: string) {
  return addEvidenceRoute(
    apiRequest("POST", `/api/v1/claims/${claimId}/evidence`, { token, body, headers: key ? { "idempotency-key": key } : {} }),
    routeParams({ claimId }),
  );
}

describe("Idempotency-Key on the API", () => {
  it("a retry of POST …/evidence after a committed write returns the first result and does not duplicate", async () => {
    const { claim, token } = await reviewDesk();
    const before = await claimState(claim.id);
    const key = randomUUID();
    const first = await postEvidence(token, claim.id, EVIDENCE, key);
    expect(first.status).toBe(201);
    const firstBody = (await first.json()) as { data: { id: string } };
    const afterFirst = await claimState(claim.id);
    const retry = await postEvidence(token, claim.id, EVIDENCE, key);
    expect(retry.status).toBe(201);
    const retryBody = (await retry.json()) as { data: { id: string } };
    expect(retryBody.data.id).toBe(firstBody.data.id);
    const after = await claimState(claim.id);
    expect(after.evidence).toBe(before.evidence + 1);
    expect(after).toEqual(afterFirst); // no second row, no second audit event, same version
    // Without a key, the same body is a new piece of evidence, as before.
    expect((await postEvidence(token, claim.id, EVIDENCE)).status).toBe(201);
    expect((await claimState(claim.id)).evidence).toBe(before.evidence + 2);
  });

  it("the same key with a different body is refused with 422 and changes nothing", async () => {
    const { claim, token } = await reviewDesk();
    const key = randomUUID();
    expect((await postEvidence(token, claim.id, EVIDENCE, key)).status).toBe(201);
    const before = await claimState(claim.id);
    const error = await expectApiError(await postEvidence(token, claim.id, { ...EVIDENCE, quote: "Another passage." }, key), 422, "IDEMPOTENCY_MISMATCH");
    expect(error.message).toMatch(/already used for a different request/);
    expect(await claimState(claim.id)).toEqual(before);
  });

  it("keys belong to one actor; a malformed key is a 400 naming the header", async () => {
    const a = await reviewDesk();
    const b = await reviewDesk();
    const key = randomUUID();
    expect((await postEvidence(a.token, a.claim.id, EVIDENCE, key)).status).toBe(201);
    expect((await postEvidence(b.token, b.claim.id, EVIDENCE, key)).status).toBe(201);
    expect((await claimState(b.claim.id)).evidence).toBe(1);
    const bad = await expectApiError(await postEvidence(a.token, a.claim.id, EVIDENCE, "short"), 400, "VALIDATION");
    expect(bad.fields).toHaveProperty("Idempotency-Key");
  });

  it("a retried verdict (same stale If-Match) returns the first result instead of 412, one verdict saved", async () => {
    const { reviewer, claim, token } = await reviewDesk();
    await makeEvidence(reviewer, claim.id);
    const { version } = await claimState(claim.id);
    const key = randomUUID();
    const send = () =>
      proposeVerdictRoute(
        apiRequest("POST", `/api/v1/claims/${claim.id}/verdict`, {
          token,
          body: { rating: "FALSE", rationale: "The figures do not match." },
          headers: { "if-match": `"v${version}"`, "idempotency-key": key },
        }),
        routeParams({ claimId: claim.id }),
      );
    expect((await send()).status).toBe(200);
    const retry = await send();
    expect(retry.status).toBe(200);
    expect(((await retry.json()) as { data: { status: string } }).data.status).toBe("PROPOSED");
    expect((await claimState(claim.id)).verdicts).toBe(1);
  });

  it("a retried article import returns the same article", async () => {
    const { admin, editor } = await reviewDesk();
    const token = (await makeApiToken(admin, editor, "WRITE")).secret;
    const key = randomUUID();
    const body = { title: "Idempotent", outlet: "Outlet", text: `Unemployment fell to 3.5 percent in 2025, officials said. ${randomUUID()}` };
    const send = () => importArticleRoute(apiRequest("POST", "/api/v1/articles", { token, body, headers: { "idempotency-key": key } }));
    const first = (await (await send()).json()) as { data: { id: string } };
    const second = (await (await send()).json()) as { data: { id: string } };
    expect(second.data.id).toBe(first.data.id);
    const db = await getDb();
    expect(await db.article.count({ where: { title: "Idempotent", importedById: editor.id } })).toBe(1);
  });
});

describe("the forms' hidden idempotency key", () => {
  it("resubmitting a comment form with the same key saves one comment", async () => {
    const { reviewer, claim } = await reviewDesk();
    const db = await getDb();
    const body = `Resubmitted ${randomUUID()}`;
    const key = randomUUID();
    const values = { claimId: claim.id, body };
    const first = await submitForm(values, async () => reviewer, addCommentSchema, addComment, "Comment added.", key);
    const second = await submitForm(values, async () => reviewer, addCommentSchema, addComment, "Comment added.", key);
    expect(first).toEqual({ status: "ok", message: "Comment added." });
    expect(second).toEqual(first);
    expect(await db.comment.count({ where: { body } })).toBe(1);
    const other = await submitForm({ ...values, body: `${body} (edited)` }, async () => reviewer, addCommentSchema, addComment, "Comment added.", key);
    expect(other).toMatchObject({ status: "error", code: "IDEMPOTENCY_MISMATCH", values: { body: `${body} (edited)` } });
  });
});

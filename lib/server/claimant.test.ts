import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { importArticle } from "./articles";
import { setClaimant } from "./claimant";
import { listClaims } from "./claim/list-claims";
import { getDb } from "./db";
import { createReportResponse } from "./report-export";
import { reviewSuggestions } from "./suggestions";
import { makeUser } from "./testing/factories";

const baseUrl = "https://app.example";

async function importWithClaimants(editor: Awaited<ReturnType<typeof makeUser>>) {
  const tag = randomUUID().slice(0, 8);
  const text = [
    `Desk note ${tag}`,
    "",
    `Defense Secretary Pete Hegseth said on Tuesday that 3,000 ${tag} missiles would stay in storage until next year.`,
    "",
    `The ${tag} contract is worth $2.5bn, according to Reuters.`,
    "",
    `The deficit of the ${tag} programme reached $40 million last year, the city's finance department said.`,
  ].join("\n");
  const { id } = await importArticle(editor, { title: `Claimants ${tag}`, outlet: "Test Wire", author: undefined, publishedAt: undefined, text });
  const db = await getDb();
  const claims = await db.claim.findMany({ where: { articleId: id }, orderBy: { start: "asc" } });
  return { id, tag, claims };
}

describe("the claimant of a claim", () => {
  it("is suggested on import from the sentence's attribution, a person or an organization", async () => {
    const editor = await makeUser("EDITOR");
    const { claims } = await importWithClaimants(editor);
    const by = (needle: string) => claims.find((c) => c.text.includes(needle))!;
    expect(by("missiles")).toMatchObject({ claimant: "Defense Secretary Pete Hegseth", claimantKind: "PERSON" });
    expect(by("contract")).toMatchObject({ claimant: "Reuters", claimantKind: "ORGANIZATION" });
    expect(by("deficit")).toMatchObject({ claimant: "the city's finance department", claimantKind: "ORGANIZATION" });
  });

  it("is edited by editors only, audited and versioned; a stale form is a conflict that changes nothing", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claims } = await importWithClaimants(editor);
    const claim = claims.find((c) => c.text.includes("contract"))!;
    await expect(setClaimant(reviewer, { claimId: claim.id, expectedVersion: claim.version, claimant: "X", claimantKind: "PERSON" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const updated = await setClaimant(editor, { claimId: claim.id, expectedVersion: claim.version, claimant: "Acme Defense Inc.", claimantKind: "ORGANIZATION" });
    expect(updated).toMatchObject({ claimant: "Acme Defense Inc.", claimantKind: "ORGANIZATION", version: claim.version + 1 });
    await expect(setClaimant(editor, { claimId: claim.id, expectedVersion: claim.version, claimant: "Someone else", claimantKind: "PERSON" })).rejects.toMatchObject({ code: "CONFLICT" });
    const db = await getDb();
    expect((await db.claim.findUniqueOrThrow({ where: { id: claim.id } })).claimant).toBe("Acme Defense Inc.");
    const events = await db.auditEvent.findMany({ where: { claimId: claim.id, action: "claim.claimant" } });
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.before ?? "{}")).toEqual({ claimant: "Reuters", claimantKind: "ORGANIZATION" });
    expect(JSON.parse(events[0]!.after ?? "{}")).toEqual({ claimant: "Acme Defense Inc.", claimantKind: "ORGANIZATION" });
    const cleared = await setClaimant(editor, { claimId: claim.id, expectedVersion: updated.version, claimant: null, claimantKind: undefined });
    expect(cleared).toMatchObject({ claimant: null, claimantKind: null, claimantSearch: "" });
  });

  it("filters the claims list by words of the claimant, case-insensitively on both databases", async () => {
    const editor = await makeUser("EDITOR");
    const { id, claims } = await importWithClaimants(editor);
    await reviewSuggestions(editor, { articleId: id, decision: "accept", claimIds: claims.filter((c) => c.status === "SUGGESTED").map((c) => c.id) });
    const found = await listClaims(editor, { articleId: id, claimant: "HEGSETH secretary" });
    expect(found.map((c) => c.claimant)).toEqual(["Defense Secretary Pete Hegseth"]);
    expect((await listClaims(editor, { articleId: id, claimant: "finance" })).map((c) => c.claimant)).toEqual(["the city's finance department"]);
    expect(await listClaims(editor, { articleId: id, claimant: "nobody-such" })).toEqual([]);
  });

  it("is exported in CSV, JSON and NDJSON (ClaimReview: lib/domain/report/claim-review.test.ts)", async () => {
    const editor = await makeUser("EDITOR");
    const { id, claims } = await importWithClaimants(editor);
    await reviewSuggestions(editor, { articleId: id, decision: "accept", claimIds: claims.filter((c) => c.status === "SUGGESTED").map((c) => c.id) });
    const text = async (format: "csv" | "json" | "ndjson") =>
      (await createReportResponse(editor, { format, articleId: id, includeWip: true }, { baseUrl })).text();
    const csv = await text("csv");
    expect(csv).toContain("Claimant,Claimant kind");
    expect(csv).toContain("Defense Secretary Pete Hegseth,Person");
    const json = JSON.parse(await text("json")) as { claims: { text: string; claimant: { name: string; kind: string } | null }[] };
    expect(json.claims.map((c) => c.claimant?.name).sort()).toEqual(["Defense Secretary Pete Hegseth", "Reuters", "the city's finance department"]);
    const nd = (await text("ndjson")).trim().split("\n").map((l) => JSON.parse(l) as { claimant: { kind: string } | null });
    expect(nd.map((c) => c.claimant?.kind).sort()).toEqual(["ORGANIZATION", "ORGANIZATION", "PERSON"]);
  });
});

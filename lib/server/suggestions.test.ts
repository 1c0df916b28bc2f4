import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sliceCodePoints } from "@/lib/domain/text-span";
import { importArticle } from "./articles";
import { getDb } from "./db";
import { DEMO_ARTICLES, readDemoArticle } from "./seed/demo-data";
import { confirmMatch, createClaimFromSelection, listMatches, reviewSuggestions, rewordClaim, splitMatch } from "./suggestions";
import { claimHistory, claimState, makeArticle, makeAssignedClaim, makeProposedClaim, makeUser } from "./testing/factories";

/** A made-up word, so claims of different tests never share their distinctive terms. */
function word() {
  return `Zor${randomUUID().replace(/[^a-f]/g, "").slice(0, 6)}`;
}

/**
 * Two articles telling the same story in different words, plus something only the second says. Every
 * distinctive term is fresh, so the pair only matches itself.
 */
async function importPair(editor: Awaited<ReturnType<typeof makeUser>>) {
  const [place, project, body] = [word(), word(), word()];
  const amount = 10 + Math.floor(Math.random() * 900);
  const a = await importArticle(editor, {
    title: `A ${place}`,
    outlet: "Outlet A",
    author: undefined,
    publishedAt: undefined,
    text: `${place} report.\n\nThe ${place} ${body} approved a ${project} budget of $${amount} million on Monday, officials said.`,
  });
  const b = await importArticle(editor, {
    title: `B ${place}`,
    outlet: "Outlet B",
    author: undefined,
    publishedAt: undefined,
    text: `News.\n\nOn Monday the ${place} ${body} approved $${amount} million for ${project}, according to officials.\n\nA separate ${word()} festival drew 40,000 visitors to the old town last summer, organisers said.`,
  });
  const db = await getDb();
  const claimOf = (articleId: string, phrase: string) => db.claim.findFirstOrThrow({ where: { articleId, text: { contains: phrase } } });
  const pair = { a: await claimOf(a.id, project), b: await claimOf(b.id, project), other: await claimOf(b.id, "festival"), words: { place, project, body, amount } };
  expect(pair.a.clusterId, "the pair is matched").toBeTruthy();
  expect(await db.claim.count({ where: { clusterId: pair.a.clusterId } }), "and nothing else joins its cluster").toBe(2);
  return pair;
}

describe("matching claims across articles", () => {
  it("clusters the demo articles' 'Hegseth must approve each strike' claims, each linking to the other", async () => {
    const editor = await makeUser("EDITOR");
    const ids: string[] = [];
    for (const article of DEMO_ARTICLES) {
      const { id } = await importArticle(editor, { title: article.title, outlet: article.outlet, author: undefined, publishedAt: undefined, text: readDemoArticle(article.file) });
      ids.push(id);
    }
    const db = await getDb();
    const first = await db.claim.findFirstOrThrow({ where: { articleId: ids[0], text: { contains: "personal authorization from Defense Secretary Pete Hegseth" } } });
    const second = await db.claim.findFirstOrThrow({ where: { articleId: ids[1], text: { contains: "cleared directly by Defense Secretary Pete Hegseth" } } });
    expect(first.clusterId).toBeTruthy();
    expect(second.clusterId).toBe(first.clusterId);
    const matches = await listMatches(editor, [first, second]);
    expect(matches.get(first.id)!.map((m) => m.id)).toContain(second.id);
    expect(matches.get(second.id)!.map((m) => m.id)).toContain(first.id);
    // The two mission claims that only one article makes stay unmatched with the other article.
    const triage = await db.claim.findFirstOrThrow({ where: { articleId: ids[1], text: { contains: "green, yellow, and red" } } });
    expect((await listMatches(editor, [triage])).get(triage.id)!.filter((m) => m.articleTitle === DEMO_ARTICLES[0]!.title)).toEqual([]);
  });

  it("matches paraphrases of two imports and leaves unrelated claims alone, without bumping versions", async () => {
    const editor = await makeUser("EDITOR");
    const { a, b, other } = await importPair(editor);
    expect(a.clusterId).toBeTruthy();
    expect(b.clusterId).toBe(a.clusterId);
    expect(a.version).toBe(1);
    expect(other.clusterId).toBeNull();
    expect(await claimHistory(a.id, { includeMatches: true })).toEqual(["claim.create", "claim.match"]);
  });

  it("shows a reviewer only the matched claims they may see", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { a, b } = await importPair(editor);
    await reviewSuggestions(editor, { articleId: a.articleId, decision: "accept", claimIds: [a.id] });
    expect((await listMatches(reviewer, [a])).get(a.id)).toEqual([]);
    await reviewSuggestions(editor, { articleId: b.articleId, decision: "accept", claimIds: [b.id] });
    const db = await getDb();
    const current = await db.claim.findUniqueOrThrow({ where: { id: b.id } });
    const { assignClaim } = await import("./claim/assign-claim");
    await assignClaim(editor, { claimId: b.id, assigneeId: reviewer.id, priority: "NORMAL", dueAt: undefined, expectedVersion: current.version });
    expect((await listMatches(reviewer, [a])).get(a.id)!.map((m) => m.id)).toEqual([b.id]);
  });

  it("lets an editor confirm a match", async () => {
    const editor = await makeUser("EDITOR");
    const { a, b } = await importPair(editor);
    await confirmMatch(editor, { claimId: a.id, clusterId: a.clusterId! });
    const db = await getDb();
    const rows = await db.claim.findMany({ where: { id: { in: [a.id, b.id] } } });
    expect(rows.every((r) => r.clusterConfirmed && r.clusterId === a.clusterId)).toBe(true);
    expect((await claimHistory(b.id)).at(-1)).toBe("claim.match.confirm");
  });

  it("lets an editor split a match; the split claim is not matched again by later imports", async () => {
    const editor = await makeUser("EDITOR");
    const pair = await importPair(editor);
    const { a, b } = pair;
    await splitMatch(editor, { claimId: b.id, clusterId: b.clusterId! });
    const db = await getDb();
    const [afterA, afterB] = await Promise.all([db.claim.findUniqueOrThrow({ where: { id: a.id } }), db.claim.findUniqueOrThrow({ where: { id: b.id } })]);
    expect(afterB).toMatchObject({ clusterId: null, matchSplit: true });
    // Only one article was left in the cluster: it is dissolved.
    expect(afterA.clusterId).toBeNull();
    expect(await claimHistory(a.id)).toContain("claim.match.dissolve");
    // A third article telling the same story matches A again, never B.
    const { place, project, body, amount } = pair.words;
    await importArticle(editor, {
      title: "C",
      outlet: "Outlet C",
      author: undefined,
      publishedAt: undefined,
      text: `Digest.\n\nThe ${place} ${body} approved a budget of $${amount} million for ${project} on Monday, officials said.`,
    });
    expect((await db.claim.findUniqueOrThrow({ where: { id: a.id } })).clusterId).not.toBeNull();
    expect((await db.claim.findUniqueOrThrow({ where: { id: b.id } })).clusterId).toBeNull();
  });

  it("refuses a decision on a match that changed since the page was opened, and reviewers", async () => {
    const editor = await makeUser("EDITOR");
    const other = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { a, b } = await importPair(editor);
    const seen = a.clusterId!;
    await splitMatch(other, { claimId: a.id, clusterId: seen });
    const before = await Promise.all([claimState(a.id), claimState(b.id)]);
    await expect(confirmMatch(editor, { claimId: a.id, clusterId: seen })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(splitMatch(editor, { claimId: a.id, clusterId: seen })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(confirmMatch(reviewer, { claimId: b.id, clusterId: seen })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await Promise.all([claimState(a.id), claimState(b.id)])).toEqual(before);
  });
});

describe("reviewing suggestions", () => {
  it("accepts several suggestions at once and rejects or restores others", async () => {
    const editor = await makeUser("EDITOR");
    const { claims } = await makeArticle(editor, { acceptSuggestions: false });
    expect(claims.every((c) => c.status === "SUGGESTED")).toBe(true);
    const [first, second, third] = claims;
    await reviewSuggestions(editor, { articleId: first!.articleId, decision: "accept", claimIds: [first!.id, second!.id] });
    await reviewSuggestions(editor, { articleId: first!.articleId, decision: "reject", claimIds: [third!.id] });
    expect((await claimState(first!.id)).status).toBe("NEW");
    expect((await claimState(second!.id)).status).toBe("NEW");
    expect((await claimState(third!.id)).status).toBe("REJECTED");
    await reviewSuggestions(editor, { articleId: first!.articleId, decision: "restore", claimIds: [third!.id] });
    expect((await claimState(third!.id)).status).toBe("SUGGESTED");
  });

  it("changes nothing when one claim of a batch cannot move", async () => {
    const editor = await makeUser("EDITOR");
    const { claims } = await makeArticle(editor, { acceptSuggestions: false });
    const [first, second] = claims;
    await reviewSuggestions(editor, { articleId: first!.articleId, decision: "accept", claimIds: [first!.id] });
    const before = await Promise.all([claimState(first!.id), claimState(second!.id)]);
    await expect(reviewSuggestions(editor, { articleId: first!.articleId, decision: "accept", claimIds: [second!.id, first!.id] })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await Promise.all([claimState(first!.id), claimState(second!.id)])).toEqual(before);
  });

  it("rejects only the 3 newly ticked suggestions after 10 were accepted, and refuses a batch that still carries accepted claims", async () => {
    const editor = await makeUser("EDITOR");
    const tag = word();
    const text = Array.from({ length: 14 }, (_, i) => `The ${tag} ministry said on Monday that it had fired ${100 + i * 37} rockets at ${word()} since March, officials said.`).join("\n\n");
    const { id: articleId } = await importArticle(editor, { title: `Batch ${tag}`, outlet: "Test Outlet", author: undefined, publishedAt: undefined, text });
    const db = await getDb();
    const suggested = await db.claim.findMany({ where: { articleId, status: "SUGGESTED" }, orderBy: { start: "asc" }, select: { id: true } });
    expect(suggested.length).toBeGreaterThanOrEqual(13);
    const ten = suggested.slice(0, 10).map((c) => c.id);
    const three = suggested.slice(10, 13).map((c) => c.id);
    await reviewSuggestions(editor, { articleId, decision: "accept", claimIds: ten });
    // A stale selection (the 10 accepted rows still ticked) must not reject them: the whole batch is refused.
    await expect(reviewSuggestions(editor, { articleId, decision: "reject", claimIds: [...ten, ...three] })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/10 of the selected claims are no longer a suggestion/),
    });
    for (const id of [...ten, ...three]) expect((await claimState(id)).status).toBe(ten.includes(id) ? "NEW" : "SUGGESTED");
    await reviewSuggestions(editor, { articleId, decision: "reject", claimIds: three });
    for (const id of ten) expect((await claimState(id)).status).toBe("NEW");
    for (const id of three) expect((await claimState(id)).status).toBe("REJECTED");
    const rejectedFromNew = await db.auditEvent.count({ where: { claimId: { in: ten }, action: "claim.reject" } });
    expect(rejectedFromNew).toBe(0);
    // Restore acts on rejected claims only; accept and reject act on suggestions only.
    await expect(reviewSuggestions(editor, { articleId, decision: "restore", claimIds: [three[0]!, ten[0]!] })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(reviewSuggestions(editor, { articleId, decision: "accept", claimIds: [three[0]!] })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await claimState(three[0]!)).status).toBe("REJECTED");
  });

  it("does not reach claims of another article through a batch", async () => {
    const editor = await makeUser("EDITOR");
    const one = await makeArticle(editor, { acceptSuggestions: false });
    const two = await makeArticle(editor, { acceptSuggestions: false });
    await expect(reviewSuggestions(editor, { articleId: one.id, decision: "reject", claimIds: [two.claims[0]!.id] })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await claimState(two.claims[0]!.id)).status).toBe("SUGGESTED");
  });
});

describe("creating a claim from a selection", () => {
  it("anchors the trimmed passage and refuses the same passage twice", async () => {
    const editor = await makeUser("EDITOR");
    const { id, text } = await makeArticle(editor);
    const phrase = "the lowest rate in five decades";
    const start = Array.from(text.slice(0, text.indexOf(phrase))).length;
    const claim = await createClaimFromSelection(editor, { articleId: id, start: start - 1, end: start + phrase.length + 1, quote: sliceCodePoints(text, start - 1, start + phrase.length + 1), text: undefined });
    expect(claim).toMatchObject({ origin: "MANUAL", status: "NEW", quote: sliceCodePoints(text, claim.start, claim.end) });
    expect(claim.quote.trim()).toBe(claim.quote);
    await expect(createClaimFromSelection(editor, { articleId: id, start: claim.start, end: claim.end, quote: claim.quote, text: undefined })).rejects.toThrow(/already a claim/);
  });

  it("refuses offsets whose text is not the passage the editor selected, creating nothing; white space may differ", async () => {
    const editor = await makeUser("EDITOR");
    const { id, text } = await makeArticle(editor);
    const phrase = "the lowest rate in five decades";
    const start = Array.from(text.slice(0, text.indexOf(phrase))).length;
    const end = start + Array.from(phrase).length;
    const db = await getDb();
    const before = await db.claim.count({ where: { articleId: id } });
    // The same length shifted by one part's worth of characters, as a wrong base offset would send.
    const shifted = createClaimFromSelection(editor, { articleId: id, start: start - 40, end: end - 40, quote: phrase, text: undefined });
    await expect(shifted).rejects.toMatchObject({ code: "VALIDATION", fields: { start: [expect.stringMatching(/^The selected passage is not at that place/)] } });
    expect(await db.claim.count({ where: { articleId: id } })).toBe(before);
    const claim = await createClaimFromSelection(editor, { articleId: id, start, end, quote: ` ${phrase.replace(/ /g, "\n ")} `, text: undefined });
    expect(claim.quote).toBe(phrase);
  });
});

describe("rewording a claim", () => {
  it("changes the wording, keeps the anchor and records before and after", async () => {
    const editor = await makeUser("EDITOR");
    const { claims } = await makeArticle(editor);
    const claim = claims[0]!;
    const updated = await rewordClaim(editor, { claimId: claim.id, expectedVersion: claim.version, text: "Over 3,000 ER missiles were approved for Ukraine." });
    expect(updated).toMatchObject({ text: "Over 3,000 ER missiles were approved for Ukraine.", start: claim.start, end: claim.end, quote: claim.quote, prefix: claim.prefix, suffix: claim.suffix, version: claim.version + 1 });
    const db = await getDb();
    const event = await db.auditEvent.findFirstOrThrow({ where: { claimId: claim.id, action: "claim.reword" } });
    expect(JSON.parse(event.before!)).toEqual({ text: claim.text });
    expect(JSON.parse(event.after!)).toEqual({ text: updated.text });
  });

  it("refuses a stale version, a reviewer, and a claim whose verdict is proposed, changing nothing", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    const before = await claimState(claim.id);
    await expect(rewordClaim(editor, { claimId: claim.id, expectedVersion: claim.version - 1, text: "Stale" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(rewordClaim(reviewer, { claimId: claim.id, expectedVersion: claim.version, text: "Mine" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await claimState(claim.id)).toEqual(before);
    const proposed = await makeProposedClaim(editor, reviewer);
    const frozen = await claimState(proposed.claim.id);
    await expect(rewordClaim(editor, { claimId: proposed.claim.id, expectedVersion: proposed.claim.version, text: "Changed" })).rejects.toMatchObject({ code: "INVALID_TRANSITION" });
    expect(await claimState(proposed.claim.id)).toEqual(frozen);
  });
});

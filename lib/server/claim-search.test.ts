import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { foldSearchText } from "@/lib/domain/search-fold";
import { claimListFilterSchema } from "@/lib/validation/claims";
import { listClaimsFromRequest } from "./api-v1";
import { setClaimant } from "./claimant";
import { listSortedClaimPage } from "./claim-sorting";
import { findClaimSearchMatches, SEARCH_MATCH_LIMIT } from "./claim-search";
import type { ApiClaimPage } from "@/lib/validation/api";
import { countClaims } from "./claim/count-claims";
import { listClaims } from "./claim/list-claims";
import { getDb } from "./db";
import { rewordClaim } from "./suggestions";
import { apiRequest, makeApiToken } from "./testing/api";
import { makeClaimWithText, makeUser } from "./testing/factories";

const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

/**
 * These expectations are the same on SQLite (FTS5) and PostgreSQL (tsvector): run this file on both
 * (TEST_DATABASE=postgresql) to see the one query language give the same claims.
 */
describe("full-text claim search", () => {
  it("finds words, phrases and prefixes, leaves out exclusions, and reads hostile input as words", async () => {
    const editor = await makeUser("EDITOR");
    const tag = `t${randomUUID().slice(0, 8)}`;
    const made = {
      range: (await makeClaimWithText(editor, `${tag} Extended-range missiles were delivered to Kyiv in March`)).claim,
      reversed: (await makeClaimWithText(editor, `${tag} The range was extended for older missiles`)).claim,
      airbase: (await makeClaimWithText(editor, `${tag} Strikes hit the air base near Crimea, officials said`)).claim,
      quoted: (await makeClaimWithText(editor, `${tag} He said "OR" and NEAR( are not operators, it's true`)).claim,
    };
    const search = async (q: string) => ids(await listClaims(editor, claimListFilterSchema.parse({ q: `${tag} ${q}` })));
    const all = ids(Object.values(made));
    expect(await search("")).toEqual(all);
    expect(await search("MISSILES")).toEqual(ids([made.range, made.reversed]));
    // A phrase keeps its words together and in order; unquoted, the words may be anywhere.
    expect(await search('"extended range"')).toEqual([made.range.id]);
    expect(await search("extended range")).toEqual(ids([made.range, made.reversed]));
    expect(await search("extended-range")).toEqual([made.range.id]);
    // Exclusion of a word and of a phrase.
    expect(await search("missiles -kyiv")).toEqual([made.reversed.id]);
    expect(await search('-"air base"')).toEqual(ids([made.range, made.reversed, made.quoted]));
    // Prefixes.
    expect(await search("missil*")).toEqual(ids([made.range, made.reversed]));
    expect(await search("cri*")).toEqual([made.airbase.id]);
    expect(await search("missil")).toEqual([]);
    // Hostile input is words (or nothing), never a syntax error from either database.
    expect(await search('"')).toEqual(all);
    expect(await search("*")).toEqual(all);
    expect(await search("NEAR(")).toEqual(ids([made.airbase, made.quoted]));
    expect(await search("OR")).toEqual([made.quoted.id]);
    expect(await search("'")).toEqual(all);
    expect(await search("it's")).toEqual([made.quoted.id]);
    expect(await search('missiles OR "air')).toEqual([]);
    for (const q of ['NEAR("a" "b", 2)', "a:b", "^x", "x AND NOT y", "(((", '"""', "!x & y | z", "x' OR '1'='1", "\\", "-", "--", "- -x"]) {
      await expect(search(q)).resolves.toBeInstanceOf(Array);
    }
  });

  it("finds words of scripts written with combining marks (Devanagari, pointed Hebrew, Arabic harakat, Thai) alike on both databases", async () => {
    const editor = await makeUser("EDITOR");
    const tag = `t${randomUUID().slice(0, 8)}`;
    const made = {
      hindi: (await makeClaimWithText(editor, `${tag} प्रधानमंत्री ने कहा कि बजट की घोषणा अगले सप्ताह होगी`)).claim,
      hebrew: (await makeClaimWithText(editor, `${tag} הַשַּׂר אָמַר שָׁלוֹם לַכְּנֶסֶת`)).claim,
      arabic: (await makeClaimWithText(editor, `${tag} قَالَ الوَزِيرُ إِنَّ المِيزَانِيَّةَ ارْتَفَعَتْ`)).claim,
      thai: (await makeClaimWithText(editor, `${tag} นายกรัฐมนตรีกล่าวว่า งบประมาณ เพิ่มขึ้น`)).claim,
    };
    const search = async (q: string) => ids(await listClaims(editor, claimListFilterSchema.parse({ q: `${tag} ${q}` })));
    expect(await search("प्रधानमंत्री")).toEqual([made.hindi.id]);
    expect(await search('"बजट की घोषणा"')).toEqual([made.hindi.id]);
    expect(await search("प्रधान*")).toEqual([made.hindi.id]);
    expect(await search("सप्ताह -प्रधानमंत्री")).toEqual([]);
    expect(await search("שָׁלוֹם")).toEqual([made.hebrew.id]);
    expect(await search("الوَزِيرُ")).toEqual([made.arabic.id]);
    expect(await search("งบประมาณ")).toEqual([made.thai.id]);
    expect(await search("เพิ่มขึ้น")).toEqual([made.thai.id]);
  });

  it("ranks the best match first, on the claims list and in the REST API", async () => {
    const admin = await makeUser("ADMIN");
    const editor = await makeUser("EDITOR");
    const tag = `t${randomUUID().slice(0, 8)}`;
    const weak = (await makeClaimWithText(editor, `${tag} A long report on the budget, the harvest, the weather and, once, on drones over the border region`)).claim;
    const strong = (await makeClaimWithText(editor, `${tag} Drones, drones and more drones`)).claim;
    const page = await listSortedClaimPage(editor, claimListFilterSchema.parse({ q: `${tag} drones` }), { sort: "relevance", size: 10 });
    expect(page.claims.map((c) => c.id)).toEqual([strong.id, weak.id]);
    // Paging follows the ranking.
    const first = await listSortedClaimPage(editor, claimListFilterSchema.parse({ q: `${tag} drones` }), { sort: "relevance", size: 1 });
    expect(first.claims.map((c) => c.id)).toEqual([strong.id]);
    const second = await listSortedClaimPage(editor, claimListFilterSchema.parse({ q: `${tag} drones` }), { sort: "relevance", size: 1, after: first.next! });
    expect(second.claims.map((c) => c.id)).toEqual([weak.id]);
    expect(second.next).toBeNull();

    const token = await makeApiToken(admin, editor, "READ");
    const response = await listClaimsFromRequest(editor, apiRequest("GET", `/api/v1/claims?q=${encodeURIComponent(`${tag} drones`)}&limit=1`, { token: token.secret }));
    const body = (await response.json()) as { data: { id: string }[]; nextCursor: string | null };
    expect(body.data.map((c) => c.id)).toEqual([strong.id]);
    const next = await listClaimsFromRequest(editor, apiRequest("GET", `/api/v1/claims?q=${encodeURIComponent(`${tag} drones`)}&limit=1&cursor=${body.nextCursor}`, { token: token.secret }));
    expect(((await next.json()) as { data: { id: string }[] }).data.map((c) => c.id)).toEqual([weak.id]);
  });

  it("keeps the index in step: a new claim is found, an edited one by its new words only, a deleted one no more", async () => {
    const editor = await makeUser("EDITOR");
    const tag = `t${randomUUID().slice(0, 8)}`;
    const db = await getDb();
    const found = async (q: string) => (await findClaimSearchMatches(db, editor, `${tag} ${q}`))?.ids ?? [];
    const { claim } = await makeClaimWithText(editor, `${tag} The harbour froze over in January`);
    expect(await found("harbour")).toEqual([claim.id]);
    const reworded = await rewordClaim(editor, { claimId: claim.id, expectedVersion: claim.version, text: `${tag} The lake froze over in February` });
    expect(await found("harbour")).toEqual([]);
    expect(await found("lake february")).toEqual([claim.id]);
    // The claimant is searched too.
    await setClaimant(editor, { claimId: claim.id, expectedVersion: reworded.version, claimant: "Port Authority", claimantKind: "ORGANIZATION" });
    expect(await found("authority")).toEqual([claim.id]);
    await db.claim.delete({ where: { id: claim.id } });
    expect(await found("lake")).toEqual([]);
  });

  it("lists and counts a search with as many matches as it keeps (its ids in one statement, past SQLite's old 999)", async () => {
    const editor = await makeUser("EDITOR");
    const tag = `t${randomUUID().slice(0, 8)}`;
    const real = [(await makeClaimWithText(editor, `${tag} The harbour reopened`)).claim, (await makeClaimWithText(editor, `${tag} The harbour closed`)).claim];
    // A search's matches as findClaimSearchMatches returns them at its limit: the two claims among
    // ids of claims that are gone (a broad search on a large desk matches this many).
    const matches = { ids: [real[1]!.id, ...Array.from({ length: SEARCH_MATCH_LIMIT - 2 }, (_, i) => `gone${i}`), real[0]!.id], capped: true };
    const filter = claimListFilterSchema.parse({ q: tag });
    expect(ids(await listClaims(editor, filter, { search: matches }))).toEqual(ids(real));
    expect(await countClaims(editor, filter, new Date(), undefined, 5000, matches)).toBe(2);
  });

  it("lists a search without other filters straight from its ranking: listed claims the actor may see, best first, page by page", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const tag = `t${randomUUID().slice(0, 8)}`;
    const strong = (await makeClaimWithText(editor, `${tag} Ports, ports and more ports`)).claim;
    const weak = (await makeClaimWithText(editor, `${tag} The ports reopened after a long storm over the coast and the hills`)).claim;
    const suggested = (await makeClaimWithText(editor, `${tag} ports ports ports ports ports`)).claim;
    await (await getDb()).claim.update({ where: { id: suggested.id }, data: { status: "SUGGESTED" } });
    // The form always sends the days of the due filter: without `due` they filter nothing.
    const filter = claimListFilterSchema.parse({ q: `${tag} ports`, dueWithinDays: "7" });
    const page = await listSortedClaimPage(editor, filter, { sort: "relevance", size: 10 });
    expect(page.claims.map((c) => c.id)).toEqual([strong.id, weak.id]);
    expect({ total: page.total, totalIsAtLeast: page.totalIsAtLeast, first: page.first, next: page.next }).toEqual({ total: 2, totalIsAtLeast: false, first: 1, next: null });
    // With another filter the same claims come through the list's conditions, in the same order.
    const filtered = await listSortedClaimPage(editor, { ...filter, priority: strong.priority as never }, { sort: "relevance", size: 10 });
    expect(filtered.claims.map((c) => c.id)).toEqual(page.claims.map((c) => c.id).filter((id) => id === strong.id || weak.priority === strong.priority));
    const first = await listSortedClaimPage(editor, filter, { sort: "relevance", size: 1 });
    expect(first.claims.map((c) => c.id)).toEqual([strong.id]);
    expect(first.first).toBe(1);
    const second = await listSortedClaimPage(editor, filter, { sort: "relevance", size: 1, after: first.next! });
    expect([second.claims.map((c) => c.id), second.first, second.next]).toEqual([[weak.id], 2, null]);
    // A reviewer's search ranks only their claims: none of these.
    expect((await listSortedClaimPage(reviewer, filter, { sort: "relevance", size: 10 })).claims).toEqual([]);
  });
  it("reads only the newest matches the actor may see, ranks those, and says when it left older ones out", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const tag = `t${randomUUID().slice(0, 8)}`;
    const oldest = (await makeClaimWithText(editor, `${tag} Tides, tides and tides`)).claim;
    const weak = (await makeClaimWithText(editor, `${tag} The tides turned after a long storm over the coast and the hills`)).claim;
    const newest = (await makeClaimWithText(editor, `${tag} Tides and more tides`)).claim;
    const db = await getDb();
    const search = (actor: typeof editor, limit: number) => findClaimSearchMatches(db, actor, `${tag} tides`, limit);
    // All three read: best first (more occurrences, then the shorter claim).
    expect(await search(editor, 3)).toEqual({ ids: [oldest.id, newest.id, weak.id], capped: false });
    // Two read: the newest two, ranked, and the result says the oldest match was left out.
    expect(await search(editor, 2)).toEqual({ ids: [newest.id, weak.id], capped: true });
    expect(await findClaimSearchMatches(db, editor, `${tag} tides`, 2, { order: "newest" })).toEqual({ ids: [newest.id, weak.id], capped: true });
    // A reviewer reads their own newest matches: the desk's newer claims they may not see neither
    // crowd theirs out nor count as "more matched".
    await db.claim.updateMany({ where: { id: { in: [oldest.id, weak.id] } }, data: { assigneeId: reviewer.id } });
    expect(await search(reviewer, 3)).toEqual({ ids: [oldest.id, weak.id], capped: false });
    expect(await search(reviewer, 2)).toEqual({ ids: [oldest.id, weak.id], capped: false });
    expect(await search(reviewer, 1)).toEqual({ ids: [weak.id], capped: true });
  });

  it("tells the claims page and the REST API when a search matched more claims than it reads", async () => {
    const admin = await makeUser("ADMIN");
    const editor = await makeUser("EDITOR");
    const tag = `t${randomUUID().slice(0, 8)}`;
    const { claim } = await makeClaimWithText(editor, `${tag} Harbour tolls rose`);
    const db = await getDb();
    const filter = claimListFilterSchema.parse({ q: `${tag} harbour` });
    const capped = async () => {
      const page = await listSortedClaimPage(editor, filter, { sort: "relevance", size: 10 });
      const token = await makeApiToken(admin, editor, "READ");
      const response = await listClaimsFromRequest(editor, apiRequest("GET", `/api/v1/claims?q=${encodeURIComponent(`${tag} harbour`)}&limit=10`, { token: token.secret }));
      const body = (await response.json()) as ApiClaimPage;
      return { page: [page.searchCapped, page.totalIsAtLeast, page.claims.length], api: [body.searchCapped, body.data.length] };
    };
    expect(await capped()).toEqual({ page: [false, false, 1], api: [false, 1] });
    // As many more matches as the search reads, all newer than the first claim.
    const row = { articleId: claim.articleId, start: 0, end: 10, quote: "x", prefix: "", suffix: "" };
    // (createMany writes the folded search words the app's claim writes store, lib/domain/search-fold.ts,
    // and marks the rows as matched, so they leave no match backfill to the next test file's import.)
    const text = (i: number) => `${tag} harbour ${i}`;
    await db.claim.createMany({ data: Array.from({ length: SEARCH_MATCH_LIMIT }, (_, i) => ({ ...row, text: text(i), searchText: foldSearchText(text(i)), matchIndexed: true })) });
    expect(await capped()).toEqual({ page: [true, true, 10], api: [true, 10] });
  });
});

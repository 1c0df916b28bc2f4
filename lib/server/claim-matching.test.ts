import { describe, expect, it } from "vitest";
import { importArticle, SUGGESTIONS_PER_ARTICLE } from "./articles";
import { backfillMatchIndex, findMatchCandidates } from "./claim-matching";
import { getDb } from "./db";
import { runExtractionTask } from "./extraction-pool/run-task";
import { DEMO_ARTICLES, readDemoArticle } from "./seed/demo-data";
import { makeArticle, makeUser } from "./testing/factories";
import { countQueries } from "./testing/query-counter";

const HEGSETH_A = "personal authorization from Defense Secretary Pete Hegseth";
const HEGSETH_B = "cleared directly by Defense Secretary Pete Hegseth";

async function importDemo(editor: Awaited<ReturnType<typeof makeUser>>, index: number, tag: string) {
  const article = DEMO_ARTICLES[index]!;
  // A distinct first line, so the import is a new article (same claims) in every test.
  const text = `${tag}\n\n${readDemoArticle(article.file)}`;
  return importArticle(editor, { title: article.title, outlet: article.outlet, author: undefined, publishedAt: undefined, text });
}

describe("the match index", () => {
  it("stores each new claim's signature and index keys with the claim", async () => {
    const editor = await makeUser("EDITOR");
    const { claims } = await makeArticle(editor);
    const db = await getDb();
    for (const claim of claims) {
      expect(claim.matchIndexed).toBe(true);
      expect(JSON.parse(claim.matchFeatures!)).toMatchObject({ t: expect.any(Array), n: expect.any(Array) });
      expect(await db.claimMatchKey.count({ where: { claimId: claim.id, articleId: claim.articleId } })).toBeGreaterThan(0);
    }
  });

  it("finds candidates sharing terms only, not the rest of the desk", async () => {
    const editor = await makeUser("EDITOR");
    const unrelated = await makeArticle(editor);
    const tag = `Matching ${Date.now()}`;
    const first = await importDemo(editor, 0, tag);
    const db = await getDb();
    const hegseth = await db.claim.findFirstOrThrow({ where: { articleId: first.id, text: { contains: HEGSETH_A } } });
    const [features] = await runExtractionTask("features", { texts: ["Any strike must now be cleared directly by Defense Secretary Pete Hegseth."] });
    const { candidates, df, total } = await findMatchCandidates(db, [{ id: "new:0", articleId: "new-article", features: features! }]);
    const ids = candidates.map((c) => c.id);
    expect(ids).toContain(hegseth.id);
    // The unemployment sentence shares no term with the probe.
    const unemployment = unrelated.claims.find((c) => c.text.startsWith("Unemployment fell"))!;
    expect(ids).not.toContain(unemployment.id);
    expect(total).toBeGreaterThan(0);
    expect(new Map(df).get("e:hegseth")).toBeGreaterThan(0);
  });

  it("counts the desk's indexed claims at most once in a while, then adds the claims it indexes itself", async () => {
    const editor = await makeUser("EDITOR");
    const db = await getDb();
    const [features] = await runExtractionTask("features", { texts: ["Any strike must now be cleared directly by Defense Secretary Pete Hegseth."] });
    const probe = [{ id: "new:0", articleId: "new-article", features: features! }];
    const before = (await findMatchCandidates(db, probe)).total;
    // Never fewer than the claims indexed (the count may run a few high: reworded claims, rollbacks).
    expect(before - 1).toBeGreaterThanOrEqual(await db.claim.count({ where: { matchIndexed: true } }));
    const { claims } = await makeArticle(editor);
    const { result, statements } = await countQueries(() => findMatchCandidates(db, probe));
    expect(result.total).toBe(before + claims.length);
    // No statement counted the claims again (a walk over the whole matchIndexed index at 100,000 claims).
    expect(statements.filter((sql) => /count\(\*\)/i.test(sql) && /"?Claim"?\b/.test(sql) && !/ClaimMatchKey/.test(sql))).toEqual([]);
  });

  it("indexes claims from before the index at the next import, and still matches them", async () => {
    const editor = await makeUser("EDITOR");
    const tag = `Backfill ${Date.now()}`;
    const first = await importDemo(editor, 0, tag);
    const db = await getDb();
    // As a claim written before this migration: no signature, no keys.
    await db.claimMatchKey.deleteMany({ where: { articleId: first.id } });
    await db.claim.updateMany({ where: { articleId: first.id }, data: { matchIndexed: false, matchFeatures: null } });
    while ((await backfillMatchIndex()) > 0) {
      // Earlier tests' claims are indexed; the loop ends when none waits (each call indexes ≤ 500).
      if ((await db.claim.count({ where: { articleId: first.id, matchIndexed: false } })) === 0) break;
    }
    const second = await importDemo(editor, 1, tag);
    const a = await db.claim.findFirstOrThrow({ where: { articleId: first.id, text: { contains: HEGSETH_A } } });
    const b = await db.claim.findFirstOrThrow({ where: { articleId: second.id, text: { contains: HEGSETH_B } } });
    expect(a.matchIndexed).toBe(true);
    expect(b.clusterId).toBeTruthy();
    expect(a.clusterId).toBe(b.clusterId);
  });

  it("imports an article whose claims hold more index keys than one statement may list (SQLite: 500 terms of a compound SELECT)", async () => {
    const editor = await makeUser("EDITOR");
    // Made-up words, distinct per sentence and per test run: every claim brings index keys of its own.
    const run = Date.now().toString(36).replace(/[0-9]/g, (d) => "qwrtyplkjh"[Number(d)]!);
    // Index keys keep a word's first 6 letters: three from the number, three from the run.
    const word = (n: number) => [...n.toString(26).padStart(3, "0")].map((c) => String.fromCharCode(97 + parseInt(c, 26))).join("") + run.slice(-3);
    const sentence = (i: number) =>
      `Governor ${word(i * 12)} Vandersloot said the ${word(i * 12 + 1)} ${word(i * 12 + 2)} programme cost ${1200 + i * 37} million dollars in ${1950 + i}, ` +
      `up ${10 + i} percent on the ${word(i * 12 + 3)} ${word(i * 12 + 4)} estimate, according to the ${word(i * 12 + 5)} ${word(i * 12 + 6)} ministry, the ${word(i * 12 + 7)} ${word(i * 12 + 8)} audit office and the ${word(i * 12 + 9)} ${word(i * 12 + 10)} ${word(i * 12 + 11)} council.`;
    const text = Array.from({ length: 60 }, (_, i) => sentence(i)).join("\n\n");
    const features = await runExtractionTask("extractArticle", { text, limit: SUGGESTIONS_PER_ARTICLE });
    // The case under test: more distinct keys than SQLite's 500 terms of one compound SELECT.
    expect(new Set(features.flatMap((f) => f.matchKeys)).size).toBeGreaterThan(500);
    const first = await importArticle(editor, { title: `Many keys ${run}`, outlet: "Test Outlet", author: undefined, publishedAt: undefined, text });
    expect(first.created).toBe(true);
    // The same claims told again are still matched across the two articles.
    const second = await importArticle(editor, { title: `Many keys again ${run}`, outlet: "Test Outlet", author: undefined, publishedAt: undefined, text: `Again.\n\n${text}` });
    const db = await getDb();
    const matched = await db.claim.count({ where: { articleId: second.id, clusterId: { not: null } } });
    expect(matched).toBeGreaterThan(0);
  });
});

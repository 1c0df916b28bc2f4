import { describe, expect, it } from "vitest";
import { importArticle } from "./articles";
import { backfillMatchIndex, findMatchCandidates } from "./claim-matching";
import { getDb } from "./db";
import { runExtractionTask } from "./extraction-pool/run-task";
import { DEMO_ARTICLES, readDemoArticle } from "./seed/demo-data";
import { makeArticle, makeUser } from "./testing/factories";

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
});

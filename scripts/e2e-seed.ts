/** Seeds the e2e database (see e2e/global-setup.ts). Refuses anything but a local throwaway database. */
import { writeFileSync } from "node:fs";
import { extractClaims } from "@/lib/domain/extraction";
import { getDb } from "@/lib/server/db";
import { importDemoArticles } from "@/lib/server/seed/seed-demo";
import { assignClaim } from "@/lib/server/claim/assign-claim";
import { confirmStory } from "@/lib/server/story/change-story";
import { createClaimFromSelection } from "@/lib/server/suggestions";
import { makeUser, TEST_PASSWORD } from "@/lib/server/testing/factories";

const url = process.env.DATABASE_URL ?? "";
if (!/^file:\.\/prisma\/data\/e2e[\w-]*\.db$/.test(url)) {
  console.error(`Refusing to seed e2e data into ${url || "(unset)"}: only file:./prisma/data/e2e*.db is allowed.`);
  process.exit(1);
}

const admin = await makeUser("ADMIN", "Alex Admin");
const editor = await makeUser("EDITOR", "Eva Editor");
const editor2 = await makeUser("EDITOR", "Otto Editor");
const reviewer = await makeUser("REVIEWER", "Rita Reviewer");
const reviewer2 = await makeUser("REVIEWER", "Ravi Reviewer");
// Turns on two-factor sign-in in e2e/13-security.spec.ts; no other spec signs in as them.
const mfa = await makeUser("REVIEWER", "Mona Factor");
// Reviews the demo story's Hegseth pair in e2e/18-story-comparison.spec.ts, and nothing else.
const storyReviewer = await makeUser("REVIEWER", "Stella Story");
const articles = await importDemoArticles(editor);
// The specs each take their own unassigned claims from the articles. Since suggestions follow the
// calibrated threshold, an article may get few; the editor then marks the next best-ranked sentences
// by hand (select-to-create), so every article holds at least E2E_CLAIMS_PER_ARTICLE claims.
const E2E_CLAIMS_PER_ARTICLE = 18;
const db = await getDb();
for (const { id } of articles) {
  const { text } = await db.article.findUniqueOrThrow({ where: { id }, select: { text: true } });
  const taken = new Set((await db.claim.findMany({ where: { articleId: id }, select: { start: true } })).map((c) => c.start));
  for (const sentence of extractClaims(text, { limit: E2E_CLAIMS_PER_ARTICLE })) {
    if (taken.size >= E2E_CLAIMS_PER_ARTICLE) break;
    if (taken.has(sentence.start)) continue;
    await createClaimFromSelection(editor, { articleId: id, start: sentence.start, end: sentence.end, quote: sentence.text, text: undefined });
    taken.add(sentence.start);
  }
}
// The demo story (suggested on import) and its Hegseth-approval pair (one cluster across both
// articles), assigned to their own reviewer so that no other spec takes them as unassigned claims.
const story = await db.storyArticle.findUnique({ where: { articleId: articles[0]!.id }, select: { storyId: true } });
const hegseth = await db.claim.findMany({
  where: { articleId: { in: articles.map((a) => a.id) }, clusterId: { not: null }, text: { contains: "Hegseth" }, status: { not: "REJECTED" } },
  select: { id: true, articleId: true, clusterId: true, version: true },
  orderBy: { start: "asc" },
});
const pair = hegseth.filter((c) => hegseth.some((o) => o.clusterId === c.clusterId && o.articleId !== c.articleId));
if (!story || pair.length !== 2) throw new Error(`e2e seed: expected the demo story and one matched Hegseth pair, found story ${story?.storyId ?? "none"}, ${pair.length} claims`);
// As on the demo desk, an editor confirms the suggested story: articles other specs import later
// about the same event (07's Hegseth note) then wait apart as suggestions, outside the comparison.
const suggested = await db.story.findUniqueOrThrow({ where: { id: story.storyId }, select: { version: true } });
await confirmStory(editor, { storyId: story.storyId, expectedVersion: suggested.version });
for (const claim of pair) {
  await assignClaim(editor, { claimId: claim.id, assigneeId: storyReviewer.id, priority: "NORMAL", dueAt: undefined, expectedVersion: claim.version });
}
// The second article's outlet-only claims e2e/18-story-comparison.spec.ts reads are kept out of the
// unassigned pool too (assigned to a reviewer of their own): specs that take its unassigned claims
// in list order reword some of them (16-report-scripts), which would change what the story spec
// checks. (The first article's pool is short; its specs reword none of its claims.)
const storyKeeper = await makeUser("REVIEWER", "Kim Keeper");
for (const phrase of ["Elbridge Colby", "Storm Shadow", "3,000 extended-range", "green, yellow, and red"]) {
  const claim = await db.claim.findFirst({
    where: { articleId: { in: articles.map((a) => a.id) }, text: { contains: phrase }, status: "NEW", assigneeId: null },
    select: { id: true, version: true },
    orderBy: { start: "asc" },
  });
  if (claim) await assignClaim(editor, { claimId: claim.id, assigneeId: storyKeeper.id, priority: "NORMAL", dueAt: undefined, expectedVersion: claim.version });
}
const fixtures = {
  password: TEST_PASSWORD,
  users: { admin, editor, editor2, reviewer, reviewer2, mfa, storyReviewer },
  articles,
  story: { id: story.storyId, hegsethClaimIds: pair.map((c) => c.id) },
};
writeFileSync("prisma/data/e2e-fixtures.json", JSON.stringify(fixtures, null, 2));
console.log("e2e desk seeded");
process.exit(0);

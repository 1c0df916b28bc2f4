import "server-only";
import { importArticle } from "../articles";
import { addComment } from "../comments";
import { addEvidence } from "../evidence";
import { approveVerdict } from "../claim/approve-verdict";
import { assignClaim } from "../claim/assign-claim";
import { proposeVerdict } from "../claim/propose-verdict";
import { publishClaim } from "../claim/publish-claim";
import { getDb } from "../db";
import { confirmStory } from "../story/change-story";
import type { Actor } from "../permissions";
import { reviewSuggestions } from "../suggestions";
import { createUser } from "../users";
import { DEMO_ACCOUNTS, DEMO_ARTICLES, DEMO_PUBLISHED, readDemoArticle } from "./demo-data";

/**
 * Imports the two demo articles as `editor` (an article already imported is reused) and accepts the
 * `accept` best-ranked suggestions of each, as an editor would; the rest stay suggested for review.
 */
export async function importDemoArticles(editor: Actor, accept = Number.POSITIVE_INFINITY, leave = 0) {
  const db = await getDb();
  const imported: { id: string; title: string; file: string }[] = [];
  for (const article of DEMO_ARTICLES) {
    const { id } = await importArticle(editor, {
      title: article.title,
      outlet: article.outlet,
      author: article.author,
      url: article.url,
      publishedAt: new Date(`${article.publishedAt}T00:00:00Z`),
      text: readDemoArticle(article.file),
    });
    imported.push({ id, title: article.title, file: article.file });
    const suggested = await db.claim.findMany({
      where: { articleId: id, status: "SUGGESTED" },
      orderBy: [{ checkworthiness: "desc" }, { start: "asc" }],
      select: { id: true },
    });
    // The best `accept`, always leaving the `leave` weakest to review (how many there are follows the text).
    const best = suggested.slice(0, Math.min(accept, Math.max(0, suggested.length - leave)));
    if (best.length > 0) await reviewSuggestions(editor, { articleId: id, decision: "accept", claimIds: best.map((c) => c.id) });
  }
  return imported;
}

/**
 * The demo accepts at most this many best-ranked suggestions per article and leaves the rest, at least
 * DEMO_LEFT_TO_REVIEW, for an editor to review (the number suggested follows each text).
 */
const DEMO_ACCEPTED_PER_ARTICLE = 10;
const DEMO_LEFT_TO_REVIEW = 2;

/** The claims the demo hands out, found by a phrase of their text. */
const DEMO_ASSIGNMENTS: { phrase: string; reviewer: string; second?: string; priority: "HIGH" | "NORMAL" | "URGENT"; dueInDays: number }[] = [
  { phrase: "3,000 extended-range missiles", reviewer: "riley@demo.claimledger.test", second: "sam@demo.claimledger.test", priority: "HIGH", dueInDays: 2 },
  { phrase: "ranges up to 190 miles", reviewer: "riley@demo.claimledger.test", priority: "NORMAL", dueInDays: 5 },
  { phrase: "green, yellow, and red", reviewer: "sam@demo.claimledger.test", priority: "URGENT", dueInDays: 1 },
  { phrase: "Article 51 of the United Nations Charter", reviewer: "sam@demo.claimledger.test", priority: "NORMAL", dueInDays: 7 },
  // Untouched work for Riley, whose other two claims are already proposed: every demo reviewer has
  // something to start on at first sign-in.
  { phrase: "devised by Pentagon Undersecretary Elbridge Colby", reviewer: "riley@demo.claimledger.test", priority: "HIGH", dueInDays: 3 },
];

/**
 * Loads the demo desk through the same use cases the app runs (every step audited). Returns false if
 * the database already holds data (the demo keeps what users saved).
 */
export async function seedDemo(log: (line: string) => void = () => {}): Promise<boolean> {
  const db = await getDb();
  if (await db.setting.findUnique({ where: { key: "demoSeededAt" } })) return false;
  if ((await db.user.count()) > 0) {
    throw new Error("This database already holds data that is not a complete demo desk. Use a fresh DATABASE_URL, or `npm run demo -- --reset`.");
  }
  const users = new Map<string, Actor>();
  for (const account of DEMO_ACCOUNTS) {
    const user = await createUser("cli", account);
    users.set(account.email, { id: user.id, email: user.email, name: user.name, role: account.role });
  }
  const editor = users.get("editor@demo.claimledger.test")!;
  const demoArticles = await importDemoArticles(editor, DEMO_ACCEPTED_PER_ARTICLE, DEMO_LEFT_TO_REVIEW);
  for (const article of demoArticles) {
    const suggested = await db.claim.count({ where: { articleId: article.id, status: "SUGGESTED" } });
    const accepted = await db.claim.count({ where: { articleId: article.id, status: { not: "SUGGESTED" } } });
    log(`Imported "${article.title}": ${accepted} claims accepted, ${suggested} suggestions left to review.`);
  }
  // Import suggested one story for the two demo articles (issue 18): the editor confirms it.
  const story = await db.storyArticle.findUnique({ where: { articleId: demoArticles.at(-1)!.id }, select: { story: true } });
  const others = story ? await db.storyArticle.count({ where: { storyId: story.story.id, articleId: { in: demoArticles.map((a) => a.id) } } }) : 0;
  if (!story || others !== demoArticles.length) throw new Error("Demo seed: import did not suggest one story for the two demo articles");
  await confirmStory(editor, { storyId: story.story.id, expectedVersion: story.story.version });
  log(`Suggested and confirmed the story "${story.story.title}" (${demoArticles.length} outlets).`);
  for (const a of DEMO_ASSIGNMENTS) {
    const claim = await db.claim.findFirst({ where: { text: { contains: a.phrase }, status: "NEW" }, orderBy: { checkworthiness: "desc" } });
    if (!claim) throw new Error(`Demo seed: the extractor did not find the claim "${a.phrase}"`);
    const reviewer = users.get(a.reviewer)!;
    await assignClaim(editor, {
      claimId: claim.id,
      assigneeId: reviewer.id,
      priority: a.priority,
      dueAt: new Date(Date.now() + a.dueInDays * 86_400_000),
      expectedVersion: claim.version,
      ...(a.second ? { secondReviewerId: users.get(a.second)!.id } : {}),
    });
  }
  // One claim already carries evidence and a proposed verdict, ready for an editor's decision.
  const riley = users.get("riley@demo.claimledger.test")!;
  const range = await db.claim.findFirstOrThrow({ where: { text: { contains: "ranges up to 190 miles" }, assigneeId: riley.id } });
  await addEvidence(riley, {
    claimId: range.id,
    // A placeholder source, clearly marked: demo data must not pass for real evidence.
    url: "https://example.org/demo/atacms-range",
    title: "Demo placeholder: published ATACMS range figures",
    publisher: "Demo data (not a real source)",
    quote: "Placeholder for a manufacturer or army fact sheet giving the longest ATACMS range as about 300 km (≈190 mi).",
    stance: "SUPPORTS",
  });
  const current = await db.claim.findUniqueOrThrow({ where: { id: range.id } });
  await proposeVerdict(riley, {
    claimId: range.id,
    expectedVersion: current.version,
    rating: "TRUE",
    rationale: "Demo rationale: the cited range of **about 300 km (≈190 mi)** matches the article's figure.",
  });
  // The 3,000-missiles claim is blind double-reviewed: both reviewers proposed, so the editor compares
  // both verdicts and the dashboard has an agreement figure; an editor's comment mentions Riley.
  const sam = users.get("sam@demo.claimledger.test")!;
  const missiles = await db.claim.findFirstOrThrow({ where: { text: { contains: "3,000 extended-range missiles" }, assigneeId: riley.id } });
  await addComment(editor, { claimId: missiles.id, body: "@Riley Reviewer the 3,000 figure comes from the WSJ report; please check the original wording." });
  for (const [reviewer, rating, note] of [
    [riley, "MOSTLY_TRUE", "The approvals are reported, but the **3,000** figure is an estimate."],
    [sam, "TRUE", "Both outlets and the cited report give **more than 3,000** missiles."],
  ] as const) {
    await addEvidence(reviewer, {
      claimId: missiles.id,
      url: `https://example.org/demo/extended-range-missiles-${reviewer.name.split(" ")[0]!.toLowerCase()}`,
      title: "Demo placeholder: report on extended-range missile approvals",
      publisher: "Demo data (not a real source)",
      quote: "Placeholder for the report that counts the approved extended-range missiles.",
      stance: "SUPPORTS",
    });
    const latest = await db.claim.findUniqueOrThrow({ where: { id: missiles.id } });
    await proposeVerdict(reviewer, { claimId: missiles.id, expectedVersion: latest.version, rating, rationale: `Demo rationale: ${note}` });
  }
  // Two fact-checks are published (reviewed, approved by the second editor), so /fact-checks is not empty.
  const approver = users.get("editor2@demo.claimledger.test")!;
  for (const p of DEMO_PUBLISHED) {
    const found = await db.claim.findFirst({ where: { text: { contains: p.phrase }, status: { in: ["NEW", "SUGGESTED"] } }, orderBy: { checkworthiness: "desc" } });
    if (!found) throw new Error(`Demo seed: the extractor did not find the claim "${p.phrase}"`);
    if (found.status === "SUGGESTED") await reviewSuggestions(editor, { articleId: found.articleId, decision: "accept", claimIds: [found.id] });
    const reviewer = users.get(p.reviewer)!;
    const version = async () => (await db.claim.findUniqueOrThrow({ where: { id: found.id } })).version;
    await assignClaim(editor, { claimId: found.id, assigneeId: reviewer.id, priority: "NORMAL", dueAt: undefined, expectedVersion: await version() });
    await addEvidence(reviewer, {
      claimId: found.id,
      url: `https://example.org/demo/published-${DEMO_PUBLISHED.indexOf(p) + 1}`,
      title: "Demo placeholder: source of the published fact-check",
      publisher: "Demo data (not a real source)",
      quote: p.evidence,
      stance: "CONTEXT",
    });
    await proposeVerdict(reviewer, { claimId: found.id, expectedVersion: await version(), rating: p.rating, rationale: p.rationale });
    await approveVerdict(approver, { claimId: found.id, expectedVersion: await version() });
    await publishClaim(editor, { claimId: found.id, expectedVersion: await version() });
  }
  log(`Published ${DEMO_PUBLISHED.length} fact-checks (public at /fact-checks).`);
  await db.setting.create({ data: { key: "demoSeededAt", value: JSON.stringify(new Date().toISOString()) } });
  return true;
}

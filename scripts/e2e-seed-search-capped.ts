/**
 * Adds to the e2e desk (e2e/25-search-capped.spec.ts) one article with SEARCH_MATCH_LIMIT + 1 NEW
 * claims that all hold the word "Zéphyrine", written by the seed's editor through the app's own bulk
 * claim insert (createAnchoredClaims, one transaction with their audit events), so a search for it
 * matches more claims than the search reads. Refuses anything but a local throwaway database.
 * Prints the article's id.
 */
import { readFileSync } from "node:fs";
import { createAnchoredClaims } from "@/lib/server/claim/create-anchored-claims";
import { SEARCH_MATCH_LIMIT } from "@/lib/server/claim-search";
import { getDb } from "@/lib/server/db";
import type { Actor } from "@/lib/server/permissions";
import { makeArticle } from "@/lib/server/testing/factories";
import { inTransaction } from "@/lib/server/transaction";

const url = process.env.DATABASE_URL ?? "";
if (!/^file:\.\/prisma\/data\/e2e[\w-]*\.db$/.test(url)) {
  console.error(`Refusing to seed e2e data into ${url || "(unset)"}: only file:./prisma/data/e2e*.db is allowed.`);
  process.exit(1);
}

const fixtures = JSON.parse(readFileSync("prisma/data/e2e-fixtures.json", "utf8")) as { users: { editor: Actor } };
const editor = fixtures.users.editor;
const { id: articleId } = await makeArticle(editor, { acceptSuggestions: false });
const db = await getDb();
const { text } = await db.article.findUniqueOrThrow({ where: { id: articleId }, select: { text: true } });
// Distinct spans of the article (start, end): the claims' own texts differ from the spans.
const spans = Array.from({ length: SEARCH_MATCH_LIMIT + 1 }, (_, i) => ({ start: i % 200, end: (i % 200) + 20 + Math.floor(i / 200) }));
if (spans.some((s) => s.end > text.length)) throw new Error("e2e search seed: the article is too short for its spans");
await inTransaction((tx) =>
  createAnchoredClaims(
    tx,
    editor,
    text,
    spans.map((span, i) => ({
      articleId,
      text: `Zéphyrine lighthouse log ${i}: ${i * 3} ships passed the harbour`,
      ...span,
      score: 0.5,
      origin: "MANUAL" as const,
      status: "NEW" as const,
    })),
  ),
);
console.log(articleId);
process.exit(0);

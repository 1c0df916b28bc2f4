import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { claimListFilterSchema, type ClaimListFilter } from "@/lib/validation/claims";
import { assignClaim } from "./claim/assign-claim";
import { countClaims } from "./claim/count-claims";
import { listClaims } from "./claim/list-claims";
import { returnVerdict } from "./claim/return-verdict";
import { getDb } from "./db";
import { countQueries } from "./testing/query-counter";
import { makeArticle, makeClaimWithText, makeEvidence, makeProposedClaim, makeUser } from "./testing/factories";
import { approveVerdict } from "./claim/approve-verdict";

const DAY = 86_400_000;
const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
const filter = (raw: Record<string, string>): ClaimListFilter => claimListFilterSchema.parse(raw);

describe("claim list filters", () => {
  it("filters by status, assignee, priority and due date, the way the URL says", async () => {
    const editor = await makeUser("EDITOR");
    const r1 = await makeUser("REVIEWER");
    const r2 = await makeUser("REVIEWER");
    const { id: articleId, claims } = await makeArticle(editor);
    expect(claims.length).toBeGreaterThanOrEqual(4);
    const [a, b, c, d] = claims as [(typeof claims)[0], (typeof claims)[0], (typeof claims)[0], (typeof claims)[0]];
    const now = new Date();
    await assignClaim(editor, { claimId: a.id, assigneeId: r1.id, priority: "HIGH", dueAt: new Date(now.getTime() - DAY), expectedVersion: a.version });
    await assignClaim(editor, { claimId: b.id, assigneeId: r2.id, priority: "LOW", dueAt: new Date(now.getTime() + 2 * DAY), expectedVersion: b.version });
    await assignClaim(editor, { claimId: c.id, assigneeId: r1.id, priority: "HIGH", dueAt: new Date(now.getTime() + 30 * DAY), expectedVersion: c.version });
    const list = (raw: Record<string, string>) => listClaims(editor, filter({ articleId, ...raw }), { now });

    expect(ids(await list({}))).toEqual(ids(claims));
    expect(ids(await list({ status: "ASSIGNED" }))).toEqual(ids([a, b, c]));
    expect(ids(await list({ status: "NEW" }))).toEqual(ids(claims.filter((x) => ![a.id, b.id, c.id].includes(x.id))));
    expect(ids(await list({ assigneeId: r1.id }))).toEqual(ids([a, c]));
    expect(ids(await list({ assigneeId: "none" }))).toContain(d.id);
    expect(ids(await list({ priority: "HIGH" }))).toEqual(ids([a, c]));
    expect(ids(await list({ priority: "LOW", assigneeId: r1.id }))).toEqual([]);
    expect(ids(await list({ due: "overdue" }))).toEqual(ids([a]));
    expect(ids(await list({ due: "within", dueWithinDays: "3" }))).toEqual(ids([b]));
    expect(ids(await list({ due: "within", dueWithinDays: "60" }))).toEqual(ids([b, c]));
    expect(ids(await list({ due: "within" }))).toEqual(ids([b])); // 7 days by default
    expect(ids(await list({ due: "none" }))).toEqual(ids(claims.filter((x) => ![a.id, b.id, c.id].includes(x.id))));
    expect(await countClaims(editor, filter({ articleId, priority: "HIGH" }), now)).toBe(2);
  });

  it("filters by the current verdict, and 'none' finds claims without one", async () => {
    const editor = await makeUser("EDITOR");
    const approver = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { article, claim } = await makeProposedClaim(editor, reviewer, "MISLEADING");
    const articleId = article.id;
    const others = article.claims.filter((c) => c.id !== claim.id);
    const list = (raw: Record<string, string>) => listClaims(editor, filter({ articleId, ...raw }));
    expect(ids(await list({ verdict: "MISLEADING" }))).toEqual([claim.id]);
    expect(await list({ verdict: "TRUE" })).toEqual([]);
    expect(ids(await list({ verdict: "none" }))).toEqual(ids(others));
    const [row] = await list({ verdict: "MISLEADING" });
    expect(row!.verdicts).toEqual([{ rating: "MISLEADING", state: "PROPOSED", proposedById: reviewer.id }]);

    // A returned verdict is history, not the claim's verdict.
    await returnVerdict(editor, { claimId: claim.id, expectedVersion: claim.version, reason: "More sources." });
    expect(await list({ verdict: "MISLEADING" })).toEqual([]);
    expect(ids(await list({ verdict: "none" }))).toEqual(ids(article.claims));

    // Approved verdicts count again.
    await makeEvidence(reviewer, claim.id);
    const db = await getDb();
    const { proposeVerdict } = await import("./claim/propose-verdict");
    const current = await db.claim.findUniqueOrThrow({ where: { id: claim.id } });
    const proposed = await proposeVerdict(reviewer, { claimId: claim.id, expectedVersion: current.version, rating: "FALSE", rationale: "Checked again." });
    await approveVerdict(approver, { claimId: claim.id, expectedVersion: proposed.version });
    expect(ids(await list({ verdict: "FALSE" }))).toEqual([claim.id]);
  });

  it("searches words case-insensitively, the same on both databases, also beyond ASCII", async () => {
    const editor = await makeUser("EDITOR");
    const tag = `t${randomUUID().slice(0, 8)}`;
    const made = {
      accented: await makeClaimWithText(editor, `${tag} Le PALAIS de l'ÉLYSÉE a confirmé les chiffres`),
      percent: await makeClaimWithText(editor, `${tag} Inflation reached 100% in the region`),
      plain: await makeClaimWithText(editor, `${tag} Inflation reached 100 in the region`),
      underscore: await makeClaimWithText(editor, `${tag} The file was called budget_2025 by officials`),
      backslash: await makeClaimWithText(editor, `${tag} Stored under C:\\Reports\\Budget on the server`),
    };
    const search = async (q: string) => ids(await listClaims(editor, filter({ q: `${tag} ${q}` })));
    expect(await search("")).toEqual(ids(Object.values(made).map((m) => m.claim)));
    expect(await search("élysée palais")).toEqual([made.accented.claim.id]);
    expect(await search("ÉLYSÉE")).toEqual([made.accented.claim.id]);
    expect(await search("INFLATION")).toEqual(ids([made.percent.claim, made.plain.claim]));
    // "%" is not a wildcard: it is the word "percent", in the claim as in the query (lib/domain/search-fold.ts).
    expect(await search("100%")).toEqual([made.percent.claim.id]);
    expect(await search("100 percent")).toEqual([made.percent.claim.id]);
    expect(await search("%")).toEqual([made.percent.claim.id]);
    // "_" is not a single-character wildcard either: "budget_2025" is the phrase "budget 2025".
    expect(await search("budget_2025")).toEqual([made.underscore.claim.id]);
    expect(await search("2025 budget")).toEqual([made.underscore.claim.id]);
    expect(await search('"2025 budget"')).toEqual([]);
    expect(await search("budget_2024")).toEqual([]);
    // A backslash is not PostgreSQL's LIKE escape.
    expect(await search("c:\\reports\\budget")).toEqual([made.backslash.claim.id]);
    expect(await search("reports budget")).toEqual([made.backslash.claim.id]);
  });

  it("treats SQL-looking input as words, never widening what a reviewer sees", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const tag = `t${randomUUID().slice(0, 8)}`;
    const mine = await makeClaimWithText(editor, `${tag} The ministry said exports rose`);
    const other = await makeClaimWithText(editor, `${tag} ' OR 1=1 -- appears in this claim`);
    await assignClaim(editor, { claimId: mine.claim.id, assigneeId: reviewer.id, priority: "NORMAL", dueAt: undefined, expectedVersion: mine.claim.version });
    for (const q of ["' OR 1=1 --", "x'); DROP TABLE \"Claim\";--", "%' OR '1'='1", "\" OR \"\"=\"", "1; SELECT * FROM \"User\""]) {
      expect(await listClaims(reviewer, filter({ q }))).toEqual([]);
      const editorHits = ids(await listClaims(editor, filter({ q: `${tag} ${q}` })));
      expect(editorHits.every((id) => id === other.claim.id)).toBe(true);
    }
    expect(ids(await listClaims(editor, filter({ q: `${tag} ' OR 1=1 --` })))).toEqual([other.claim.id]);
    expect(ids(await listClaims(reviewer, filter({ q: tag })))).toEqual([mine.claim.id]);
    // The tables are still there and whole.
    const db = await getDb();
    expect(await db.claim.count({ where: { id: { in: [mine.claim.id, other.claim.id] } } })).toBe(2);
  });

  it("sends the same number of queries for a page of 1 claim or of many (no N+1)", async () => {
    const editor = await makeUser("EDITOR");
    const approver = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const tag = `t${randomUUID().slice(0, 8)}`;
    await makeClaimWithText(editor, `${tag} first claim`);
    const small = await countQueries(() => listClaims(editor, filter({ q: tag })));
    expect(small.result).toHaveLength(1);
    for (let i = 0; i < 6; i++) {
      const made = await makeClaimWithText(editor, `${tag} claim number ${i}`);
      await assignClaim(editor, { claimId: made.claim.id, assigneeId: reviewer.id, priority: "HIGH", dueAt: new Date(), expectedVersion: made.claim.version });
    }
    const { claim } = await makeProposedClaim(editor, reviewer);
    await approveVerdict(approver, { claimId: claim.id, expectedVersion: claim.version });
    const large = await countQueries(() => listClaims(editor, filter({ q: tag })));
    expect(large.result).toHaveLength(7);
    expect(large.queries).toBe(small.queries);
    const everything = await countQueries(() => listClaims(editor, {}));
    expect(everything.result.length).toBeGreaterThan(7);
    // A search adds its one full-text statement.
    expect(everything.queries).toBe(small.queries - 1);
    expect(everything.queries).toBeLessThanOrEqual(4);
  });

  it("orders by last change, newest first, with the id breaking ties (a total order for cursors)", async () => {
    const editor = await makeUser("EDITOR");
    const { id: articleId } = await makeArticle(editor);
    const rows = await listClaims(editor, filter({ articleId }));
    for (let i = 1; i < rows.length; i++) {
      const [prev, cur] = [rows[i - 1]!, rows[i]!];
      const ordered = prev.updatedAt > cur.updatedAt || (prev.updatedAt.getTime() === cur.updatedAt.getTime() && prev.id > cur.id);
      expect(ordered).toBe(true);
    }
  });
});

import { describe, expect, it } from "vitest";
import { activityFilterSchema } from "@/lib/validation/activity";
import { listActivity } from "./activity";
import { bulkAssignClaims } from "./claim/bulk-assign-claims";
import { approveVerdict } from "./claim/approve-verdict";
import { assignClaim } from "./claim/assign-claim";
import { publishClaim } from "./claim/publish-claim";
import { getDashboard } from "./dashboard";
import { makeArticle, makeAssignedClaim, makeDoubleReviewClaim, makeEvidence, makeProposedClaim, makeUser } from "./testing/factories";
import { countQueries } from "./testing/query-counter";
import { getWorkload } from "./workload";

const DAY = 86_400_000;

describe("workload", () => {
  it("counts each reviewer's open, overdue, waiting and completed claims", async () => {
    const editor = await makeUser("EDITOR");
    const approver = await makeUser("EDITOR");
    const busy = await makeUser("REVIEWER");
    const idle = await makeUser("REVIEWER");
    const now = new Date();
    const { claims } = await makeArticle(editor);
    await bulkAssignClaims(editor, {
      claims: claims.slice(0, 2).map((c) => ({ claimId: c.id, expectedVersion: c.version })),
      assigneeId: busy.id,
      priority: "HIGH",
      dueAt: new Date(now.getTime() - DAY),
    });
    await assignClaim(editor, { claimId: claims[2]!.id, assigneeId: busy.id, priority: "LOW", dueAt: new Date(now.getTime() + DAY), expectedVersion: claims[2]!.version });
    const waiting = await makeProposedClaim(editor, busy);
    const done = await makeProposedClaim(editor, busy);
    await approveVerdict(approver, { claimId: done.claim.id, expectedVersion: done.claim.version });

    const { rows } = await getWorkload(editor, now);
    const row = (id: string) => rows.find((r) => r.user.id === id);
    expect(row(busy.id)).toMatchObject({ open: 4, overdue: 2, waitingForApproval: 1, completed: 1 });
    expect(row(idle.id)).toMatchObject({ open: 0, overdue: 0, waitingForApproval: 0, completed: 0 });
    expect(waiting.claim.status).toBe("PROPOSED");
    await expect(getWorkload(busy)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("counts a blind double review for both reviewers", async () => {
    const editor = await makeUser("EDITOR");
    const first = await makeUser("REVIEWER");
    const second = await makeUser("REVIEWER");
    await makeDoubleReviewClaim(editor, first, second);
    const { rows } = await getWorkload(editor);
    for (const id of [first.id, second.id]) expect(rows.find((r) => r.user.id === id)).toMatchObject({ open: 1, overdue: 0, completed: 0 });
  });

  it("needs the same number of queries however many claims and people there are", async () => {
    const editor = await makeUser("EDITOR");
    const first = await countQueries(() => getWorkload(editor));
    for (let i = 0; i < 3; i++) await makeAssignedClaim(editor, await makeUser("REVIEWER"));
    const second = await countQueries(() => getWorkload(editor));
    expect(second.result.rows.length).toBeGreaterThan(first.result.rows.length);
    expect(second.queries).toBe(first.queries);
  });
});

describe("dashboard", () => {
  it("counts statuses, overdue claims, weekly throughput per reviewer and verdicts", async () => {
    const editor = await makeUser("EDITOR");
    const approver = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const now = new Date(Date.now() + 1000);
    const before = await getDashboard(editor, now);
    const count = (d: typeof before, status: string) => d.statuses.find((s) => s.status === status)!.count;
    const verdict = (d: typeof before, key: string) => d.verdicts.find((v) => v.key === key)!;

    const overdue = await makeAssignedClaim(editor, reviewer);
    await assignClaim(editor, { claimId: overdue.claim.id, assigneeId: reviewer.id, priority: "HIGH", dueAt: new Date(Date.now() - DAY), expectedVersion: overdue.claim.version });
    const a = await makeProposedClaim(editor, reviewer, "FALSE");
    const b = await makeProposedClaim(editor, reviewer, "FALSE");
    const approvedB = await approveVerdict(approver, { claimId: b.claim.id, expectedVersion: b.claim.version });
    const c = await makeProposedClaim(editor, reviewer, "TRUE");
    const approvedC = await approveVerdict(approver, { claimId: c.claim.id, expectedVersion: c.claim.version });
    await publishClaim(editor, { claimId: c.claim.id, expectedVersion: approvedC.version });

    const after = await getDashboard(editor, new Date(Date.now() + 1000));
    expect(count(after, "ASSIGNED") - count(before, "ASSIGNED")).toBe(1);
    expect(count(after, "PROPOSED") - count(before, "PROPOSED")).toBe(1);
    expect(count(after, "APPROVED") - count(before, "APPROVED")).toBe(1);
    expect(count(after, "PUBLISHED") - count(before, "PUBLISHED")).toBe(1);
    expect(after.overdue.count - before.overdue.count).toBe(1);
    expect(after.overdue.claims.map((x) => x.id)).toContain(overdue.claim.id);
    expect(verdict(after, "FALSE").proposed - verdict(before, "FALSE").proposed).toBe(1);
    expect(verdict(after, "FALSE").approved - verdict(before, "FALSE").approved).toBe(1);
    expect(verdict(after, "TRUE").published - verdict(before, "TRUE").published).toBe(1);
    // This week's column credits the reviewer with the two approved verdicts; earlier weeks have none.
    expect(after.throughput.reviewers.map((r) => r.id)).toContain(reviewer.id);
    const weeks = after.throughput.weeks;
    expect(weeks).toHaveLength(8);
    expect(weeks.at(-1)!.counts[reviewer.id]).toBe(2);
    expect(weeks.slice(0, -1).every((w) => w.counts[reviewer.id] === 0)).toBe(true);
    expect(a.claim.status).toBe("PROPOSED");
    expect(approvedB.status).toBe("APPROVED");
    await expect(getDashboard(reviewer)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("activity feed", () => {
  it("filters by person, action and date, newest first, in keyset pages", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    await makeEvidence(reviewer, claim.id);
    await makeEvidence(reviewer, claim.id);
    await makeEvidence(reviewer, claim.id);
    const filter = (raw: Record<string, string>) => activityFilterSchema.parse(raw);

    const byReviewer = await listActivity(editor, filter({ actorId: reviewer.id }));
    expect(byReviewer.events.map((e) => e.action)).toEqual(["evidence.add", "evidence.add", "evidence.add", "claim.startReview"]);
    expect(byReviewer.events.every((e) => e.actor?.id === reviewer.id)).toBe(true);
    expect(byReviewer.events[0]!.claim).toEqual({ id: claim.id, text: claim.text });
    const ids = byReviewer.events.map((e) => e.id);
    expect([...ids].sort((x, y) => y - x)).toEqual(ids);

    const adds = await listActivity(editor, filter({ actorId: reviewer.id, action: "evidence.add" }));
    expect(adds.events).toHaveLength(3);
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + DAY).toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - DAY).toISOString().slice(0, 10);
    expect((await listActivity(editor, filter({ actorId: reviewer.id, from: today, to: today }))).events).toHaveLength(4);
    expect((await listActivity(editor, filter({ actorId: reviewer.id, from: tomorrow }))).events).toHaveLength(0);
    expect((await listActivity(editor, filter({ actorId: reviewer.id, to: yesterday }))).events).toHaveLength(0);

    // Pages of two: every event exactly once, then no next page.
    const seen: number[] = [];
    let before: number | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await listActivity(editor, { actorId: reviewer.id, before }, 2);
      seen.push(...result.events.map((e) => e.id));
      if (result.nextBefore === null) break;
      before = result.nextBefore;
    }
    expect(seen).toEqual(ids);
    await expect(listActivity(reviewer, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("keeps the other reviewer's steps out of a blind reviewer's feed, as the claim page does", async () => {
    const assigner = await makeUser("EDITOR");
    const editorReviewer = await makeUser("EDITOR");
    const other = await makeUser("REVIEWER");
    const { claim } = await makeDoubleReviewClaim(assigner, editorReviewer, other);
    await makeEvidence(other, claim.id);
    await makeEvidence(editorReviewer, claim.id);
    const onClaim = (page: Awaited<ReturnType<typeof listActivity>>) => page.events.filter((e) => e.claimId === claim.id).map((e) => [e.actor?.id, e.action]);
    expect(onClaim(await listActivity(editorReviewer, { actorId: other.id }))).toEqual([]);
    expect(onClaim(await listActivity(editorReviewer, { actorId: editorReviewer.id }))).toEqual([[editorReviewer.id, "evidence.add"]]);
    expect(onClaim(await listActivity(editorReviewer, {}))).toEqual([[editorReviewer.id, "evidence.add"]]);
    // Another editor sees everyone's steps.
    // (A blind reviewer's evidence does not move the claim into review: no claim.startReview yet.)
    expect(onClaim(await listActivity(assigner, { actorId: other.id }))).toEqual([[other.id, "evidence.add"]]);
  });
});

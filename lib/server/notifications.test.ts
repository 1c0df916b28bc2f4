import { describe, expect, it } from "vitest";
import { approveVerdict } from "./claim/approve-verdict";
import { assignClaim } from "./claim/assign-claim";
import { returnVerdict } from "./claim/return-verdict";
import { getDb } from "./db";
import {
  countUnreadNotifications,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  materializeDueReminders,
} from "./notifications";
import { countQueries } from "./testing/query-counter";
import { claimState, makeArticle, makeAssignedClaim, makeProposedClaim, makeUser, proposeWithEvidence } from "./testing/factories";

async function rowsOf(userId: string) {
  const db = await getDb();
  return db.notification.findMany({ where: { userId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

describe("notifications of workflow steps", () => {
  it("tells a reviewer a claim was assigned to them, worded with the editor's name and the claim", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, reviewer);
    expect(await countUnreadNotifications(reviewer)).toBe(1);
    const [item] = await listNotifications(reviewer);
    expect(item).toMatchObject({ kind: "ASSIGNED", claimId: claim.id, readAt: null });
    expect(item!.text.startsWith(`${editor.name} assigned “${claim.text.slice(0, 40)}`)).toBe(true);
    expect(item!.text.endsWith("” to you.")).toBe(true);
    // The editor who assigned gets nothing.
    expect(await rowsOf(editor.id)).toEqual([]);
  });

  it("writes nothing when the step is refused (same transaction)", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claims } = await makeArticle(editor);
    const claim = claims[0]!;
    // Valid assignee, invalid second reviewer (the same person): the whole step rolls back.
    await expect(
      assignClaim(editor, { claimId: claim.id, assigneeId: reviewer.id, secondReviewerId: reviewer.id, priority: "NORMAL", dueAt: undefined, expectedVersion: claim.version }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await rowsOf(reviewer.id)).toEqual([]);
    expect(await claimState(claim.id)).toMatchObject({ status: "NEW", assigneeId: null });
  });

  it("tells the reviewer their verdict was returned (with the reason) or approved", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const { claim } = await makeProposedClaim(editor, reviewer);
    await returnVerdict(editor, { claimId: claim.id, expectedVersion: claim.version, reason: "Which year is this?" });
    const proposed = await proposeWithEvidence(reviewer, claim.id);
    await approveVerdict(editor, { claimId: claim.id, expectedVersion: proposed.version });
    const items = await listNotifications(reviewer);
    expect(items.map((n) => n.kind)).toEqual(["APPROVED", "RETURNED", "ASSIGNED"]);
    expect(items[0]!.text.startsWith(`${editor.name} approved your verdict on “${claim.text.slice(0, 40)}`)).toBe(true);
    expect(items[1]!.text.startsWith(`${editor.name} returned your verdict on “${claim.text.slice(0, 40)}`)).toBe(true);
    expect(items[1]!.text.endsWith("”: Which year is this?")).toBe(true);
  });
});

describe("reading notifications", () => {
  it("marks one read, then all, and refuses someone else's", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const other = await makeUser("REVIEWER");
    await makeAssignedClaim(editor, reviewer);
    await makeAssignedClaim(editor, reviewer);
    const [first, second] = await listNotifications(reviewer);
    await expect(markNotificationRead(other, { notificationId: first!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await countUnreadNotifications(reviewer)).toBe(2);
    await markNotificationRead(reviewer, { notificationId: first!.id });
    await markNotificationRead(reviewer, { notificationId: first!.id }); // idempotent
    expect(await countUnreadNotifications(reviewer)).toBe(1);
    expect((await listNotifications(reviewer)).find((n) => n.id === second!.id)?.readAt).toBeNull();
    expect(await markAllNotificationsRead(reviewer)).toBe(1);
    expect(await countUnreadNotifications(reviewer)).toBe(0);
    await expect(markNotificationRead(reviewer, { notificationId: "no-such-notification" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("hides notifications about a claim the reviewer no longer reviews", async () => {
    const editor = await makeUser("EDITOR");
    const first = await makeUser("REVIEWER");
    const second = await makeUser("REVIEWER");
    const { claim } = await makeAssignedClaim(editor, first);
    expect(await countUnreadNotifications(first)).toBe(1);
    await assignClaim(editor, { claimId: claim.id, assigneeId: second.id, priority: "NORMAL", dueAt: undefined, expectedVersion: claim.version });
    expect(await countUnreadNotifications(first)).toBe(0);
    expect(await listNotifications(first)).toEqual([]);
    expect(await countUnreadNotifications(second)).toBe(1);
  });
});

describe("due-tomorrow reminders", () => {
  const now = new Date("2031-05-10T09:30:00Z");

  async function assignDue(editor: Awaited<ReturnType<typeof makeUser>>, reviewer: Awaited<ReturnType<typeof makeUser>>, dueAt: Date) {
    const { claims } = await makeArticle(editor);
    return assignClaim(editor, { claimId: claims[0]!.id, assigneeId: reviewer.id, priority: "NORMAL", dueAt, expectedVersion: claims[0]!.version });
  }

  it("appear once per claim and due date when the list or count is read, however often and concurrently", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const tomorrow = await assignDue(editor, reviewer, new Date("2031-05-11T23:59:59Z"));
    await assignDue(editor, reviewer, new Date("2031-05-12T23:59:59Z")); // the day after: not yet
    await assignDue(editor, reviewer, new Date("2031-05-10T23:59:59Z")); // today: not "tomorrow"
    await Promise.all([countUnreadNotifications(reviewer, now), countUnreadNotifications(reviewer, now), listNotifications(reviewer, now)]);
    expect(await materializeDueReminders(reviewer, now)).toBe(0);
    // Every reminder there: the header's count is one statement.
    const counted = await countQueries(() => countUnreadNotifications(reviewer, now));
    expect(counted.statements, counted.statements.join("\n")).toHaveLength(1);
    const due = (await rowsOf(reviewer.id)).filter((n) => n.kind === "DUE_TOMORROW");
    expect(due.map((n) => [n.claimId, n.dedupeKey])).toEqual([[tomorrow.id, `due:${reviewer.id}:${tomorrow.id}:2031-05-11`]]);
    const listed = (await listNotifications(reviewer, now)).find((n) => n.kind === "DUE_TOMORROW");
    expect(listed?.text.startsWith(`“${tomorrow.text.slice(0, 40)}`)).toBe(true);
    expect(listed?.text.endsWith("” is due tomorrow (2031-05-11).")).toBe(true);
    // Read, it stays read: no second reminder for the same due date.
    await markAllNotificationsRead(reviewer);
    expect(await countUnreadNotifications(reviewer, now)).toBe(0);
  });

  it("skip claims whose work is done", async () => {
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const claim = await assignDue(editor, reviewer, new Date("2031-05-11T23:59:59Z"));
    await proposeWithEvidence(reviewer, claim.id);
    expect(await materializeDueReminders(reviewer, now)).toBe(0);
  });

  it("on a double review, skip the reviewer who already proposed and remind the other", async () => {
    const editor = await makeUser("EDITOR");
    const [first, second] = [await makeUser("REVIEWER"), await makeUser("REVIEWER")];
    const { claims } = await makeArticle(editor);
    const claim = await assignClaim(editor, {
      claimId: claims[0]!.id,
      assigneeId: first.id,
      secondReviewerId: second.id,
      priority: "NORMAL",
      dueAt: new Date("2031-05-11T23:59:59Z"),
      expectedVersion: claims[0]!.version,
    });
    await proposeWithEvidence(first, claim.id);
    expect(await materializeDueReminders(first, now)).toBe(0);
    expect(await materializeDueReminders(second, now)).toBe(1);
  });
});

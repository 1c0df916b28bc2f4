import { describe, expect, it } from "vitest";
import { approveVerdictSchema, assignClaimSchema } from "./claims";
import { addCommentSchema } from "./comments";
import { markAllNotificationsReadSchema, markNotificationReadSchema } from "./notifications";

describe("second reviewer on an assignment", () => {
  const assign = { claimId: "c1", assigneeId: "u1", expectedVersion: "2" };

  it("reads an id as the second reviewer, empty as none, and absent as keep", () => {
    expect(assignClaimSchema.parse({ ...assign, secondReviewerId: "u2" }).secondReviewerId).toBe("u2");
    expect(assignClaimSchema.parse({ ...assign, secondReviewerId: "" }).secondReviewerId).toBeNull();
    expect("secondReviewerId" in assignClaimSchema.parse(assign)).toBe(false);
  });

  it("refuses a malformed id", () => {
    expect(assignClaimSchema.safeParse({ ...assign, secondReviewerId: "u2; DROP TABLE" }).success).toBe(false);
  });
});

describe("approving one of two verdicts", () => {
  it("takes an optional verdict id and nothing the server decides", () => {
    expect(approveVerdictSchema.parse({ claimId: "c1", expectedVersion: "3", verdictId: "v2" })).toEqual({ claimId: "c1", expectedVersion: 3, verdictId: "v2" });
    expect(approveVerdictSchema.parse({ claimId: "c1", expectedVersion: "3" })).toEqual({ claimId: "c1", expectedVersion: 3 });
    for (const key of ["approvedById", "state", "status"]) {
      expect(approveVerdictSchema.safeParse({ claimId: "c1", expectedVersion: 3, [key]: "x" }).success).toBe(false);
    }
  });
});

describe("comments", () => {
  it("trims and requires a body, caps it at 5,000 characters, refuses unknown keys", () => {
    expect(addCommentSchema.parse({ claimId: "c1", body: "  Hello @Rita  " })).toEqual({ claimId: "c1", body: "Hello @Rita" });
    const empty = addCommentSchema.safeParse({ claimId: "c1", body: "   " });
    expect(empty.success ? [] : empty.error.issues.map((i) => i.message)).toEqual(["A comment is required."]);
    expect(addCommentSchema.safeParse({ claimId: "c1", body: "x".repeat(5001) }).success).toBe(false);
    expect(addCommentSchema.safeParse({ claimId: "c1", body: "hi", authorId: "u9" }).success).toBe(false);
    expect(addCommentSchema.safeParse({ claimId: "c1", body: "hi", mentions: "[]" }).success).toBe(false);
  });

  it("keeps markup as typed (it is rendered without raw HTML, never stripped or trusted)", () => {
    const body = `<script>alert(1)</script> **bold**`;
    expect(addCommentSchema.parse({ claimId: "c1", body }).body).toBe(body);
  });
});

describe("notifications", () => {
  it("marks one by id, or all with no field at all", () => {
    expect(markNotificationReadSchema.parse({ notificationId: "n1" })).toEqual({ notificationId: "n1" });
    expect(markNotificationReadSchema.safeParse({ notificationId: "n1", userId: "u2" }).success).toBe(false);
    expect(markAllNotificationsReadSchema.safeParse({}).success).toBe(true);
    expect(markAllNotificationsReadSchema.safeParse({ userId: "u2" }).success).toBe(false);
  });
});

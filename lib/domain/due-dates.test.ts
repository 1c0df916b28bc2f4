import { describe, expect, it } from "vitest";
import { describeDueFilter, dueCondition, endOfUtcDay, isOverdue, isoWeekLabel, recentWeeks, startOfIsoWeek } from "./due-dates";

const now = new Date("2026-03-11T15:30:00Z"); // a Wednesday

describe("due filters", () => {
  it("overdue means before now and not finished", () => {
    expect(dueCondition("overdue", now)).toEqual({ kind: "range", before: now, unfinishedOnly: true });
    const dueYesterday = new Date("2026-03-10T23:59:59Z");
    const dueTonight = new Date("2026-03-11T23:59:59Z");
    expect(isOverdue({ status: "IN_REVIEW", dueAt: dueYesterday }, now)).toBe(true);
    expect(isOverdue({ status: "NEW", dueAt: dueYesterday }, now)).toBe(true);
    expect(isOverdue({ status: "PROPOSED", dueAt: dueYesterday }, now)).toBe(true);
    expect(isOverdue({ status: "IN_REVIEW", dueAt: dueTonight }, now)).toBe(false);
    expect(isOverdue({ status: "APPROVED", dueAt: dueYesterday }, now)).toBe(false);
    expect(isOverdue({ status: "PUBLISHED", dueAt: dueYesterday }, now)).toBe(false);
    expect(isOverdue({ status: "IN_REVIEW", dueAt: null }, now)).toBe(false);
  });

  it("due within N days runs from now to the end of the N-th day", () => {
    expect(dueCondition("within", now, 0)).toEqual({ kind: "range", from: now, to: new Date("2026-03-11T23:59:59.999Z"), unfinishedOnly: false });
    expect(dueCondition("within", now, 7)).toMatchObject({ to: new Date("2026-03-18T23:59:59.999Z") });
    expect(dueCondition("within", now)).toMatchObject({ to: new Date("2026-03-18T23:59:59.999Z") });
    // Out-of-range day counts are clamped, never widened to "everything".
    expect(dueCondition("within", now, -5)).toMatchObject({ to: endOfUtcDay(now) });
    expect(dueCondition("within", now, 10_000)).toMatchObject({ to: new Date("2027-03-11T23:59:59.999Z") });
  });

  it("no due date is its own condition", () => {
    expect(dueCondition("none", now)).toEqual({ kind: "noDueDate" });
  });

  it("names each filter in words, with the day count of 'within'", () => {
    expect(describeDueFilter("overdue")).toBe("Overdue (past the due date, not finished)");
    expect(describeDueFilter("none")).toBe("No due date");
    expect(describeDueFilter("within")).toBe("Due within the next 7 days");
    expect(describeDueFilter("within", 1)).toBe("Due within the next 1 day");
    expect(describeDueFilter("within", 0)).toBe("Due today");
  });
});

describe("ISO weeks", () => {
  it("starts weeks on Monday, UTC", () => {
    expect(startOfIsoWeek(now).toISOString()).toBe("2026-03-09T00:00:00.000Z");
    expect(startOfIsoWeek(new Date("2026-03-15T23:59:59Z")).toISOString()).toBe("2026-03-09T00:00:00.000Z"); // Sunday
    expect(startOfIsoWeek(new Date("2026-03-16T00:00:00Z")).toISOString()).toBe("2026-03-16T00:00:00.000Z"); // Monday
  });

  it("labels weeks as ISO 8601 does around new year", () => {
    expect(isoWeekLabel(new Date("2026-01-01T12:00:00Z"))).toBe("2026-W01"); // Thursday
    expect(isoWeekLabel(new Date("2025-12-29T00:00:00Z"))).toBe("2026-W01"); // Monday of that week
    expect(isoWeekLabel(new Date("2027-01-01T00:00:00Z"))).toBe("2026-W53"); // 2026 has 53 weeks
    expect(isoWeekLabel(new Date("2021-01-03T00:00:00Z"))).toBe("2020-W53");
    expect(isoWeekLabel(now)).toBe("2026-W11");
  });

  it("lists the recent weeks oldest first, ending with the current one", () => {
    const weeks = recentWeeks(now, 3);
    expect(weeks.map((w) => w.label)).toEqual(["2026-W09", "2026-W10", "2026-W11"]);
    expect(weeks[2]!.start.toISOString()).toBe("2026-03-09T00:00:00.000Z");
    expect(weeks[2]!.end.toISOString()).toBe("2026-03-16T00:00:00.000Z");
    expect(weeks[0]!.end).toEqual(weeks[1]!.start);
  });
});

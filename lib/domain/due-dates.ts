/**
 * Due dates and the desk's calendar, in UTC. A due date is stored as the end of its day
 * (lib/validation/common.ts), so a claim due today is not overdue until the day is over.
 */
import { UNFINISHED_STATUSES, type ClaimStatus } from "./claim-status";

export const DUE_FILTERS = ["overdue", "within", "none"] as const;
export type DueFilter = (typeof DUE_FILTERS)[number];
export const DEFAULT_DUE_WITHIN_DAYS = 7;
export const MAX_DUE_WITHIN_DAYS = 365;

const DAY_MS = 86_400_000;

export function endOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), 23, 59, 59, 999));
}

export function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

export type DueCondition =
  | { kind: "noDueDate" }
  /** Due at or after `from` and at or before `to` (either bound may be open). */
  | { kind: "range"; from?: Date; before?: Date; to?: Date; unfinishedOnly: boolean };

/**
 * What a due filter means at `now`: overdue = past its due date and not finished; within N days =
 * due from now to the end of the N-th day from today (0 = today); none = no due date.
 */
export function dueCondition(filter: DueFilter, now: Date, withinDays = DEFAULT_DUE_WITHIN_DAYS): DueCondition {
  switch (filter) {
    case "none":
      return { kind: "noDueDate" };
    case "overdue":
      return { kind: "range", before: now, unfinishedOnly: true };
    case "within": {
      const days = Math.min(Math.max(0, Math.trunc(withinDays)), MAX_DUE_WITHIN_DAYS);
      return { kind: "range", from: now, to: endOfUtcDay(new Date(now.getTime() + days * DAY_MS)), unfinishedOnly: false };
    }
  }
}

/** A due filter in words, as report headers name their scope. */
export function describeDueFilter(filter: DueFilter, withinDays = DEFAULT_DUE_WITHIN_DAYS): string {
  switch (filter) {
    case "none":
      return "No due date";
    case "overdue":
      return "Overdue (past the due date, not finished)";
    case "within":
      return withinDays === 0 ? "Due today" : `Due within the next ${withinDays} day${withinDays === 1 ? "" : "s"}`;
  }
}

export function isOverdue(claim: { status: string; dueAt: Date | null }, now: Date): boolean {
  return claim.dueAt !== null && claim.dueAt < now && (UNFINISHED_STATUSES as readonly string[]).includes(claim.status as ClaimStatus);
}

/** The Monday (00:00 UTC) of the ISO week holding `date`. */
export function startOfIsoWeek(date: Date): Date {
  const day = startOfUtcDay(date);
  const weekday = (day.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return new Date(day.getTime() - weekday * DAY_MS);
}

/** ISO 8601 week label, e.g. 2026-W01 (the week with the year's first Thursday). */
export function isoWeekLabel(date: Date): string {
  const monday = startOfIsoWeek(date);
  const thursday = new Date(monday.getTime() + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstThursdayWeek = startOfIsoWeek(new Date(Date.UTC(year, 0, 4)));
  const week = Math.round((monday.getTime() - firstThursdayWeek.getTime()) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

export interface WeekSpan {
  label: string;
  start: Date;
  /** Exclusive. */
  end: Date;
}

/** The `count` ISO weeks up to and including the current one, oldest first. */
export function recentWeeks(now: Date, count: number): WeekSpan[] {
  const current = startOfIsoWeek(now);
  return Array.from({ length: count }, (_, i) => {
    const start = new Date(current.getTime() - (count - 1 - i) * 7 * DAY_MS);
    return { label: isoWeekLabel(start), start, end: new Date(start.getTime() + 7 * DAY_MS) };
  });
}

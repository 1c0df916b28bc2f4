import { describeDueFilter, type DueFilter } from "../due-dates";
import { describePriority, findRating, type VerdictRating } from "../verdict-scale";

/** The claim list's filters that have no field of their own on the export form. */
export interface ClaimListExtraFilters {
  verdict?: string;
  priority?: string;
  due?: DueFilter;
  dueWithinDays?: number;
  q?: string;
}

/** Those filters in words, one line each, as report headers and the export page name them. */
export function describeClaimListFilters(filter: ClaimListExtraFilters, scale: readonly VerdictRating[]): string[] {
  const lines: string[] = [];
  if (filter.verdict === "none") lines.push("Current verdict: none yet");
  else if (filter.verdict) lines.push(`Current verdict: ${findRating(scale, filter.verdict)?.label ?? filter.verdict}`);
  if (filter.priority) lines.push(`Priority: ${describePriority(filter.priority)}`);
  if (filter.due) lines.push(describeDueFilter(filter.due, filter.dueWithinDays));
  if (filter.q) lines.push(`Claim text contains: ${filter.q}`);
  return lines;
}

/**
 * How audit events read to people: a phrase for each action ("assigned the claim") and the list of
 * fields that changed, before → after, with names instead of ids and labels instead of codes. Used by
 * the claim timeline and the desk's activity feed.
 */
import { describeStatus, isClaimStatus } from "./claim-status";
import { describeVerdictState } from "./report";
import { describePriority } from "./verdict-scale";

export const ACTION_LABELS: Record<string, string> = {
  "article.import": "imported an article",
  "claim.create": "found the claim",
  "claim.accept": "accepted the suggestion",
  "claim.reject": "rejected the suggestion",
  "claim.restore": "restored the suggestion",
  "claim.match": "matched the claim with another article",
  "claim.match.confirm": "confirmed the match",
  "claim.match.split": "split the claim from its match",
  "claim.match.dissolve": "dissolved the match (one article left)",
  "claim.reword": "reworded the claim",
  "claim.claimant": "changed who made the claim",
  "claim.assign": "assigned the claim",
  "claim.take": "took the claim from the pool",
  "claim.reassign": "changed the assignment",
  "claim.reviewers": "changed the second reviewer (blind double review)",
  "claim.unassign": "unassigned the claim",
  "claim.startReview": "started the review",
  "claim.propose": "moved the claim to proposed",
  "claim.approve": "approved the claim",
  "claim.return": "returned the claim",
  "claim.publish": "published the claim",
  "claim.reopen": "reopened the claim",
  "claim.retract": "retracted the published fact-check",
  "evidence.add": "added evidence",
  "evidence.remove": "removed evidence",
  "evidence.archive": "archived the evidence source",
  "evidence.file": "attached a file to the evidence",
  "evidence.recheck": "rechecked the archived source",
  "verdict.propose": "proposed a verdict",
  "verdict.approved": "approved the verdict",
  "verdict.returned": "returned the verdict",
  "verdict.published": "published the verdict",
  "verdict.superseded": "set a verdict aside",
  "verdict.retracted": "retracted the verdict",
  "comment.add": "commented",
  "story.suggest": "suggested a story (on import)",
  "story.create": "made a story",
  "story.confirm": "confirmed the story",
  "story.rename": "renamed the story",
  "story.split": "split the story",
  "story.article.add": "added an article to the story",
  "story.article.accept": "accepted an article suggested for the story",
  "story.article.remove": "removed an article from the story",
  "story.dissolve": "dissolved the story (no article left)",
  "story.verdictConflict.resolve": "resolved a verdict conflict in the story",
  "setting.update": "changed a desk setting",
  "user.create": "created an account",
  "user.logout": "signed out everywhere",
  "user.password_change": "changed a password",
  "user.role_change": "changed a role",
  "user.deactivate": "deactivated an account",
  "user.reactivate": "reactivated an account",
  "user.password_reset": "reset a password",
  "user.set_password_link": "issued a set-password link",
  "user.password_set_by_link": "set a password through a link",
  "user.rename": "changed a name",
};

/** The actions the activity feed can filter by, in the order people meet them. */
export const KNOWN_ACTIONS: readonly string[] = Object.keys(ACTION_LABELS);

export function describeAction(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

const FIELD_LABELS: Record<string, string> = {
  assignee: "assignee",
  secondReviewer: "second reviewer",
  dueAt: "due date",
  label: "verdict",
  returnReason: "return reason",
  supersededRating: "verdict set aside",
  approvedAt: "approved at",
  clusterId: "cluster",
  sessionVersion: "session",
  passwordHash: "password",
};

/** Internal ids with no readable counterpart in the event (the approver is the event's actor). */
const HIDDEN_FIELDS = new Set(["verdictId", "approvedById"]);

export interface FieldChange {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

const MAX_VALUE_LENGTH = 160;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function formatValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (field === "status" && typeof value === "string" && isClaimStatus(value)) return describeStatus(value);
  if (field === "state" && typeof value === "string") return describeVerdictState(value);
  if (field === "priority" && typeof value === "string") return describePriority(value);
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string") {
    if (ISO_DATE_TIME.test(value)) return field === "dueAt" ? value.slice(0, 10) : `${value.slice(0, 16).replace("T", " ")} UTC`;
    return value.length > MAX_VALUE_LENGTH ? `${value.slice(0, MAX_VALUE_LENGTH - 1)}…` : value;
  }
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(3)));
  const json = JSON.stringify(value);
  return json.length > MAX_VALUE_LENGTH ? `${json.slice(0, MAX_VALUE_LENGTH - 1)}…` : json;
}

function parseRecord(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    return { value: json };
  }
}

/**
 * The fields an event changed, in the order they were recorded. Ids are for machines: an id is left
 * out where a readable name sits beside it (assigneeId beside assignee), and so are internal ids
 * (HIDDEN_FIELDS). A field recorded on both sides with the same value did not change and is left out.
 */
export function describeChanges(beforeJson: string | null, afterJson: string | null): FieldChange[] {
  const before = parseRecord(beforeJson);
  const after = parseRecord(afterJson);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changes: FieldChange[] = [];
  for (const key of keys) {
    if (HIDDEN_FIELDS.has(key)) continue;
    if (key.endsWith("Id") && key.slice(0, -2) in { ...before, ...after }) continue;
    const hasBefore = key in before;
    const hasAfter = key in after;
    const b = hasBefore ? formatValue(key, before[key]) : null;
    const a = hasAfter ? formatValue(key, after[key]) : null;
    if (hasBefore && hasAfter && b === a) continue;
    changes.push({ field: key, label: FIELD_LABELS[key] ?? key, before: b, after: a });
  }
  return changes;
}

/** One change as a line of text: "assignee: Rita → Ravi", "reason: …", "url: … → —". */
export function formatChange(change: FieldChange): string {
  if (change.before === null) return `${change.label}: ${change.after ?? "—"}`;
  return `${change.label}: ${change.before} → ${change.after ?? "—"}`;
}

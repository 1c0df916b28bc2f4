/**
 * The claim workflow (DESIGN.md §3). Status is the workflow position; the verdict is the judgement
 * and lives in lib/domain/verdict-scale.ts. Transitions are data: the server refuses anything not here.
 */
export const CLAIM_STATUSES = [
  "SUGGESTED",
  "NEW",
  "ASSIGNED",
  "IN_REVIEW",
  "PROPOSED",
  "RETURNED",
  "APPROVED",
  "PUBLISHED",
  "REOPENED",
  "REJECTED",
  "RETRACTED",
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const ROLES = ["ADMIN", "EDITOR", "REVIEWER"] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who performs a transition: the assigned reviewer, an editor/admin of the desk, or a reviewer taking
 * an unassigned claim for themselves from the pool (when the desk's settings allow it).
 */
export type TransitionActor = "ASSIGNEE" | "EDITOR" | "SELF";

export type ClaimTransitionName =
  | "accept"
  | "assign"
  | "take"
  | "unassign"
  | "startReview"
  | "propose"
  | "approve"
  | "return"
  | "publish"
  | "reopen"
  | "reject"
  | "restore"
  | "retract";

export interface ClaimTransition {
  name: ClaimTransitionName;
  from: readonly ClaimStatus[];
  to: ClaimStatus;
  by: TransitionActor;
  /** A reason the actor must give (returned verdicts, reopened claims). */
  needsReason: boolean;
}

export const CLAIM_TRANSITIONS: readonly ClaimTransition[] = [
  { name: "accept", from: ["SUGGESTED"], to: "NEW", by: "EDITOR", needsReason: false },
  { name: "assign", from: ["NEW"], to: "ASSIGNED", by: "EDITOR", needsReason: false },
  { name: "take", from: ["NEW"], to: "ASSIGNED", by: "SELF", needsReason: false },
  { name: "unassign", from: ["ASSIGNED"], to: "NEW", by: "EDITOR", needsReason: false },
  { name: "startReview", from: ["ASSIGNED", "RETURNED", "REOPENED"], to: "IN_REVIEW", by: "ASSIGNEE", needsReason: false },
  { name: "propose", from: ["IN_REVIEW"], to: "PROPOSED", by: "ASSIGNEE", needsReason: false },
  { name: "approve", from: ["PROPOSED"], to: "APPROVED", by: "EDITOR", needsReason: false },
  { name: "return", from: ["PROPOSED"], to: "RETURNED", by: "EDITOR", needsReason: true },
  { name: "publish", from: ["APPROVED"], to: "PUBLISHED", by: "EDITOR", needsReason: false },
  { name: "reopen", from: ["PUBLISHED", "RETRACTED"], to: "REOPENED", by: "EDITOR", needsReason: true },
  // Unpublishing: the public page keeps a dated retraction notice with the reason.
  { name: "retract", from: ["PUBLISHED"], to: "RETRACTED", by: "EDITOR", needsReason: true },
  { name: "reject", from: ["SUGGESTED", "NEW"], to: "REJECTED", by: "EDITOR", needsReason: false },
  { name: "restore", from: ["REJECTED"], to: "SUGGESTED", by: "EDITOR", needsReason: false },
];

export type TransitionCheck =
  | { ok: true; transition: ClaimTransition }
  | { ok: false; reason: string };

const STATUS_LABELS: Record<ClaimStatus, string> = {
  SUGGESTED: "Suggested",
  NEW: "New",
  ASSIGNED: "Assigned",
  IN_REVIEW: "In review",
  PROPOSED: "Verdict proposed",
  RETURNED: "Returned",
  APPROVED: "Approved",
  PUBLISHED: "Published",
  REOPENED: "Reopened",
  REJECTED: "Rejected",
  RETRACTED: "Retracted",
};

export function describeStatus(status: ClaimStatus): string {
  return STATUS_LABELS[status];
}

export function isClaimStatus(value: string): value is ClaimStatus {
  return (CLAIM_STATUSES as readonly string[]).includes(value);
}

export function findTransition(name: ClaimTransitionName): ClaimTransition {
  const transition = CLAIM_TRANSITIONS.find((t) => t.name === name);
  if (!transition) throw new Error(`Unknown transition ${name}`);
  return transition;
}

/** Is `name` allowed from `status`? Returns the reason in words when it is not. */
export function checkTransition(status: ClaimStatus, name: ClaimTransitionName): TransitionCheck {
  const transition = findTransition(name);
  if (!transition.from.includes(status)) {
    const allowedFrom = transition.from.map(describeStatus).join(" or ");
    return {
      ok: false,
      reason: `A claim that is ${describeStatus(status).toLowerCase()} cannot be ${pastTense(name)}; it must be ${allowedFrom.toLowerCase()} first.`,
    };
  }
  return { ok: true, transition };
}

/** Status after a transition, for any (status, transition) pair; null when not allowed. */
export function nextStatus(status: ClaimStatus, name: ClaimTransitionName): ClaimStatus | null {
  const check = checkTransition(status, name);
  return check.ok ? check.transition.to : null;
}

/** Statuses in which the assigned reviewer may still add or change evidence. */
export const REVIEWER_EDITABLE_STATUSES: readonly ClaimStatus[] = ["ASSIGNED", "IN_REVIEW", "RETURNED", "REOPENED"];

/** Statuses a reviewer sees as open work. */
export const OPEN_STATUSES: readonly ClaimStatus[] = ["ASSIGNED", "IN_REVIEW", "RETURNED", "REOPENED", "PROPOSED"];

/** Desk work not finished yet: waiting for a reviewer, or open. A past due date makes these overdue. */
export const UNFINISHED_STATUSES: readonly ClaimStatus[] = ["NEW", ...OPEN_STATUSES];

/** Work that is done: the verdict was approved (and perhaps published). */
export const COMPLETED_STATUSES: readonly ClaimStatus[] = ["APPROVED", "PUBLISHED"];

/** Statuses of the desk's claim list (suggestions and rejected suggestions live on their article page). */
export const LISTED_STATUSES: readonly ClaimStatus[] = CLAIM_STATUSES.filter((s) => s !== "SUGGESTED" && s !== "REJECTED");

function pastTense(name: ClaimTransitionName): string {
  switch (name) {
    case "accept":
      return "accepted";
    case "assign":
      return "assigned";
    case "take":
      return "taken from the pool";
    case "unassign":
      return "unassigned";
    case "startReview":
      return "taken into review";
    case "propose":
      return "given a proposed verdict";
    case "approve":
      return "approved";
    case "return":
      return "returned";
    case "publish":
      return "published";
    case "reopen":
      return "reopened";
    case "reject":
      return "rejected";
    case "restore":
      return "restored";
    case "retract":
      return "retracted";
  }
}

/**
 * Statuses in which an editor may still reword a claim (its anchor never changes). Once a verdict is
 * proposed, the wording is what the verdict judges, so it is frozen until the claim is returned or reopened.
 */
export const WORDING_EDITABLE_STATUSES: readonly ClaimStatus[] = ["SUGGESTED", "NEW", "ASSIGNED", "IN_REVIEW", "RETURNED", "REOPENED"];

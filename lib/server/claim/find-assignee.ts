import "server-only";
import { AppError } from "@/lib/domain/errors";
import type { Tx } from "../db";

const ASSIGNEE_REFUSAL = "Choose an active reviewer.";

/**
 * The one rule for whom claims may be assigned to, for single and bulk assignment alike: any active
 * user of the desk (reviewers, and editors or admins who review themselves — the assign forms list
 * the active users, lib/server/users.ts listAssignableUsers). Returns the user's id and name (the name
 * goes into the history). Throws VALIDATION on the `assigneeId` field for an unknown or deactivated user.
 */
export async function findAssignee(tx: Tx, assigneeId: string): Promise<{ id: string; name: string }> {
  const user = assertAssignable(await tx.user.findUnique({ where: { id: assigneeId }, select: { id: true, active: true, name: true } }));
  return { id: user.id, name: user.name };
}

/**
 * findAssignee's rule on a user already read (null/undefined: no such user): returns the user as given;
 * throws VALIDATION on the `assigneeId` field when it is missing or deactivated.
 */
export function assertAssignable<U extends { active: boolean }>(user: U | null | undefined): U {
  if (!user || !user.active) throw new AppError("VALIDATION", ASSIGNEE_REFUSAL, { fields: { assigneeId: [ASSIGNEE_REFUSAL] } });
  return user;
}

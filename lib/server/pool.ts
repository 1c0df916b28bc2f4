import "server-only";
import { AppError, staleVersion } from "@/lib/domain/errors";
import type { TakeClaimInput } from "@/lib/validation/claims";
import { applyTransition } from "./claim/claim-transition";
import { getDb } from "./db";
import { poolClaimsWhere, type Actor } from "./permissions";
import { getReviewerPoolSetting } from "./settings";
import { inTransaction } from "./transaction";

const POOL_PAGE = 200;
const GONE = "This claim is no longer in the pool: someone else took it or an editor assigned it. The list now shows what is left.";

/**
 * The reviewer pool as a reviewer sees it: unassigned new claims, oldest first, with enough context
 * to choose one (the passage around the claim, article, priority, due date), optionally of one
 * article; and the articles that have claims in the pool. Empty while the pool is closed.
 */
export async function listPoolClaims(actor: Actor, filter: { articleId?: string } = {}) {
  const db = await getDb();
  const setting = await getReviewerPoolSetting(db);
  if (!setting.enabled || !actor.id) return { open: false, claims: [], total: 0, articles: [] };
  const where = { AND: [poolClaimsWhere(), filter.articleId ? { articleId: filter.articleId } : {}] };
  const [claims, total, articles] = await Promise.all([
    db.claim.findMany({
      where,
    select: {
      id: true,
      text: true,
      quote: true,
      prefix: true,
      suffix: true,
      priority: true,
      dueAt: true,
      version: true,
      article: { select: { title: true, outlet: true } },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: POOL_PAGE,
    }),
    db.claim.count({ where }),
    db.article.findMany({ where: { claims: { some: poolClaimsWhere() } }, select: { id: true, title: true }, orderBy: { importedAt: "desc" } }),
  ]);
  return { open: true, claims, total, articles };
}

/**
 * A reviewer takes a claim from the pool for themselves. Race-safe: the claim must still be new,
 * unassigned and at the version the reviewer saw; of two reviewers taking it at once, one gets it
 * and the other is told it is gone.
 */
export async function takeClaim(actor: Actor, input: TakeClaimInput) {
  return inTransaction(async (tx) => {
    const setting = await getReviewerPoolSetting(tx);
    if (!setting.enabled) throw new AppError("FORBIDDEN", "The reviewer pool is closed: an editor assigns claims.");
    const claim = await tx.claim.findFirst({ where: { AND: [{ id: input.claimId }, poolClaimsWhere()] } });
    if (!claim) throw new AppError("CONFLICT", GONE);
    if (claim.version !== input.expectedVersion) throw staleVersion();
    try {
      return await applyTransition(tx, actor, claim, "take", {
        data: { assigneeId: actor.id },
        beforeDetails: { assignee: null },
        details: { assignee: actor.name },
      });
    } catch (error) {
      if (error instanceof AppError && error.code === "CONFLICT") throw new AppError("CONFLICT", GONE);
      throw error;
    }
  });
}

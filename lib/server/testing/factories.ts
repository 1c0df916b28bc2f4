/**
 * Factories shared by the integration tests (and, through the same use cases, by the demo seed):
 * each call makes fresh rows with unique emails and texts, so tests never depend on each other.
 */
import { randomUUID } from "node:crypto";
import type { Role } from "@/lib/domain/roles";
import { sliceCodePoints } from "@/lib/domain/text-span";
import { importArticle } from "../articles";
import { approveVerdict } from "../claim/approve-verdict";
import { assignClaim } from "../claim/assign-claim";
import { proposeVerdict } from "../claim/propose-verdict";
import { publishClaim } from "../claim/publish-claim";
import { getDb } from "../db";
import { addEvidence } from "../evidence";
import { reviewSuggestions } from "../suggestions";
import type { Actor } from "../permissions";
import { createClaimFromSelection } from "../suggestions";
import { createUser } from "../users";

export const TEST_PASSWORD = "correct-horse-battery-staple";

export async function makeUser(role: Role, name?: string): Promise<Actor> {
  const tag = randomUUID().slice(0, 8);
  const user = await createUser("cli", {
    email: `${role.toLowerCase()}-${tag}@test.claimledger.test`,
    name: name ?? `${role.charAt(0)}${role.slice(1).toLowerCase()} ${tag}`,
    role,
    password: TEST_PASSWORD,
  });
  return { id: user.id, email: user.email, name: user.name, role };
}

/**
 * An article with a unique text whose sentences the extractor turns into claims; its suggestions are
 * accepted (status NEW, ready to assign) unless `acceptSuggestions` is false.
 */
export async function makeArticle(editor: Actor, { acceptSuggestions = true } = {}) {
  const tag = randomUUID();
  const text = [
    `Report ${tag}.`,
    "More than 3,000 extended-range missiles have been approved for delivery to Ukraine, officials said on Monday.",
    "ATACMS, with ranges up to 190 miles, could be used to strike Russian airbases and logistics hubs.",
    "The Pentagon has also introduced a triage mechanism, classifying US weapons stocks into green, yellow, and red categories.",
    "Unemployment fell to 3.5 percent last year, the lowest rate in five decades, according to the Labor Department.",
  ].join(" ");
  const { id } = await importArticle(editor, {
    title: `Test article ${tag.slice(0, 8)}`,
    outlet: "Test Outlet",
    author: undefined,
    publishedAt: undefined,
    text,
  });
  const db = await getDb();
  if (acceptSuggestions) {
    const suggested = await db.claim.findMany({ where: { articleId: id, status: "SUGGESTED" }, select: { id: true } });
    await reviewSuggestions(editor, { articleId: id, decision: "accept", claimIds: suggested.map((c) => c.id) });
  }
  const claims = await db.claim.findMany({ where: { articleId: id }, orderBy: { start: "asc" } });
  return { id, text, claims };
}

/** A claim of a fresh article, assigned by `editor` to `reviewer` (and to `second` for a blind double review). */
export async function makeAssignedClaim(editor: Actor, reviewer: Actor, second?: Actor) {
  const article = await makeArticle(editor);
  const claim = article.claims[0];
  if (!claim) throw new Error("the extractor found no claim in the test article");
  const assigned = await assignClaim(editor, {
    claimId: claim.id,
    assigneeId: reviewer.id,
    ...(second ? { secondReviewerId: second.id } : {}),
    priority: "NORMAL",
    dueAt: undefined,
    expectedVersion: claim.version,
  });
  return { article, claim: assigned };
}

export async function claimState(claimId: string) {
  const db = await getDb();
  const [claim, evidence, verdicts, audit] = await Promise.all([
    db.claim.findUniqueOrThrow({ where: { id: claimId } }),
    db.evidence.count({ where: { claimId } }),
    db.verdict.count({ where: { claimId } }),
    db.auditEvent.count({ where: { claimId } }),
  ]);
  return { status: claim.status, version: claim.version, assigneeId: claim.assigneeId, evidence, verdicts, audit };
}

/** Attaches a piece of evidence as `reviewer` (who must be the claim's assignee). */
export async function makeEvidence(reviewer: Actor, claimId: string, overrides: { url?: string; quote?: string } = {}) {
  return addEvidence(reviewer, {
    claimId,
    url: overrides.url ?? `https://example.org/source/${randomUUID().slice(0, 8)}`,
    title: "Source document",
    publisher: "Example Publisher",
    quote: overrides.quote ?? "A quoted passage from the source.",
    stance: "REFUTES",
  });
}

/** A claim assigned to `reviewer`, with one piece of evidence and a proposed verdict. */
export async function makeProposedClaim(editor: Actor, reviewer: Actor, rating = "FALSE", rationale = "The figures do not match.") {
  const { article, claim } = await makeAssignedClaim(editor, reviewer);
  await makeEvidence(reviewer, claim.id);
  const db = await getDb();
  const current = await db.claim.findUniqueOrThrow({ where: { id: claim.id } });
  const proposed = await proposeVerdict(reviewer, { claimId: claim.id, expectedVersion: current.version, rating, rationale });
  // The step returns the columns it changed; the rest of the row is as read before it.
  return { article, claim: { ...current, ...proposed } };
}

/** A claim of a fresh article, assigned by `editor` to `first` with `second` as its blind second reviewer. */
export function makeDoubleReviewClaim(editor: Actor, first: Actor, second: Actor) {
  return makeAssignedClaim(editor, first, second);
}

/** As a reviewer of the claim: one piece of evidence, then a verdict, on the claim's current version. */
export async function proposeWithEvidence(reviewer: Actor, claimId: string, rating = "FALSE", rationale = "The figures do not match.") {
  await makeEvidence(reviewer, claimId, { quote: `Evidence of ${reviewer.name}` });
  const db = await getDb();
  const current = await db.claim.findUniqueOrThrow({ where: { id: claimId } });
  return { ...current, ...(await proposeVerdict(reviewer, { claimId, expectedVersion: current.version, rating, rationale: `${rationale} (${reviewer.name})` })) };
}

/** A user's row as far as sessions go, with the number of audit events about them. */
export async function userState(userId: string) {
  const db = await getDb();
  const [user, audit] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: userId } }),
    db.auditEvent.count({ where: { entityType: "User", entityId: userId } }),
  ]);
  return { sessionVersion: user.sessionVersion, active: user.active, role: user.role, passwordHash: user.passwordHash, mustChangePassword: user.mustChangePassword, audit };
}

/**
 * The audit actions recorded for a claim, in order. Test articles share their sentences, so a claim may
 * also be matched with claims of other tests' articles; those "claim.match" events depend on which
 * tests ran before and are left out unless asked for.
 */
export async function claimHistory(claimId: string, { includeMatches = false } = {}) {
  const db = await getDb();
  const events = await db.auditEvent.findMany({ where: { claimId }, orderBy: { id: "asc" }, select: { action: true } });
  return events.map((e) => e.action).filter((action) => includeMatches || action !== "claim.match");
}

/** A claim worded `text` (an editor's own wording of a passage) on a fresh article. */
export async function makeClaimWithText(editor: Actor, text: string) {
  const article = await makeArticle(editor);
  const created = await createClaimFromSelection(editor, { articleId: article.id, start: 0, end: 10, quote: sliceCodePoints(article.text, 0, 10), text });
  // Matching it with claims of other articles may already have moved its version on.
  const claim = await (await getDb()).claim.findUniqueOrThrow({ where: { id: created.id } });
  return { article, claim };
}

/** A claim taken through proposal, approval (by `approver`) and publication. */
export async function makePublishedClaim(editor: Actor, approver: Actor, reviewer: Actor, rating = "FALSE") {
  const { article, claim } = await makeProposedClaim(editor, reviewer, rating);
  const approved = await approveVerdict(approver, { claimId: claim.id, expectedVersion: claim.version });
  const published = await publishClaim(editor, { claimId: claim.id, expectedVersion: approved.version });
  return { article, claim: published };
}

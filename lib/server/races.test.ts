/**
 * 100 races on the database under test (SQLite, or PostgreSQL with TEST_DATABASE=postgresql): two
 * people saving the same claim at the same moment. Every race must end with exactly one winner whose
 * write is the claim's final state, a CONFLICT for the loser, and exactly the winner's audit events.
 * A race that ends any other way counts as a silent overwrite; there must be none.
 */
import { describe, expect, it } from "vitest";
import { bulkAssignClaims } from "./claim/bulk-assign-claims";
import { approveVerdict } from "./claim/approve-verdict";
import { assignClaim } from "./claim/assign-claim";
import { proposeVerdict } from "./claim/propose-verdict";
import { publishClaim } from "./claim/publish-claim";
import { reopenClaim } from "./claim/reopen-claim";
import { returnVerdict } from "./claim/return-verdict";
import { getDb } from "./db";
import { verifyAuditChain } from "./audit";
import { makeArticle, makeAssignedClaim, makeEvidence, makeProposedClaim, makeUser } from "./testing/factories";

const ASSIGN_RACES = 30;
const PROPOSE_RACES = 30;
const DECIDE_RACES = 20;
const BULK_RACES = 20;
const DAY = 86_400_000;

interface Tally {
  races: number;
  conflicts: number;
  silentOverwrites: number;
  problems: string[];
}

async function claimRow(id: string) {
  return (await getDb()).claim.findUniqueOrThrow({ where: { id } });
}

async function eventsSince(claimIds: string[], afterId: number) {
  const db = await getDb();
  const events = await db.auditEvent.findMany({ where: { claimId: { in: claimIds }, id: { gt: afterId } }, orderBy: { id: "asc" } });
  return events.map((e) => ({ ...e, afterJson: JSON.parse(e.after ?? "{}") as Record<string, unknown> }));
}

async function lastEventId() {
  const db = await getDb();
  return (await db.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
}

/** Runs two saves at once (their order alternates between races) and returns which one won. */
async function race(tally: Tally, i: number, a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<0 | 1 | null> {
  tally.races++;
  const started = i % 2 === 0 ? [a(), b()] : [b(), a()].reverse();
  const results = await Promise.allSettled(started);
  const won = results.flatMap((r, k) => (r.status === "fulfilled" ? [k as 0 | 1] : []));
  const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  for (const l of lost) if ((l.reason as { code?: string }).code === "CONFLICT") tally.conflicts++;
  if (won.length !== 1 || lost.length !== 1 || (lost[0]!.reason as { code?: string }).code !== "CONFLICT") {
    tally.silentOverwrites++;
    tally.problems.push(`race ${i}: ${won.length} winners, losers: ${lost.map((l) => String((l.reason as Error).message)).join("; ")}`);
    return null;
  }
  return won[0]!;
}

function check(tally: Tally, i: number, ok: boolean, what: string) {
  if (!ok) {
    tally.silentOverwrites++;
    tally.problems.push(`race ${i}: ${what}`);
  }
}

describe("100 races, no silent overwrite", () => {
  it("two editors assigning, two tabs proposing, approve against return, bulk against single", async () => {
    const tally: Tally = { races: 0, conflicts: 0, silentOverwrites: 0, problems: [] };
    const [editorA, editorB] = [await makeUser("EDITOR"), await makeUser("EDITOR")];
    const [r1, r2, r3] = [await makeUser("REVIEWER"), await makeUser("REVIEWER"), await makeUser("REVIEWER")];

    // 1. Two editors reassign the same claim at the same moment, each with their own assignee, priority and due date.
    const { claim: contested } = await makeAssignedClaim(editorA, r1);
    const base = Date.UTC(2027, 0, 1, 23, 59, 59);
    for (let i = 0; i < ASSIGN_RACES; i++) {
      const current = await claimRow(contested.id);
      const since = await lastEventId();
      const writes = [
        { editor: editorA, assigneeId: r1.id, priority: "HIGH", dueAt: new Date(base + i * DAY) },
        { editor: editorB, assigneeId: r2.id, priority: "LOW", dueAt: new Date(base + (i + 100) * DAY) },
      ] as const;
      const save = (w: (typeof writes)[number]) => () =>
        assignClaim(w.editor, { claimId: contested.id, assigneeId: w.assigneeId, priority: w.priority, dueAt: w.dueAt, expectedVersion: current.version });
      const winner = await race(tally, i, save(writes[0]), save(writes[1]));
      if (winner === null) continue;
      const w = writes[winner];
      const after = await claimRow(contested.id);
      check(tally, i, after.assigneeId === w.assigneeId && after.priority === w.priority && after.dueAt?.getTime() === w.dueAt.getTime() && after.version === current.version + 1, "final claim is not the winner's write");
      const events = await eventsSince([contested.id], since);
      check(
        tally,
        i,
        events.length === 1 && events[0]!.actorId === w.editor.id && events[0]!.afterJson.assigneeId === w.assigneeId && events[0]!.afterJson.priority === w.priority,
        `audit events ${JSON.stringify(events.map((e) => [e.action, e.actorId]))} are not the winner's`,
      );
    }

    // 2. The reviewer saves two different verdicts from two tabs at once; an editor then returns the winner.
    const { claim: reviewed } = await makeAssignedClaim(editorA, r3);
    await makeEvidence(r3, reviewed.id);
    const db = await getDb();
    for (let i = 0; i < PROPOSE_RACES; i++) {
      const current = await claimRow(reviewed.id);
      const since = await lastEventId();
      const verdictsBefore = await db.verdict.count({ where: { claimId: reviewed.id } });
      const writes = [
        { rating: "FALSE", rationale: `Tab A, race ${i}: the figures are wrong.` },
        { rating: "MOSTLY_FALSE", rationale: `Tab B, race ${i}: the figures are mostly wrong.` },
      ] as const;
      const save = (w: (typeof writes)[number]) => () => proposeVerdict(r3, { claimId: reviewed.id, expectedVersion: current.version, ...w });
      const winner = await race(tally, i + ASSIGN_RACES, save(writes[0]), save(writes[1]));
      if (winner !== null) {
        const w = writes[winner];
        const verdicts = await db.verdict.findMany({ where: { claimId: reviewed.id }, orderBy: { createdAt: "asc" } });
        const latest = verdicts.at(-1)!;
        check(tally, i, verdicts.length === verdictsBefore + 1 && latest.rating === w.rating && latest.rationale === w.rationale && latest.state === "PROPOSED", "verdict rows are not the winner's");
        check(tally, i, (await claimRow(reviewed.id)).status === "PROPOSED", "claim is not proposed");
        const proposals = (await eventsSince([reviewed.id], since)).filter((e) => e.action === "verdict.propose");
        check(tally, i, proposals.length === 1 && proposals[0]!.afterJson.rationale === w.rationale, "verdict.propose events are not the winner's");
      }
      const now = await claimRow(reviewed.id);
      if (now.status === "PROPOSED") await returnVerdict(editorA, { claimId: reviewed.id, expectedVersion: now.version, reason: `Race ${i} done.` });
    }

    // 3. One editor approves while another returns the same proposed verdict.
    const { claim: decided } = await makeProposedClaim(editorA, r1);
    const approver = editorB;
    for (let i = 0; i < DECIDE_RACES; i++) {
      const current = await claimRow(decided.id);
      const since = await lastEventId();
      const reason = `Return in race ${i}.`;
      const winner = await race(
        tally,
        i + ASSIGN_RACES + PROPOSE_RACES,
        () => approveVerdict(approver, { claimId: decided.id, expectedVersion: current.version }),
        () => returnVerdict(editorA, { claimId: decided.id, expectedVersion: current.version, reason }),
      );
      const after = await claimRow(decided.id);
      const verdict = await db.verdict.findFirstOrThrow({ where: { claimId: decided.id }, orderBy: { createdAt: "desc" } });
      const events = await eventsSince([decided.id], since);
      if (winner === 0) {
        check(tally, i, after.status === "APPROVED" && verdict.state === "APPROVED" && verdict.approvedById === approver.id && verdict.returnReason === null, "approval did not land whole");
        check(tally, i, events.map((e) => e.action).join() === "verdict.approved,claim.approve" && events.every((e) => e.actorId === approver.id), "events are not the approval's");
      } else if (winner === 1) {
        check(tally, i, after.status === "RETURNED" && verdict.state === "RETURNED" && verdict.returnReason === reason && verdict.approvedById === null, "return did not land whole");
        check(tally, i, events.map((e) => e.action).join() === "verdict.returned,claim.return" && events.every((e) => e.actorId === editorA.id), "events are not the return's");
      }
      // Back to a proposed verdict for the next race.
      let back = await claimRow(decided.id);
      if (back.status === "APPROVED") back = await publishClaim(editorA, { claimId: decided.id, expectedVersion: back.version });
      if (back.status === "PUBLISHED") back = await reopenClaim(editorA, { claimId: decided.id, expectedVersion: back.version, reason: "Next race." });
      await proposeVerdict(r1, { claimId: decided.id, expectedVersion: back.version, rating: "FALSE", rationale: `Proposal for race ${i + 1}.` });
    }

    // 4. A bulk assignment of two claims against a single assignment of one of them: all or nothing.
    const { claims } = await makeArticle(editorA);
    const [x, y] = [claims[0]!, claims[1]!];
    for (let i = 0; i < BULK_RACES; i++) {
      const [cx, cy] = [await claimRow(x.id), await claimRow(y.id)];
      const since = await lastEventId();
      const bulkDue = new Date(base + (i + 300) * DAY);
      const winner = await race(
        tally,
        i + ASSIGN_RACES + PROPOSE_RACES + DECIDE_RACES,
        () =>
          bulkAssignClaims(editorA, {
            claims: [
              { claimId: x.id, expectedVersion: cx.version },
              { claimId: y.id, expectedVersion: cy.version },
            ],
            assigneeId: r2.id,
            priority: "URGENT",
            dueAt: bulkDue,
          }),
        () => assignClaim(editorB, { claimId: y.id, assigneeId: r3.id, priority: "LOW", dueAt: undefined, expectedVersion: cy.version }),
      );
      const [ax, ay] = [await claimRow(x.id), await claimRow(y.id)];
      const events = await eventsSince([x.id, y.id], since);
      if (winner === 0) {
        const bulkLanded = [ax, ay].every((c) => c.assigneeId === r2.id && c.priority === "URGENT" && c.dueAt?.getTime() === bulkDue.getTime());
        check(tally, i, bulkLanded && ax.version === cx.version + 1 && ay.version === cy.version + 1, "bulk did not land whole");
        check(tally, i, events.length === 2 && events.every((e) => e.actorId === editorA.id), "events are not the bulk's");
      } else if (winner === 1) {
        check(tally, i, ay.assigneeId === r3.id && ay.priority === "LOW" && ax.version === cx.version && ax.assigneeId === cx.assigneeId, "single did not land alone");
        check(tally, i, events.length === 1 && events[0]!.actorId === editorB.id && events[0]!.entityId === y.id, "events are not the single's");
      }
    }

    const total = ASSIGN_RACES + PROPOSE_RACES + DECIDE_RACES + BULK_RACES;
    expect(tally.problems).toEqual([]);
    expect(tally).toEqual({ races: total, conflicts: total, silentOverwrites: 0, problems: [] });
    expect(total).toBe(100);
    expect((await verifyAuditChain()).ok).toBe(true);
  });
});

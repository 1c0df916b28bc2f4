/**
 * Database faults get honest answers and never wedge the desk: a full disk (SQLite, simulated with
 * PRAGMA max_page_count, which raises SQLITE_FULL like a full filesystem) is refused with 507 and writes
 * resume once space is back; a transaction SQLite rolled back by itself or whose COMMIT failed releases
 * its lock; a PostgreSQL connection killed mid-step answers 503 with Retry-After.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { POST as addEvidenceRoute } from "@/app/api/v1/claims/[claimId]/evidence/route";
import { AppError } from "@/lib/domain/errors";
import { getDb, provider } from "./db";
import { addEvidence } from "./evidence";
import { toActionState } from "./respond";
import { apiRequest, makeApiToken, routeParams } from "./testing/api";
import { claimState, makeAssignedClaim, makeUser } from "./testing/factories";
import { inTransaction } from "./transaction";

const EVIDENCE = { url: "https://example.org/report", title: "Annual report", publisher: "Agency", stance: "REFUTES" as const };
const MAX_PAGES = 1_073_741_823; // SQLite's default max_page_count

async function reviewDesk() {
  const admin = await makeUser("ADMIN");
  const editor = await makeUser("EDITOR");
  const reviewer = await makeUser("REVIEWER");
  const { claim } = await makeAssignedClaim(editor, reviewer);
  const token = await makeApiToken(admin, reviewer, "WRITE");
  return { reviewer, claim, token: token.secret };
}

function postEvidence(token: string, claimId: string, quote: string) {
  return addEvidenceRoute(apiRequest("POST", `/api/v1/claims/${claimId}/evidence`, { token, body: { ...EVIDENCE, quote } }), routeParams({ claimId }));
}

describe.runIf(provider === "sqlite")("SQLite: full disk and implicit rollbacks", () => {
  afterEach(async () => {
    const db = await getDb();
    await db.$queryRawUnsafe(`PRAGMA max_page_count = ${MAX_PAGES}`);
  });

  it("a full disk refuses each write with 507 and a clear message; writes resume when space is back, without restart", async () => {
    const { reviewer, claim, token } = await reviewDesk();
    const db = await getDb();
    const before = await claimState(claim.id);
    // Free pages inside the file (left by rows earlier tests on this database deleted; a dropped table
    // here makes sure there are some) would take the quotes without growing the file: CI once saw 201.
    // VACUUM rebuilds the file without them, so capping it at its size leaves no room at all.
    await db.$executeRawUnsafe("CREATE TABLE scratch_free_pages (b BLOB)");
    await db.$executeRawUnsafe("INSERT INTO scratch_free_pages VALUES (randomblob(200000))");
    await db.$executeRawUnsafe("DROP TABLE scratch_free_pages");
    await db.$executeRawUnsafe("VACUUM");
    const [{ freelist_count }] = await db.$queryRawUnsafe<{ freelist_count: bigint }[]>("PRAGMA freelist_count");
    expect(Number(freelist_count)).toBe(0);
    const [{ page_count }] = await db.$queryRawUnsafe<{ page_count: bigint }[]>("PRAGMA page_count");
    await db.$queryRawUnsafe(`PRAGMA max_page_count = ${Number(page_count)}`);
    // Quotes big enough to need new pages: each write must fail, and keep failing the same way.
    for (let i = 0; i < 3; i++) {
      const response = await postEvidence(token, claim.id, `${"x".repeat(4000)} ${i}`);
      expect(response.status).toBe(507);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("STORAGE_FULL");
      expect(body.error.message).toMatch(/^The server's storage is full; nothing was saved/);
    }
    // The form answer names it too, and keeps what was typed.
    const formError = await addEvidence(reviewer, { ...EVIDENCE, claimId: claim.id, quote: "y".repeat(5000) }).catch((e: unknown) => e);
    const state = toActionState(formError, { quote: "typed" });
    expect(state).toMatchObject({ status: "error", code: "STORAGE_FULL", values: { quote: "typed" } });
    expect(await claimState(claim.id)).toEqual(before);

    await db.$queryRawUnsafe(`PRAGMA max_page_count = ${MAX_PAGES}`);
    const ok = await postEvidence(token, claim.id, "Space is back.");
    expect(ok.status).toBe(201);
    expect((await claimState(claim.id)).evidence).toBe(before.evidence + 1);
  });

  it("a transaction SQLite rolled back by itself releases its lock: the next step runs", async () => {
    const { reviewer, claim } = await reviewDesk();
    const failure = new Error("statement failed after SQLite rolled back");
    await expect(
      inTransaction(async (tx) => {
        await tx.$executeRawUnsafe("ROLLBACK"); // what SQLite does by itself on SQLITE_FULL, IOERR, CORRUPT…
        throw failure;
      }),
    ).rejects.toBe(failure);
    // Before the fix, Prisma's own ROLLBACK failed ("no transaction is active") and the adapter's lock
    // was never released: this step waited maxWait and failed.
    const evidence = await addEvidence(reviewer, { ...EVIDENCE, claimId: claim.id, quote: "After an implicit rollback." });
    expect(evidence.id).toBeTruthy();
  });

  it("a COMMIT that fails rolls back, releases its lock and reports nothing saved", async () => {
    const { reviewer, claim } = await reviewDesk();
    const db = await getDb();
    const body = `deferred ${randomUUID()}`;
    const error = await inTransaction(async (tx) => {
      await tx.$executeRawUnsafe("PRAGMA defer_foreign_keys = ON");
      await tx.comment.create({ data: { claimId: "no-such-claim", authorId: reviewer.id, body } });
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(toActionState(error, {})).toMatchObject({ code: "INTERNAL", message: expect.stringMatching(/Nothing was changed/) });
    expect(await db.comment.count({ where: { body } })).toBe(0);
    const evidence = await addEvidence(reviewer, { ...EVIDENCE, claimId: claim.id, quote: "After a failed commit." });
    expect(evidence.id).toBeTruthy();
  });
});

describe.runIf(provider === "postgresql")("PostgreSQL: a connection lost mid-step", () => {
  it("answers 503 with Retry-After, says nothing was saved only because the step had not committed, and the next write works", async () => {
    const { reviewer, claim } = await reviewDesk();
    const before = await claimState(claim.id);
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      const error = await inTransaction(async (tx) => {
        await tx.comment.create({ data: { claimId: claim.id, authorId: reviewer.id, body: "lost with its connection" } });
        const [{ pid }] = await tx.$queryRawUnsafe<{ pid: number }[]>("SELECT pg_backend_pid() AS pid");
        await admin.query("SELECT pg_terminate_backend($1)", [pid]); // as a database restart does
        await tx.claim.findFirst({ where: { id: claim.id } });
      }).catch((e: unknown) => e);
      expect(error).not.toBeInstanceOf(AppError);
      const state = toActionState(error, { body: "typed" });
      expect(state).toMatchObject({ status: "error", code: "DATABASE_UNAVAILABLE", values: { body: "typed" } });
      expect(state.message).toMatch(/^The database is unavailable right now; nothing was saved/);
      const { toErrorResponse } = await import("./respond");
      const response = toErrorResponse(error);
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
    } finally {
      await admin.end();
    }
    expect(await claimState(claim.id)).toEqual(before);
    const evidence = await addEvidence(reviewer, { ...EVIDENCE, claimId: claim.id, quote: "After the restart." });
    expect(evidence.id).toBeTruthy();
  });
});

import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ReportEntry } from "@/lib/domain/report";
import { approveVerdict } from "./claim/approve-verdict";
import { getDb } from "./db";
import type { Actor } from "./permissions";
import { prepareReport } from "./reports";
import { editVerdictScale, getVerdictScale, readVerdictScaleSetting } from "./settings";
import { claimState, makeAssignedClaim, makeProposedClaim, makeUser, proposeWithEvidence } from "./testing/factories";

async function reportEntry(actor: Actor, claimId: string): Promise<ReportEntry> {
  const report = await prepareReport(actor, { claimId, includeWip: true }, { baseUrl: "https://app.example" });
  for await (const batch of report.batches()) if (batch[0]) return batch[0];
  throw new Error("no report entry");
}

async function scaleEvents() {
  const db = await getDb();
  return db.auditEvent.count({ where: { entityType: "Setting", entityId: "verdictScale" } });
}

describe("the verdict scale editor", () => {
  it("adds, renames and retires ratings, versioned and audited; reports keep the label in force at approval", async () => {
    const admin = await makeUser("ADMIN");
    const editor = await makeUser("EDITOR");
    const reviewer = await makeUser("REVIEWER");
    const tag = randomUUID().slice(0, 6);
    const label = `Scale test ${tag}`;
    const start = await readVerdictScaleSetting(admin);
    const eventsBefore = await scaleEvents();

    const added = await editVerdictScale(admin, start.version, { op: "add", label, color: "#7a1010", ratingValue: 1, requiresEvidence: true });
    expect(added.version).toBe(start.version + 1);
    const key = added.scale.at(-1)!.key;
    expect(added.scale.at(-1)).toMatchObject({ label, color: "#7a1010", ratingValue: 1 });
    expect(await scaleEvents()).toBe(eventsBefore + 1);

    // A verdict with the new rating, approved while it is called `label`.
    const { claim } = await makeProposedClaim(editor, reviewer, key);
    await approveVerdict(editor, { claimId: claim.id, expectedVersion: (await claimState(claim.id)).version });

    const renamed = await editVerdictScale(admin, added.version, { op: "update", key, label: `${label} renamed`, color: "#003f7f", ratingValue: 2, requiresEvidence: true });
    expect((await reportEntry(editor, claim.id)).verdict).toMatchObject({ rating: key, label, color: "#7a1010", ratingValue: 1 });

    // In use: not deleted, only retired; retired ratings refuse new verdicts, old ones keep theirs.
    await expect(editVerdictScale(admin, renamed.version, { op: "delete", key })).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringContaining("Retire it instead") });
    const retired = await editVerdictScale(admin, renamed.version, { op: "retire", key });
    expect(retired.scale.find((r) => r.key === key)).toMatchObject({ retired: true });
    const other = await makeAssignedClaim(editor, reviewer);
    await expect(proposeWithEvidence(reviewer, other.claim.id, key)).rejects.toMatchObject({ code: "VALIDATION", fields: { rating: [expect.stringContaining("retired")] } });
    expect((await reportEntry(editor, claim.id)).verdict?.label).toBe(label);
    expect((await getVerdictScale(await getDb())).find((r) => r.key === key)?.label).toBe(`${label} renamed`);
    expect(await scaleEvents()).toBe(eventsBefore + 3);
  });

  it("refuses a stale editor, a failing colour and non-admins, changing nothing", async () => {
    const admin = await makeUser("ADMIN");
    const editor = await makeUser("EDITOR");
    const start = await readVerdictScaleSetting(admin);
    const events = await scaleEvents();
    const add = { op: "add" as const, label: `Stale ${randomUUID().slice(0, 6)}`, color: "#7a1010", ratingValue: null, requiresEvidence: false };
    await expect(editVerdictScale(admin, start.version + 5, add)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(editVerdictScale(admin, start.version, { ...add, color: "#f0e68c" })).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { color: [expect.stringMatching(/needs 4\.5:1\. The nearest colour that passes is #[0-9a-f]{6}/)] },
    });
    await expect(editVerdictScale(editor, start.version, add)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(readVerdictScaleSetting(editor)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await readVerdictScaleSetting(admin)).version).toBe(start.version);
    expect(await scaleEvents()).toBe(events);
  });
});

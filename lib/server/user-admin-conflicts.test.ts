import { describe, expect, it } from "vitest";
import { getDb } from "./db";
import { TEST_PASSWORD, makeUser, userState } from "./testing/factories";
import { changeUserRole, deactivateUser, endAllSessions, reactivateUser, readOwnAccount, resetUserPassword, updateOwnName } from "./users";

async function versionOf(userId: string): Promise<number> {
  const db = await getDb();
  return (await db.user.findUniqueOrThrow({ where: { id: userId }, select: { version: true } })).version;
}

const STALE = { code: "CONFLICT", message: expect.stringContaining("This account changed since you opened it") };

describe("version-checked user administration", () => {
  it("refuses a second admin's role change, reset and reactivation based on the account as it was before a deactivation; nothing is overwritten", async () => {
    const [adminA, adminB, user] = await Promise.all([makeUser("ADMIN"), makeUser("ADMIN"), makeUser("REVIEWER")]);
    const shown = await versionOf(user.id);

    await deactivateUser(adminA, user.id, shown);
    const afterDeactivation = await userState(user.id);
    expect(afterDeactivation.active).toBe(false);
    expect(await versionOf(user.id)).toBe(shown + 1);

    await expect(changeUserRole(adminB, user.id, "EDITOR", TEST_PASSWORD, shown)).rejects.toMatchObject(STALE);
    await expect(resetUserPassword(adminB, user.id, shown)).rejects.toMatchObject(STALE);
    await expect(deactivateUser(adminB, user.id, shown)).rejects.toMatchObject(STALE);
    // Nothing changed: same role, state, password, sessions and audit trail as after the first step.
    expect(await userState(user.id)).toEqual(afterDeactivation);

    // On the current version, the second admin's step goes through.
    await changeUserRole(adminB, user.id, "EDITOR", TEST_PASSWORD, shown + 1);
    expect((await userState(user.id)).role).toBe("EDITOR");
    await expect(reactivateUser(adminA, user.id, shown + 1)).rejects.toMatchObject(STALE);
    await reactivateUser(adminA, user.id, shown + 2);
    expect((await userState(user.id)).active).toBe(true);
  });

  it("lets exactly one of two simultaneous steps on the same version through; the other is a conflict", async () => {
    const [adminA, adminB, user] = await Promise.all([makeUser("ADMIN"), makeUser("ADMIN"), makeUser("REVIEWER")]);
    const shown = await versionOf(user.id);
    const results = await Promise.allSettled([
      changeUserRole(adminA, user.id, "EDITOR", TEST_PASSWORD, shown),
      resetUserPassword(adminB, user.id, shown),
    ]);
    const refused = results.filter((r) => r.status === "rejected");
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
    expect(await versionOf(user.id)).toBe(shown + 1);
  });

  it("does not make an admin's form stale when the user merely signs out", async () => {
    const [admin, user] = await Promise.all([makeUser("ADMIN"), makeUser("REVIEWER")]);
    const shown = await versionOf(user.id);
    await endAllSessions(user.id);
    await changeUserRole(admin, user.id, "EDITOR", TEST_PASSWORD, shown);
    expect((await userState(user.id)).role).toBe("EDITOR");
  });

  it("refuses a rename from a stale account page (another tab renamed first)", async () => {
    const user = await makeUser("REVIEWER", "First Name");
    const { version } = await readOwnAccount(user);
    await updateOwnName(user, { name: "Second Name", expectedVersion: version });
    await expect(updateOwnName(user, { name: "Stale Tab Name", expectedVersion: version })).rejects.toMatchObject(STALE);
    expect(await readOwnAccount(user)).toEqual({ name: "Second Name", version: version + 1 });
  });
});

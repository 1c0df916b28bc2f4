import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { UserCreateForm } from "@/components/admin/user-create-form";
import { UserRowActions } from "@/components/admin/user-row-actions";
import { RefusedSubmission } from "@/components/refused-submission";
import { ROLE_LABELS, isRole } from "@/lib/domain/roles";
import { getCurrentUser } from "@/lib/server/auth";
import { isAdmin } from "@/lib/server/permissions";
import { listUsers } from "@/lib/server/users";
import { changeRoleAction, createUserAction, deactivateUserAction, reactivateUserAction, resetPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Users" };

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** What a person who has not chosen their password yet is waiting on: a one-time password or a link. */
function pendingAccess(linkExpiresAt: Date | null, now: Date): string {
  if (!linkExpiresAt) return "one-time password pending";
  return linkExpiresAt > now ? `set-password link pending until ${dateTime.format(linkExpiresAt)}` : "set-password link expired";
}

export default async function UsersPage() {
  const actor = await getCurrentUser();
  if (!actor) redirect("/login?callbackUrl=/admin/users");
  if (!isAdmin(actor)) notFound();
  const users = await listUsers(actor);
  const now = new Date();
  return (
    <>
      <h1>Users</h1>
      <RefusedSubmission />
      <section className="panel" aria-label="New account">
        <h2>New account</h2>
        <p className="muted">
          The new user gets a one-time password, shown once here (they choose their own password when they first sign in), or a one-time
          set-password link, shown once, that expires.
        </p>
        <UserCreateForm action={createUserAction} />
      </section>
      <section aria-label="Accounts">
        <h2>Accounts</h2>
        <table className="data" data-testid="user-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">State</th>
              <th scope="col">Last sign-in (UTC)</th>
              <th scope="col">Two-factor</th>
              <th scope="col">Steps</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => {
              const role = isRole(user.role) ? user.role : "REVIEWER";
              return (
                <tr key={user.id} data-testid="user-row" data-email={user.email}>
                  <td>
                    <strong>{user.name}</strong>
                    <br />
                    <span className="muted">{user.email}</span>
                  </td>
                  <td data-testid="user-role">{ROLE_LABELS[role]}</td>
                  <td data-testid="user-state">
                    {user.active ? "Active" : "Deactivated"}
                    {user.active && user.mustChangePassword && (
                      <span className="muted">
                        {" · "}
                        {pendingAccess(user.setPasswordLinks[0]?.expiresAt ?? null, now)}
                      </span>
                    )}
                  </td>
                  <td>{user.lastSignInAt ? dateTime.format(user.lastSignInAt) : "never"}</td>
                  <td data-testid="user-mfa">{user.totpEnabledAt ? `On since ${dateTime.format(user.totpEnabledAt)}` : "Off"}</td>
                  <td>
                    <UserRowActions
                      user={{ id: user.id, name: user.name, role, active: user.active, version: user.version }}
                      self={user.id === actor.id}
                      changeRole={changeRoleAction}
                      deactivate={deactivateUserAction}
                      reactivate={reactivateUserAction}
                      resetPassword={resetPasswordAction}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </>
  );
}

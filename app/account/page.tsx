import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { OwnNameForm, OwnPasswordForm } from "@/components/account-forms";
import { ROLE_LABELS } from "@/lib/domain/roles";
import { getCurrentUser } from "@/lib/server/auth";
import { readOwnAccount } from "@/lib/server/users";
import { changeOwnPasswordAction, updateOwnNameAction } from "./actions";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const actor = await getCurrentUser();
  if (!actor) redirect("/login?callbackUrl=/account");
  const account = await readOwnAccount(actor);
  return (
    <>
      <h1>Account</h1>
      <p className="muted">
        {actor.email} · {ROLE_LABELS[actor.role]}
      </p>
      <section className="panel" aria-label="Name">
        <h2>Name</h2>
        <OwnNameForm action={updateOwnNameAction} name={account.name} version={account.version} />
      </section>
      <section className="panel" aria-label="Password">
        <h2>Password</h2>
        <p className="muted">Changing your password signs you out everywhere, here too: sign in again with the new one.</p>
        <OwnPasswordForm action={changeOwnPasswordAction} />
      </section>
      <section className="panel" aria-label="Two-factor sign-in">
        <h2>Two-factor sign-in</h2>
        <p>
          <Link href="/account/two-factor">Two-factor sign-in</Link>
        </p>
      </section>
    </>
  );
}

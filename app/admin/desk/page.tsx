import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { DeskForm } from "@/components/admin/desk-form";
import { getCurrentUser } from "@/lib/server/auth";
import { isAdmin } from "@/lib/server/permissions";
import { getDeskSettings } from "@/lib/server/settings";
import { saveDeskSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Desk settings" };

export default async function DeskSettingsPage() {
  const actor = await getCurrentUser();
  if (!actor) redirect("/login?callbackUrl=/admin/desk");
  if (!isAdmin(actor)) notFound();
  const desk = await getDeskSettings();
  return (
    <>
      <h1>Desk settings</h1>
      <section className="panel" aria-label="Desk">
        <p className="muted">
          Reports name the desk as the author of their fact checks (the ClaimReview <code>author</code>). Without a web address they use
          this app&apos;s address.
        </p>
        <DeskForm action={saveDeskSettingsAction} desk={{ name: desk.name, url: desk.url ?? "", version: desk.version }} />
      </section>
    </>
  );
}

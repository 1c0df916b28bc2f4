import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { AgreementPanel } from "@/components/dashboard/agreement-panel";
import { getReviewerAgreement } from "@/lib/server/agreement";
import { getCurrentUser } from "@/lib/server/auth";
import { isEditor } from "@/lib/server/permissions";

export const metadata: Metadata = { title: "Reviewer agreement" };

/** Editors: agreement between reviewers over blind double reviews (to be embedded in /dashboard). */
export default async function AgreementPage() {
  const actor = await getCurrentUser();
  if (!actor) redirect("/login?callbackUrl=/dashboard/agreement");
  if (!isEditor(actor)) notFound();
  const data = await getReviewerAgreement(actor);
  return (
    <>
      <h1>Dashboard</h1>
      <AgreementPanel data={data} />
    </>
  );
}

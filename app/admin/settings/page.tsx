import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ReviewerPoolForm } from "@/components/reviewer-pool-form";
import { getCurrentUser } from "@/lib/server/auth";
import { isAdmin } from "@/lib/server/permissions";
import { readReviewerPoolSetting } from "@/lib/server/settings";
import { updateReviewerPoolAction } from "./actions";

export const metadata: Metadata = { title: "Desk settings" };

export default async function SettingsPage() {
  const actor = await getCurrentUser();
  if (!actor) redirect("/login?callbackUrl=/admin/settings");
  if (!isAdmin(actor)) redirect("/claims");
  const pool = await readReviewerPoolSetting(actor);
  return (
    <>
      <h1>Desk settings</h1>
      <section className="panel" aria-label="Reviewer pool">
        <h2>Reviewer pool</h2>
        <p className="muted">
          When the pool is open, reviewers see the unassigned new claims under <em>Pool</em> and can take one for themselves.
        </p>
        <p data-testid="reviewer-pool-state">The pool is {pool.enabled ? "open" : "closed"}.</p>
        <ReviewerPoolForm action={updateReviewerPoolAction} enabled={pool.enabled} version={pool.version} />
      </section>
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { DeskForm } from "@/components/admin/desk-form";
import { PublicSiteForm } from "@/components/admin/public-site-form";
import { ReviewerPoolForm } from "@/components/reviewer-pool-form";
import { getCurrentUser } from "@/lib/server/auth";
import { isAdmin } from "@/lib/server/permissions";
import { MfaRolesForm } from "@/components/admin/mfa-roles-form";
import { readPublicSiteSettings } from "@/lib/server/public-site/public-site-settings";
import { getDeskSettings, readMfaRequiredRoles, readReviewerPoolSetting } from "@/lib/server/settings";
import { saveDeskSettingsAction, saveMfaRequiredRolesAction, savePublicSiteSettingsAction, updateReviewerPoolAction } from "./actions";

export const metadata: Metadata = { title: "Desk settings" };

export default async function SettingsPage() {
  const actor = await getCurrentUser();
  if (!actor) redirect("/login?callbackUrl=/admin/settings");
  if (!isAdmin(actor)) redirect("/claims");
  const [pool, desk, mfa, publicSite] = await Promise.all([readReviewerPoolSetting(actor), getDeskSettings(), readMfaRequiredRoles(actor), readPublicSiteSettings(actor)]);
  return (
    <>
      <h1>Desk settings</h1>
      <p>
        <Link href="/admin/scale">Verdict scale</Link> · <Link href="/admin/users">Users</Link>
      </p>
      <section className="panel" aria-label="Desk">
        <h2>Desk</h2>
        <p className="muted">
          Reports name the desk as the author of their fact checks (the ClaimReview <code>author</code>). Without a web address they use
          this app&apos;s address.
        </p>
        <DeskForm action={saveDeskSettingsAction} desk={{ name: desk.name, url: desk.url ?? "", version: desk.version }} />
      </section>
      <section className="panel" aria-label="Public site">
        <h2>Public site</h2>
        <p className="muted">
          Published fact-checks are public at <a href="/fact-checks">/fact-checks</a>. Their ClaimReview <code>url</code> in every export is{" "}
          <code>&lt;public base URL&gt;/fact-checks/&lt;claim&gt;</code>; without a base URL, this app&apos;s address.
        </p>
        <PublicSiteForm
          action={savePublicSiteSettingsAction}
          settings={{ baseUrl: publicSite.baseUrl ?? "", showReviewerNames: publicSite.showReviewerNames, correctionsPolicy: publicSite.correctionsPolicy, version: publicSite.version }}
        />
      </section>
      <section className="panel" aria-label="Reviewer pool">
        <h2>Reviewer pool</h2>
        <p className="muted">
          When the pool is open, reviewers see the unassigned new claims under <em>Pool</em> and can take one for themselves.
        </p>
        <p data-testid="reviewer-pool-state">The pool is {pool.enabled ? "open" : "closed"}.</p>
        <ReviewerPoolForm action={updateReviewerPoolAction} enabled={pool.enabled} version={pool.version} />
      </section>
      <section className="panel" aria-label="Two-factor sign-in">
        <h2>Two-factor sign-in</h2>
        <p className="muted">
          People in the ticked roles must set up an authenticator app (TOTP) at <a href="/account/two-factor">/account/two-factor</a>; from their next
          sign-in they are sent there until they have.
        </p>
        <MfaRolesForm action={saveMfaRequiredRolesAction} roles={mfa.roles} version={mfa.version} />
      </section>
    </>
  );
}

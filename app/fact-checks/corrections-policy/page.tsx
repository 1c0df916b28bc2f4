import type { Metadata } from "next";
import { Markdown } from "@/components/markdown";
import { PublicSiteHeader } from "@/components/public-site/public-site-header";
import { ANY_SCRIPT_CLASS, UserText } from "@/components/user-text";
import { getCorrectionsPolicy } from "@/lib/server/public-site/read-fact-checks";

export const metadata: Metadata = { title: "Corrections policy" };

/** The desk's corrections policy, public (written by an admin in the settings). */
export default async function CorrectionsPolicyPage() {
  const { policy, deskName, updatedAt } = await getCorrectionsPolicy();
  return (
    <>
      <PublicSiteHeader deskName={deskName} />
      <div className={`public-site-body ${ANY_SCRIPT_CLASS}`} data-testid="corrections-policy">
        <h1>Corrections policy</h1>
        {policy ? (
          <>
            <Markdown source={policy} />
            {updatedAt && <p className="muted">Last updated {updatedAt}.</p>}
          </>
        ) : (
          <p>
            When a published fact-check is corrected, its page shows a dated note saying what changed and why; a retracted fact-check keeps a public
            notice with the reason. <UserText>{deskName}</UserText> has not published a longer policy yet.
          </p>
        )}
      </div>
    </>
  );
}

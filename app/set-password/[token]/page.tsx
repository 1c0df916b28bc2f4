import type { Metadata } from "next";
import Link from "next/link";
import { SetPasswordForm } from "@/components/set-password-form";
import { LINK_REFUSALS, readSetPasswordLink } from "@/lib/server/set-password-links";
import { setPasswordWithLinkAction } from "./actions";

export const metadata: Metadata = { title: "Set your password", referrer: "no-referrer" };

/**
 * A one-time set-password link's page (issue 15): open without signing in. A link that works shows
 * the form (the password policy is checked on submit); a used, expired, replaced or unknown link gets
 * its clear answer and no form.
 */
export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await readSetPasswordLink(decodeURIComponent(token));
  return (
    <div className="panel login">
      <h1>Set your password</h1>
      {link.state === "valid" ? (
        <>
          <p>
            For <strong>{link.name}</strong> ({link.email}). This link works once, until {link.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC.
          </p>
          <SetPasswordForm action={setPasswordWithLinkAction} token={decodeURIComponent(token)} />
        </>
      ) : (
        <>
          <p className="form-message error" role="alert" data-testid="set-password-refused">
            {LINK_REFUSALS[link.state]}
          </p>
          <p>
            <Link href="/login">Go to sign-in</Link>
          </p>
        </>
      )}
    </div>
  );
}

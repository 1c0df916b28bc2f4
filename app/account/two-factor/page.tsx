import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ConfirmTwoFactorForm, DisableTwoFactorForm, SimpleActionForm } from "@/components/account/two-factor-forms";
import { getCurrentUser, getSessionClaims } from "@/lib/server/auth";
import { readPendingEnrolment, readTwoFactorStatus } from "@/lib/server/auth/two-factor";
import { confirmTwoFactorAction, disableTwoFactorAction, startTwoFactorAction } from "./actions";

export const metadata: Metadata = { title: "Two-factor sign-in" };

/** /account/two-factor: set up, confirm or turn off TOTP two-factor sign-in for one's own account. */
export default async function TwoFactorPage() {
  const actor = await getCurrentUser();
  if (!actor) redirect("/login?callbackUrl=/account/two-factor");
  const [status, pending, claims] = await Promise.all([readTwoFactorStatus(actor), readPendingEnrolment(actor), getSessionClaims()]);
  return (
    <>
      <h1>Two-factor sign-in</h1>
      {claims?.mfa === 1 && !status.enabled && (
        <p className="form-message error" data-testid="two-factor-required">
          Your role must use two-factor sign-in. Set it up to continue.
        </p>
      )}
      {status.enabled ? (
        <section className="panel" aria-label="Two-factor sign-in is on">
          <p data-testid="two-factor-state">
            Two-factor sign-in is on since {status.enabledAt?.toISOString().slice(0, 10)}. {status.remainingRecoveryCodes} of 10 recovery codes left.
          </p>
          <h2>Turn it off</h2>
          <DisableTwoFactorForm action={disableTwoFactorAction} />
        </section>
      ) : pending ? (
        <section className="panel" aria-label="Set up your authenticator">
          <h2>1. Scan this code with your authenticator app</h2>
          {/* SVG made by the qrcode library from our own otpauth:// URI; it holds no user-supplied markup. */}
          <div className="qr-code" data-testid="totp-qr" dangerouslySetInnerHTML={{ __html: pending.qrSvg }} />
          <p>
            Or type this key by hand: <code data-testid="totp-manual-key">{pending.manualKey}</code>
          </p>
          <h2>2. Enter the code it shows</h2>
          <ConfirmTwoFactorForm action={confirmTwoFactorAction} />
        </section>
      ) : (
        <section className="panel" aria-label="Set up two-factor sign-in">
          <p data-testid="two-factor-state">Two-factor sign-in is off.</p>
          <p className="muted">
            With it on, signing in asks for a 6-digit code from an authenticator app (any app that reads TOTP QR codes) after your password.
          </p>
          <SimpleActionForm action={startTwoFactorAction} label="Set up two-factor sign-in" testId="start-two-factor-form" />
        </section>
      )}
    </>
  );
}

import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/login-form";
import { getCurrentUser, TWO_FACTOR_REQUIRED } from "@/lib/server/auth";
import { env } from "@/lib/server/env";
import { PLACEHOLDER_ORIGIN, sameOriginPath } from "@/lib/domain/safe-redirect";

/** Where to go after signing in: the requested page when it is on this app's origin, else My claims. */
function signInDestination(callbackUrl: string | undefined): string {
  return sameOriginPath(callbackUrl, env.NEXTAUTH_URL ?? PLACEHOLDER_ORIGIN) ?? "/claims";
}

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[]; passwordChanged?: string | string[] }> }) {
  if (await getCurrentUser()) redirect("/claims");
  const { callbackUrl, passwordChanged } = await searchParams;
  return (
    <div className="panel login">
      <h1>Sign in to ClaimLedger</h1>
      {passwordChanged === "1" && (
        <p className="form-message ok" data-testid="password-changed">
          Your password was changed. Sign in with your new password.
        </p>
      )}
      <LoginForm destination={signInDestination(typeof callbackUrl === "string" ? callbackUrl : undefined)} twoFactorPrompt={TWO_FACTOR_REQUIRED} />
      {env.CLAIMLEDGER_DEMO === "1" && (
        <p className="muted">Demo mode: the demo accounts and their passwords were printed by <code>npm run demo</code>.</p>
      )}
    </div>
  );
}

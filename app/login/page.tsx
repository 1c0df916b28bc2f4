import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/login-form";
import { getCurrentUser } from "@/lib/server/auth";
import { env } from "@/lib/server/env";

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
      <LoginForm callbackUrl={typeof callbackUrl === "string" ? callbackUrl : undefined} />
      {env.CLAIMLEDGER_DEMO === "1" && (
        <p className="muted">Demo mode: the demo accounts and their passwords were printed by <code>npm run demo</code>.</p>
      )}
    </div>
  );
}

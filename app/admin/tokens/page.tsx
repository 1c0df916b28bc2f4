import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { ApiTokenForm } from "@/components/admin/api-token-form";
import { ApiTokenList } from "@/components/admin/api-token-list";
import { listApiTokens } from "@/lib/server/api-tokens";
import { getCurrentUser, getSessionClaims } from "@/lib/server/auth";
import { isRecentlyAuthenticated } from "@/lib/server/auth/reauth";
import { readTwoFactorStatus } from "@/lib/server/auth/two-factor";
import { isAdmin } from "@/lib/server/permissions";
import { listAssignableUsers } from "@/lib/server/users";
import { createApiTokenAction, revokeApiTokenAction } from "./actions";

export const metadata: Metadata = { title: "API tokens" };

export default async function ApiTokensPage() {
  const actor = await getCurrentUser();
  if (!actor) redirect("/login?callbackUrl=/admin/tokens");
  if (!isAdmin(actor)) notFound();
  const [tokens, people, claims, twoFactor] = await Promise.all([listApiTokens(actor), listAssignableUsers(actor), getSessionClaims(), readTwoFactorStatus(actor)]);
  const reauthNeeded = !(claims && isRecentlyAuthenticated(claims));
  return (
    <>
      <h1>API tokens</h1>
      <p className="muted">
        Programs use the REST API under <code>/api/v1</code> with a token sent as <code>Authorization: Bearer &lt;token&gt;</code>. The endpoints are
        described in the <a href="/api/v1/openapi.json">OpenAPI document</a>.
      </p>
      <section className="panel" aria-label="New token">
        <h2>New token</h2>
        <ApiTokenForm action={createApiTokenAction} people={people} defaultUserId={actor.id} reauthNeeded={reauthNeeded} twoFactor={twoFactor.enabled} />
      </section>
      <section aria-label="Tokens">
        <h2>Tokens</h2>
        <ApiTokenList tokens={tokens} revokeAction={revokeApiTokenAction} />
      </section>
    </>
  );
}

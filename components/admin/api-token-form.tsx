"use client";

import { guardFormSize } from "../form-size-guard";
import { useActionState, useState } from "react";
import { API_TOKEN_SCOPE_LABELS, API_TOKEN_SCOPES } from "@/lib/domain/api-token";
import { IDLE_STATE } from "@/lib/validation/action-state";
import type { CreateApiTokenState } from "@/lib/validation/api-tokens";
import { FieldError, FormMessage, invalidProps, keptValue } from "../form-message";
import { ReauthFields } from "../reauth-fields";

type CreateTokenAction = (prev: CreateApiTokenState, formData: FormData) => Promise<CreateApiTokenState>;

/** The new token's secret, shown once after creation with a copy button. */
function NewTokenSecret({ name, secret }: { name: string; secret: string }) {
  const [copied, setCopied] = useState<"idle" | "ok" | "failed">("idle");
  return (
    <div className="token-secret" data-testid="new-token" role="status">
      <p>
        <strong>Copy the token “{name}” now.</strong> It is shown only this once: ClaimLedger keeps only a hash of it.
      </p>
      <div className="row">
        <input readOnly value={secret} aria-label="New API token" data-testid="new-token-value" onFocus={(e) => e.currentTarget.select()} className="mono" />
        <button
          type="button"
          className="secondary"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(secret);
              setCopied("ok");
            } catch {
              setCopied("failed");
            }
          }}
        >
          {copied === "ok" ? "Copied" : "Copy"}
        </button>
      </div>
      {copied === "failed" && <p className="muted">Copying was blocked by the browser; select the token and copy it by hand.</p>}
    </div>
  );
}

export function ApiTokenForm({
  action,
  people,
  defaultUserId,
  reauthNeeded = false,
  twoFactor = false,
}: {
  action: CreateTokenAction;
  people: { id: string; name: string; role: string }[];
  defaultUserId: string;
  /** The session is past its re-authentication window: ask for the password with the form. */
  reauthNeeded?: boolean;
  /** The admin uses two-factor sign-in: ask for a code too when re-authenticating. */
  twoFactor?: boolean;
}) {
  const [state, formAction, pending] = useActionState(guardFormSize(action), IDLE_STATE as CreateApiTokenState);
  return (
    <>
      {state.status === "ok" && state.secret && <NewTokenSecret name={state.tokenName ?? ""} secret={state.secret} />}
      <form action={formAction} className="stack" data-testid="api-token-form" noValidate>
        <label>
          Name
          <input name="name" defaultValue={keptValue(state, "name")} placeholder="What the token is for" {...invalidProps(state, "name")} />
        </label>
        <FieldError state={state} name="name" />
        <div className="row">
          <label>
            Access
            <select key={`scope-${keptValue(state, "scope", "READ")}`} name="scope" defaultValue={keptValue(state, "scope", "READ")} {...invalidProps(state, "scope")}>
              {API_TOKEN_SCOPES.map((s) => (
                <option key={s} value={s}>
                  {API_TOKEN_SCOPE_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Acts as
            <select key={`user-${keptValue(state, "userId", defaultUserId)}`} name="userId" defaultValue={keptValue(state, "userId", defaultUserId)} {...invalidProps(state, "userId")}>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.role.toLowerCase()})
                </option>
              ))}
            </select>
          </label>
          <label>
            Expires (optional)
            <input name="expiresAt" type="date" defaultValue={keptValue(state, "expiresAt")} {...invalidProps(state, "expiresAt")} />
          </label>
        </div>
        <FieldError state={state} name="scope" />
        <FieldError state={state} name="userId" />
        <FieldError state={state} name="expiresAt" />
        <p className="muted">
          The token can do what the chosen person can do, never more; a read-only token can only read. It stops working when it is revoked, when it
          expires (at the end of that day, UTC) or when that person&apos;s account is deactivated.
        </p>
        <ReauthFields state={state} needed={reauthNeeded} twoFactor={twoFactor} />
        <FormMessage state={state} />
        <div>
          <button type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create token"}
          </button>
        </div>
      </form>
    </>
  );
}

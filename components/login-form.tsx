"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { sameOriginPath } from "@/lib/domain/safe-redirect";

/**
 * The sign-in form. `destination` is where to go afterwards; it is checked again here (same origin as
 * this page, read as the browser reads it) so no caller can turn the form into an open redirect.
 * When the account uses two-factor sign-in, the server answers `twoFactorPrompt` and the form asks
 * for the code (or a recovery code), sending email and password again with it.
 */
export function LoginForm({ destination, twoFactorPrompt }: { destination: string; twoFactorPrompt: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [askCode, setAskCode] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    const code = String(form.get("code") ?? "").trim();
    if (!email || !password) {
      setError("Enter your email and password.");
      return;
    }
    if (askCode && !code) {
      setError(twoFactorPrompt);
      return;
    }
    setPending(true);
    setError(null);
    const result = await signIn("credentials", { email, password, ...(askCode ? { code } : {}), redirect: false });
    if (!result || result.error) {
      setPending(false);
      if (result?.error === twoFactorPrompt) {
        setAskCode(true);
        setError(null);
        return;
      }
      setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "Invalid email or password.");
      return;
    }
    router.replace(sameOriginPath(destination, window.location.origin) ?? "/claims");
    router.refresh();
  }

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <label>
        Email
        <input name="email" type="email" autoComplete="username" required readOnly={askCode} />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required readOnly={askCode} />
      </label>
      {askCode && (
        <>
          <p data-testid="two-factor-prompt">{twoFactorPrompt}</p>
          <label>
            Two-factor code
            <input name="code" inputMode="numeric" autoComplete="one-time-code" autoFocus required />
          </label>
        </>
      )}
      {error && (
        <p className="form-message error" data-testid="login-error" aria-live="polite">
          {error}
        </p>
      )}
      <button type="submit" disabled={pending}>
        {pending ? "Signing in…" : askCode ? "Verify" : "Sign in"}
      </button>
    </form>
  );
}

/** A generated one-time password, shown once after an admin creates an account or resets a password. */
export function OneTimePassword({ password, forEmail }: { password: string; forEmail?: string }) {
  return (
    <div className="token-secret" data-testid="one-time-password" role="status">
      <p>
        <strong>One-time password{forEmail ? ` for ${forEmail}` : ""}:</strong> give it to them now; it is shown only this once. They must choose
        their own password when they first sign in with it.
      </p>
      <input readOnly value={password} aria-label="One-time password" data-testid="one-time-password-value" className="mono" onFocus={(e) => e.currentTarget.select()} />
    </div>
  );
}

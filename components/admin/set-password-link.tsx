"use client";

import { useEffect, useState } from "react";

/**
 * A one-time set-password link, shown once after an admin creates an account or resets a password
 * with a link. The server answers with the link's path; it is made absolute with this page's origin.
 */
export function SetPasswordLink({ path, expiresAt, forEmail }: { path: string; expiresAt: string; forEmail?: string }) {
  const [href, setHref] = useState(path);
  useEffect(() => setHref(new URL(path, window.location.origin).toString()), [path]);
  const until = new Date(expiresAt).toISOString().slice(0, 16).replace("T", " ");
  return (
    <div className="token-secret" data-testid="set-password-link" role="status">
      <p>
        <strong>Set-password link{forEmail ? ` for ${forEmail}` : ""}:</strong> give it to them now; it is shown only this once, works once and
        expires {until} UTC. They choose their own password with it.
      </p>
      <input readOnly value={href} aria-label="Set-password link" data-testid="set-password-link-value" className="mono" onFocus={(e) => e.currentTarget.select()} />
    </div>
  );
}

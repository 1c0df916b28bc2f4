import { API_TOKEN_SCOPE_LABELS, isApiTokenScope, type ApiTokenStatus } from "@/lib/domain/api-token";
import type { FormAction } from "@/lib/validation/action-state";
import { ActionForm } from "../action-form";
import { formatDate, formatDateTime } from "../status-badge";

export interface ApiTokenRow {
  id: string;
  name: string;
  scope: string;
  prefix: string;
  status: ApiTokenStatus;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  user: { name: string; role: string; active: boolean };
  createdBy: { name: string };
  revokedBy: { name: string } | null;
}

const STATUS_LABELS: Record<ApiTokenStatus, string> = { ACTIVE: "Active", EXPIRED: "Expired", REVOKED: "Revoked" };

export function ApiTokenList({ tokens, revokeAction }: { tokens: ApiTokenRow[]; revokeAction: FormAction }) {
  if (tokens.length === 0) return <p className="panel muted">No API tokens yet.</p>;
  return (
    <table className="data" data-testid="api-tokens-table">
      <thead>
        <tr>
          <th>Name</th>
          <th>Access</th>
          <th>Acts as</th>
          <th>Created</th>
          <th>Last used</th>
          <th>Expires</th>
          <th>Status</th>
          <th aria-label="Actions" />
        </tr>
      </thead>
      <tbody>
        {tokens.map((t) => (
          <tr key={t.id} data-testid="api-token-row" data-token-id={t.id}>
            <td>
              {t.name}
              <div className="muted mono">{t.prefix}…</div>
            </td>
            <td>{isApiTokenScope(t.scope) ? API_TOKEN_SCOPE_LABELS[t.scope] : t.scope}</td>
            <td>
              {t.user.name} <span className="muted">({t.user.role.toLowerCase()})</span>
              {!t.user.active && <div className="muted">account deactivated</div>}
            </td>
            <td>
              {formatDateTime(t.createdAt)}
              <div className="muted">by {t.createdBy.name}</div>
            </td>
            <td data-testid="token-last-used">{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : <span className="muted">never</span>}</td>
            <td>{t.expiresAt ? formatDate(t.expiresAt) : <span className="muted">never</span>}</td>
            <td data-testid="token-status">
              <span className={`badge token-${t.status}`}>{STATUS_LABELS[t.status]}</span>
              {t.revokedAt && (
                <div className="muted">
                  {formatDateTime(t.revokedAt)}
                  {t.revokedBy ? ` by ${t.revokedBy.name}` : ""}
                </div>
              )}
            </td>
            <td>
              {t.status !== "REVOKED" && (
                <ActionForm action={revokeAction} hidden={{ tokenId: t.id }} submitLabel="Revoke" submitClass="danger" testId="revoke-token-form" inline />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
